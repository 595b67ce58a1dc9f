"""The fast expects_arguments gives NiceGUI's own answer for every kind of callable."""

import functools
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import helpers
from nicegui.testing import User

from ui import nicegui_speedups
from ui.nicegui_speedups import expects_arguments


def decorated(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return wrapper


class Handler:
    def no_arguments(self) -> None: ...
    def one(self, event: object) -> None: ...
    def defaulted(self, event: object = None) -> None: ...
    def keyword(self, *, event: object) -> None: ...
    def keyword_defaulted(self, *, event: object = None) -> None: ...
    def variadic(self, *args: object, **kwargs: object) -> None: ...
    def __call__(self, event: object) -> None: ...

    @staticmethod
    def static(event: object) -> None: ...

    @classmethod
    def of_class(cls) -> None: ...


def plain(a: object, b: object = 1, /, c: object = 2, *rest: object, d: object = 3) -> None: ...
def positional_only(a: object, /) -> None: ...
def nothing() -> None: ...


@decorated
def wrapped_one(event: object) -> None: ...


handler = Handler()
CALLABLES: list[Callable[..., Any]] = [
    handler.no_arguments,
    handler.one,
    handler.defaulted,
    handler.keyword,
    handler.keyword_defaulted,
    handler.variadic,
    handler,
    Handler.static,
    Handler.of_class,
    Handler.one,  # the function itself: self is a parameter
    plain,
    positional_only,
    nothing,
    wrapped_one,
    lambda: None,
    lambda event: None,
    lambda event=None: None,
    lambda *args: None,
    functools.partial(plain, 1),
    functools.partial(Handler.one, handler),
    print,
    len,
    helpers.is_coroutine_function,
]


@pytest.mark.parametrize("number", range(len(CALLABLES)))  # ids the same in every worker
def test_the_answer_is_nicegui_s(number: int) -> None:
    func = CALLABLES[number]
    assert expects_arguments(func) == nicegui_speedups._nicegui_check(func), func


async def test_the_app_uses_it(user: User) -> None:
    await user.open("/login")  # the app is set up (ui.pages.register_pages puts it in place)
    assert helpers.expects_arguments is expects_arguments
