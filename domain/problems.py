"""What validation reports: a problem tied to a field, worded as what the user should do."""

import dataclasses
from collections.abc import Callable

ParamValue = str | int

# Param names whose values are themselves message ids (e.g. an option name): translate them too.
TRANSLATED_PARAMS = frozenset({"option", "field"})
# Param names whose values are amounts in cents: the caller writes them in the user's money format.
MONEY_PARAMS = frozenset({"amount"})


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing to fix.

    ``field`` is the name of the ``OrderRequest`` field the problem belongs to; ``message`` is an
    English message id (marked with ``N_``) with ``{placeholders}`` filled from ``params``.
    """

    field: str
    message: str
    params: dict[str, ParamValue] = dataclasses.field(default_factory=dict, hash=False)

    def render(self, translate: Callable[[str], str], money: Callable[[int], str]) -> str:
        """The message in the user's language, with its params filled in (amounts in cents
        written by ``money``, e.g. '500,00 €')."""
        params = {
            name: self._shown(name, value, translate, money) for name, value in self.params.items()
        }
        try:
            return translate(self.message).format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not hide the problem: fall back to the English text.
            return self.message.format(**params)

    @staticmethod
    def _shown(
        name: str, value: ParamValue, translate: Callable[[str], str], money: Callable[[int], str]
    ) -> ParamValue:
        if name in TRANSLATED_PARAMS and isinstance(value, str):
            return translate(value)
        if name in MONEY_PARAMS and isinstance(value, int):
            return money(value)
        return value
