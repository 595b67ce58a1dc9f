""" "I fill it in" or "Ask the employee": on the number-and-owner step (the owner's details
and consent) and the Invoice Split step (the contract, signed online). Asking the employee
takes their e-mail address and language, once, on the first step that asks them anything."""

from collections.abc import Callable

from nicegui import ui

from domain.employee_link import waits_for_employee
from domain.language import Language
from domain.request import OrderRequest
from domain.steps import Step, contact_step
from ui.i18n import _
from ui.wizard.form import StepForm, on_change
from ui.wizard.sections import Sections
from ui.wizard.state import WizardState

ASK, SELF = "ask", "self"


def who_gives(
    state: WizardState, form: StepForm, field: str, question: str, options: dict[str, str]
) -> None:
    """A radio: the fleet manager gives the answers (``self``) or asks the employee (``ask``)."""
    asked = bool(getattr(state.request, field))

    def changed(value: object) -> None:
        form.clear(field)
        state.set(field, value == ASK)

    named = ui.label(question).classes("font-medium")
    radio = ui.radio(options, value=ASK if asked else SELF, on_change=on_change(changed))
    radio.props(f'aria-labelledby="{named.html_id}"').mark(field)
    form.field(field, radio)


def employee_contact(
    state: WizardState,
    form: StepForm,
    sections: Sections,
    step: Step,
    text_input: Callable[..., None],
) -> None:
    """Where the link goes, on ``step`` when it is the first to ask the employee; a later step
    only says where it goes."""

    def here(r: OrderRequest) -> bool:
        return waits_for_employee(r) and contact_step(r) is step

    with sections.when(here):
        ui.label(
            _(
                "The employee receives a link, valid 7 days, to give their part from their phone or computer. You check their answers before the request is sent, unless you tick below."
            )
        ).classes("text-sm")
        text_input(state, form, "employee_email", type="email", autocomplete="off")
        languages = {language.value: language.native_name for language in Language}
        _language_choice(state, form, languages)
        box = ui.checkbox(
            _("Send the request by itself when the employee is done"),
            value=state.request.send_when_employee_done,
            on_change=on_change(lambda v: state.set("send_when_employee_done", v is True)),
        )
        box.mark("send_when_employee_done")


def _language_choice(state: WizardState, form: StepForm, languages: dict[str, str]) -> None:
    current = state.request.employee_language

    def changed(value: object) -> None:
        form.clear("employee_language")
        state.set("employee_language", value)

    named = ui.label(_("Language of the employee's e-mail")).classes("font-medium")
    radio = ui.radio(
        languages, value=current.value if current else None, on_change=on_change(changed)
    )
    radio.props(f'aria-labelledby="{named.html_id}"').mark("employee_language")
    form.field("employee_language", radio)


def owner_choice(state: WizardState, form: StepForm) -> None:
    who_gives(
        state,
        form,
        "ask_employee_transfer",
        _("Who gives the owner's details and consent?"),
        {SELF: _("I fill them in"), ASK: _("Ask the employee by e-mail")},
    )


def signature_choice(state: WizardState, form: StepForm) -> None:
    who_gives(
        state,
        form,
        "ask_employee_signature",
        _("How does the employee sign the contract?"),
        {
            SELF: _("On paper: I upload the signed scan"),
            ASK: _("Online, through their own link"),
        },
    )
