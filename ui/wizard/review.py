"""Check your answers: every answer with a Change link, the problems left, and Send."""

from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui

from domain.employee_link import waits_for_employee
from domain.problems import Problem
from domain.sla import IncompleteRequest, processing_time_of
from ui.answers import answer_groups, contract_row
from ui.format import display_datetime
from ui.i18n import _
from ui.kit import answer_list, problem_box
from ui.wizard.documents import contract_answer
from ui.wizard.form import summary_line
from ui.wizard.state import WizardState


def review(
    state: WizardState,
    on_change: Callable[[str], None],
    on_fix: Callable[[Problem], None],
    on_submit: Callable[[], Awaitable[None]],
    refused: list[Problem] | None = None,
) -> None:
    """The answers with Change links and Send; ``refused``: why the server refused a Send.
    A problem's link goes to its field (``on_fix``), a Change link to its answer's step."""
    problems = list(dict.fromkeys([*(refused or []), *state.all_problems()]))
    if problems:
        with problem_box("review-problems"):
            for problem in problems:
                ui.link(summary_line(problem)).classes("text-negative underline cursor-pointer").on(
                    "click", lambda _e, p=problem: on_fix(p)
                )
    contract = contract_answer(state)
    row = contract_row(contract) if contract is not None else None
    answer_list(answer_groups(state.request, state.context, row), change=on_change)
    expected_time(state)

    def send() -> None:
        submit.disable()  # at once (a second click does nothing), then the send, which waits
        background_tasks.create(on_submit(), name="send", context=ui.context.client)

    asking = waits_for_employee(state.request)
    label = _("Send to the employee") if asking else _("Send the request")
    submit = ui.button(label, on_click=send).mark("ask-employee" if asking else "submit")
    submit.props("size=lg")
    if problems:
        submit.disable()


def expected_time(state: WizardState) -> None:
    """The processing time and when the order would be done if sent now (once known)."""
    try:
        expected = processing_time_of(state.request, state.services.clock())
    except IncompleteRequest:
        return
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
