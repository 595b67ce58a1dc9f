"""The /add page: the stepper, its navigation, check your answers and submission."""

from nicegui import ui

from domain.orders import PlacedOrder
from domain.problems import Problem
from domain.rejections import RejectionReason, rejection_reason
from domain.steps import Step, step_of
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import company_context
from storage.queries.orders import order_view
from storage.use_cases import Refused, Services, discard_draft, place_order, resubmit_order
from ui.frame import manager_page
from ui.i18n import _
from ui.kit import confirm, heading
from ui.order_page import what_to_correct
from ui.wizard import steps as step_contents
from ui.wizard.form import StepForm, focus_when_shown
from ui.wizard.review import review
from ui.wizard.sections import Sections
from ui.wizard.state import CHECK, CONFIRMATION, WizardState


def step_heading(text: str, step: str) -> ui.label:
    """The step's title as a heading: where the focus goes when the step opens, so that a
    screen reader says which step this is (Quasar's step header is not announced)."""
    return heading(text, 2, "outline-none").props(f'tabindex="-1" data-step-heading="{step}"')


BUILDERS = {
    Step.REQUEST_TYPE: step_contents.request_type_step,
    Step.NUMBER_AND_OWNER: step_contents.number_and_owner_step,
    Step.SIM_AND_BILLING: step_contents.sim_and_billing_step,
    Step.PLAN_AND_OPTIONS: step_contents.plan_and_options_step,
    Step.INVOICE_SPLIT: step_contents.invoice_split_step,
}


class Wizard:
    def __init__(self, services: Services, manager: SignedInManager) -> None:
        self.state = WizardState(
            services, manager, company_context(services.engine, manager.company_id)
        )
        self.forms: dict[Step, StepForm] = {}
        self.stepper: ui.stepper
        self.step_elements: dict[Step, ui.step] = {}

    def build(self) -> None:
        correcting = self.state.correcting
        with ui.row().classes("w-full items-center justify-between"):
            title = _("Correct order {reference}", reference=correcting) if correcting else None
            heading(title or _("Add a card to my fleet"), 1).mark("wizard")
            self.discard_button()
        rejected = self.correction_reason()
        sections = Sections(self.state)
        with (
            ui.stepper(value=self.state.step)
            .props("flat animated=false")
            .classes("w-full")
            .mark("stepper") as self.stepper
        ):
            for step in Step:
                with ui.step(step.value, title=_(step.label)) as element:
                    self.step_elements[step] = element
                    step_title = step_heading(_(step.label), step.value)
                    self.forms[step] = form = StepForm(step_title)
                    BUILDERS[step](self.state, form, sections)
                    self.navigation(step)
            with ui.step(CHECK, title=_("Check your answers")):
                step_heading(_("Check your answers before sending the request"), CHECK)
                self.review = ui.column().classes("w-full gap-4").mark("review")
                with ui.stepper_navigation():
                    back = ui.button(
                        _("Previous"), on_click=lambda: self.go(self.state.before(CHECK))
                    )
                    back.props("flat").mark(f"previous-{CHECK}")
            ui.step(CONFIRMATION, title=_("Confirmation")).props("disable")
        self.mark_concerned(rejected)
        self.state.listeners.append(self.show_applicable_steps)
        self.show_applicable_steps()
        self.tick_steps_before(self.state.step)
        if self.state.step == CHECK:
            self.show_review()

    def discard_button(self) -> None:
        """Discard draft, shown once the draft has an answer: before, there is nothing to lose."""
        discard = ui.button(_("Discard draft"), on_click=self.ask_discard)
        discard.props("flat color=negative").mark("discard")

        def show_when_answered() -> None:
            discard.set_visibility(self.state.request.has_answer)

        self.state.listeners.append(show_when_answered)
        show_when_answered()

    def tick_steps_before(self, current: str) -> None:
        """A reopened draft shows the steps before its own as done, as going forward does
        (NiceGUI ticks them only when the step changes, not for the step it starts at)."""
        names = [step.value for step in Step] + [CHECK]
        reached = names.index(current) if current in names else 0
        for step, element in self.step_elements.items():
            element.props(f":done={names.index(step.value) < reached}")

    def navigation(self, step: Step) -> None:
        with ui.stepper_navigation():
            ui.button(_("Continue"), on_click=lambda: self.next(step)).mark(f"next-{step.value}")
            if step is not Step.REQUEST_TYPE:
                ui.button(_("Previous"), on_click=lambda: self.go(self.state.before(step))).props(
                    "flat"
                ).mark(f"previous-{step.value}")

    def show_applicable_steps(self) -> None:
        applicable = self.state.steps()
        for step, element in self.step_elements.items():
            if step in applicable:
                element.props(remove="disable")
            else:
                element.props("disable")

    def next(self, step: Step) -> None:
        problems = self.state.problems(step)
        self.forms[step].show(problems)
        if not problems:
            self.go(self.state.after(step))

    def go(self, step: str) -> None:
        self.state.step = step
        if step == CHECK:
            self.state.returning_to_summary = False
            self.show_review()
            self.open_step(step, heading=True)
            return
        problems = self.state.problems(Step(step))
        # A changed answer made this step incomplete on the way back: say why at once.
        explain = self.state.returning_to_summary and bool(problems)
        if explain:
            self.forms[Step(step)].show(problems)  # and the focus goes to the summary
        else:
            self.forms[Step(step)].refresh(problems)
        self.open_step(step, heading=not explain)

    def open_step(self, step: str, heading: bool) -> None:
        self.state.save()
        self.stepper.value = step
        if heading:  # focus does not follow a step change by itself: the new step's heading
            focus_when_shown(f'[data-step-heading="{step}"]')

    def change(self, field_or_step: str) -> None:
        """A "Change" link: open the step, then come back to the summary."""
        step = step_of(field_or_step) or Step(field_or_step)
        self.state.returning_to_summary = True
        self.go(step.value)

    def show_review(self, refused: list[Problem] | None = None) -> None:
        self.review.clear()
        with self.review:
            review(self.state, on_change=self.change, on_submit=self.submit, refused=refused)

    def correction_reason(self) -> RejectionReason | None:
        """For a correction: what the operator said, above the steps."""
        correcting = self.state.correcting
        if not correcting:
            return None
        state = self.state
        view = order_view(state.services.engine, state.manager.company_id, correcting)
        if view is None:
            return None
        what_to_correct(view)
        return rejection_reason(view.rejection_reason)

    def mark_concerned(self, reason: RejectionReason | None) -> None:
        """Put the reason under each answer it concerns, until that answer changes."""
        if reason is None:
            return
        for field in reason.fields:
            step = step_of(field)
            if step is not None and field in self.forms[step].messages:
                self.forms[step].show_one(field, _(reason.message))

    def submit(self) -> None:
        state = self.state
        if state.correcting:
            self.resubmit(state.correcting)
            return
        outcome = place_order(state.services, state.manager, state.request, state.submission_key)
        if isinstance(outcome, PlacedOrder):
            ui.navigate.to(f"/add/done/{outcome.reference}")
        else:  # the company's data changed since the page opened: show why, with fresh data
            state.refresh_context()
            self.show_review(refused=list(outcome.problems))

    def resubmit(self, reference: str) -> None:
        state = self.state
        outcome = resubmit_order(state.services, state.manager, reference, state.request)
        if isinstance(outcome, PlacedOrder):
            ui.navigate.to(f"/add/done/{outcome.reference}")
        elif isinstance(outcome, Refused):
            state.refresh_context()
            self.show_review(refused=list(outcome.problems))
        else:  # no longer rejected (cancelled meanwhile in another tab): show the order
            ui.navigate.to(f"/orders/{reference}")

    def ask_discard(self) -> None:
        confirm(
            "discard",
            _("Discard this draft? Every answer and the uploaded contract will be deleted."),
            _("Discard draft"),
            _("Keep the draft"),
            self.discard,
        )

    def discard(self) -> None:
        discard_draft(self.state.services, self.state.manager)
        ui.navigate.to("/")


def register(services: Services) -> None:
    @manager_page(services, "/add", lambda: _("Add a card to my fleet"))
    def wizard_page(manager: SignedInManager) -> None:
        Wizard(services, manager).build()
