"""Check your answers: every answer with a Change link, the problems left, and Submit."""

from collections.abc import Callable

from nicegui import ui

from domain.problems import Problem
from domain.request import FIELD_LABELS
from domain.sla import IncompleteRequest, processing_time_of
from domain.summary import answers
from storage.db.tables import utc_now
from ui.format import display_cents, display_datetime
from ui.i18n import _
from ui.wizard.documents import contract_answer
from ui.wizard.form import summary_line
from ui.wizard.state import WizardState

CONTRACT_LABEL = FIELD_LABELS["invoice_split_contract_id"]


def review(
    state: WizardState,
    on_change: Callable[[str], None],
    on_submit: Callable[[], None],
    refused: list[Problem] | None = None,
) -> None:
    """The answers with Change links and Send; ``refused``: why the server refused a Send."""
    problems = list(dict.fromkeys([*(refused or []), *state.all_problems()]))
    if problems:
        with (
            ui.column()
            .classes("w-full border-l-4 border-negative bg-red-50 p-4 gap-1")
            .props('role="alert"')
            .mark("review-problems")
        ):
            ui.label(_("There is a problem")).classes("text-lg font-bold text-negative")
            for problem in problems:
                ui.link(summary_line(problem)).classes("text-negative underline cursor-pointer").on(
                    "click", lambda _e, f=problem.field: on_change(f)
                )
    # One description list per step (a <dl> holds only rows of <dt> and <dd>): the step's name
    # is a heading above it.
    groups: list[tuple[str, list[tuple[str, str, str]]]] = []
    for answer in answers(state.request, state.context):
        if not groups or groups[-1][0] != answer.step.label:
            groups.append((answer.step.label, []))
        groups[-1][1].append((_(answer.label), answer.render(_, display_cents), answer.field))
    contract = contract_answer(state)
    if contract is not None and groups:
        groups[-1][1].append((_(CONTRACT_LABEL), contract, "invoice_split_contract_id"))
    for step_label, rows in groups:
        ui.label(_(step_label)).classes("text-lg font-bold mt-4").props(
            'role="heading" aria-level="3"'
        )
        with ui.element("dl").classes("w-full"):
            for label, value, field in rows:
                _row(label, value, lambda f=field: on_change(f), field)
    try:
        expected = processing_time_of(state.request, utc_now())
    except IncompleteRequest:
        expected = None
    if expected is not None:
        with ui.card().classes("w-full bg-blue-50").mark("expected-time"):
            ui.label(
                _("Processing time: {turnaround}", turnaround=_(expected.turnaround.label))
            ).classes("font-bold")
            ui.label(
                _(
                    "Expected completion if you send it now: {moment}",
                    moment=display_datetime(expected.due),
                )
            )
    submit = ui.button(
        _("Send the request"), on_click=lambda: (submit.disable(), on_submit())
    ).mark("submit")
    submit.props("size=lg")
    if problems:
        submit.disable()


def _row(label: str, value: str, change: Callable[[], None], field: str) -> None:
    with ui.row().classes("w-full items-baseline border-b py-2 gap-4").mark(f"answer-{field}"):
        with ui.element("dt").classes("w-64 font-medium"):
            ui.label(label)
        with ui.element("dd").classes("flex-1"):
            ui.label(value)
        with ui.element("dd"):
            button = ui.button(_("Change"), on_click=change).props("flat dense no-caps")
            button.props["aria-label"] = f"{_('Change')} {label}"
            button.mark(f"change-{field}")
