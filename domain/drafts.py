"""Two tabs on one draft: their answers merged field by field, as a version control system
merges two edits of one file from the version both started from."""

import dataclasses
from dataclasses import dataclass

from domain.request import OrderRequest


@dataclass(frozen=True)
class Merged:
    request: OrderRequest
    taken: tuple[str, ...]  # the fields whose answer came from the other tab


def merge_answers(base: OrderRequest, mine: OrderRequest, theirs: OrderRequest) -> Merged:
    """``mine`` and ``theirs`` both started from ``base``: an answer only one side changed
    takes that side's; an answer both changed keeps mine (this tab's, just typed), and the
    other tab, behind in its turn, offers its own back."""
    values: dict[str, object] = {}
    taken: list[str] = []
    for field in dataclasses.fields(OrderRequest):
        name = field.name
        base_value, my_value, their_value = (
            getattr(request, name) for request in (base, mine, theirs)
        )
        if my_value == base_value and their_value != base_value:
            values[name] = their_value
            taken.append(name)
        else:
            values[name] = my_value
    return Merged(dataclasses.replace(mine, **values), tuple(taken))  # type: ignore[arg-type]
