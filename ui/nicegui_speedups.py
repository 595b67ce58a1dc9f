"""A hot spot of NiceGUI 3.18, fixed at its cause until NiceGUI does.

Every element's props, classes and style are observable collections, and each asks
``helpers.expects_arguments`` whether its change handler takes arguments: an
``inspect.signature`` call, three for every element built. With 200 people in the wizard at
once (benchmarks/crowd.py), py-spy found a third of the event loop's time there. For a plain
function or a bound method the answer is in its code object; anything else (a partial, a
wrapped function, a callable object) still goes to NiceGUI's own check.
"""

import types
from collections.abc import Callable
from typing import Any

from nicegui import helpers

_nicegui_check = helpers.expects_arguments


def expects_arguments(func: Callable[..., Any]) -> bool:
    """Whether ``func`` has a parameter without a default (not ``*args``/``**kwargs``)."""
    bound = isinstance(func, types.MethodType)  # its first parameter is taken
    function = func.__func__ if isinstance(func, types.MethodType) else func  # (for mypy)
    if type(function) is not types.FunctionType or _rewrapped(function):
        return _nicegui_check(func)
    code = function.__code__
    positional = code.co_argcount - len(function.__defaults__ or ()) - bound
    keyword_only = code.co_kwonlyargcount - len(function.__kwdefaults__ or {})
    return positional > 0 or keyword_only > 0


def _rewrapped(function: types.FunctionType) -> bool:
    """A signature that is not the code's own (functools.wraps, an explicit __signature__)."""
    return hasattr(function, "__wrapped__") or hasattr(function, "__signature__")


def speed_up_nicegui() -> None:
    helpers.expects_arguments = expects_arguments
