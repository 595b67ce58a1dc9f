"""A request's answers as the fleet manager reads them back, grouped by step: check your
answers and the order page show the same list."""

from domain.context import FleetContext
from domain.request import FIELD_LABELS, OrderRequest
from domain.summary import answers
from ui.format import display_cents
from ui.i18n import _
from ui.kit import AnswerRow

CONTRACT_FIELD = "invoice_split_contract_id"


def answer_groups(
    request: OrderRequest, context: FleetContext, contract: AnswerRow | None = None
) -> list[tuple[str, list[AnswerRow]]]:
    """(step name, rows) in step order; ``contract`` ends the last step (Invoice Split)."""
    groups: list[tuple[str, list[AnswerRow]]] = []
    for answer in answers(request, context):
        step = _(answer.step.label)
        if not groups or groups[-1][0] != step:
            groups.append((step, []))
        groups[-1][1].append(
            AnswerRow(answer.field, _(answer.label), answer.render(_, display_cents))
        )
    if contract is not None and groups:
        groups[-1][1].append(contract)
    return groups


def contract_row(value: str, href: str | None = None) -> AnswerRow:
    return AnswerRow(CONTRACT_FIELD, _(FIELD_LABELS[CONTRACT_FIELD]), value, href)
