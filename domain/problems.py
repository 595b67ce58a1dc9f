"""What validation reports: a problem tied to a field, worded as what the user should do."""

import dataclasses
from collections.abc import Callable

ParamValue = str | int

# Param names whose values are themselves message ids (e.g. an option name): translate them too.
TRANSLATED_PARAMS = frozenset({"option", "field"})


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing to fix.

    ``field`` is the name of the ``OrderRequest`` field the problem belongs to; ``message`` is an
    English message id (marked with ``N_``) with ``{placeholders}`` filled from ``params``.
    """

    field: str
    message: str
    params: dict[str, ParamValue] = dataclasses.field(default_factory=dict, hash=False)

    def render(self, translate: Callable[[str], str]) -> str:
        """The message in the user's language, with its params filled in."""
        params = {
            name: translate(value)
            if name in TRANSLATED_PARAMS and isinstance(value, str)
            else value
            for name, value in self.params.items()
        }
        try:
            return translate(self.message).format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not hide the problem: fall back to the English text.
            return self.message.format(**params)
