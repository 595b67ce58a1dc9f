"""The /add page: the stepper, its navigation, check your answers and submission."""

from collections.abc import Callable

from nicegui import app, context, events, ui

from domain.employee_link import waits_for_employee
from domain.orders import PlacedOrder
from domain.problems import Problem
from domain.rejections import RejectionReason, rejection_reason
from domain.request import OrderRequest
from domain.steps import Step, step_of
from storage.events import Change, DraftChanged
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import company_context
from storage.queries.orders import order_view
from storage.use_cases import Refused, Services, discard_draft, place_order, resubmit_order
from storage.use_cases.employee_requests import ask_employee
from ui.frame import asset, manager_page, moved_within_page
from ui.i18n import _
from ui.kit import confirm, heading
from ui.live import follow
from ui.order_page import what_to_correct
from ui.wizard import steps as step_contents
from ui.wizard.draft_writes import every_draft_written
from ui.wizard.form import StepForm, focus_field, focus_when_shown, render
from ui.wizard.order_summary import order_summary_panel
from ui.wizard.other_tab import other_tab_notice
from ui.wizard.review import review
from ui.wizard.sections import Sections
from ui.wizard.state import CHECK, CONFIRMATION, WizardState

HISTORY = f'<script src="{asset("wizard-history.js")}" defer></script>'


def step_address(step: str) -> str:
    return f"/add/{step}"


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
    def __init__(
        self, services: Services, manager: SignedInManager, asked: str | None = None
    ) -> None:
        context = company_context(services.engine, manager.company_id)
        self.state = WizardState(services, manager, context, asked)
        self.forms: dict[Step, StepForm] = {}
        self.stepper: ui.stepper
        self.step_elements: dict[Step, ui.step] = {}

    def build(self) -> None:
        """The page, once; ``contents`` again when another tab's answers come in."""
        self.root = ui.column().classes("w-full gap-4")
        with self.root:
            self.contents()
        ui.add_head_html(HISTORY)
        ui.on("wizard_address", self.moved_in_history)
        self.show_address(push=False, opened_at=context.client.request.url.path)
        self.state.caught_up = self.caught_up
        follow(self.state.services, self.other_tab_saved, self.state.catch_up)

    def other_tab_saved(self, event: Change) -> bool:
        """Whether ``event`` is a save of this draft by another tab (this tab is behind)."""
        state = self.state
        return (
            isinstance(event, DraftChanged)
            and event.manager_id == state.manager.id
            and event.version > state.version
        )

    def caught_up(self, taken: tuple[str, ...], before: OrderRequest) -> None:
        """Another tab's answers were merged in: show them, say which, offer this tab's."""
        typing = self.state.setting
        self.rebuild(lambda: other_tab_notice(taken, lambda: self.put_back(taken, before)))
        step = step_of(typing) if typing else None
        if step is not None and typing in self.form(step).anchors:
            with self.root:  # not in the replaced field's slot, deleted with it
                focus_field(self.form(step).anchors[typing])

    def put_back(self, taken: tuple[str, ...], before: OrderRequest) -> None:
        self.state.put_back(taken, before)
        self.rebuild()

    def rebuild(self, above: Callable[[], None] | None = None) -> None:
        """The contents again from the state's answers (``above`` them: a notice)."""
        self.root.clear()
        self.forms.clear()
        self.step_elements.clear()
        self.state.listeners.clear()
        with self.root:
            if above is not None:
                above()
            self.contents()

    def contents(self) -> None:
        correcting = self.state.correcting
        with ui.row().classes("w-full items-center justify-between"):
            title = _("Correct order {reference}", reference=correcting) if correcting else None
            heading(title or _("Add a card to my fleet"), 1).mark("wizard")
            self.discard_button()
        rejected = self.correction_reason()
        with ui.element("div").classes("wizard-layout"):
            self.stepper_contents()
            order_summary_panel(self.state)
        self.mark_concerned(rejected)
        self.state.listeners.append(self.show_applicable_steps)
        self.show_applicable_steps()
        self.tick_steps_before(self.state.step)
        if self.state.step == CHECK:
            self.show_review()

    def stepper_contents(self) -> None:
        sections = Sections(self.state)
        with (
            ui.stepper(value=self.state.step, on_value_change=self.picked)
            .props("flat animated=false header-nav")
            .classes("w-full")
            .mark("stepper") as self.stepper
        ):
            for step in Step:  # the questions of each: built once the step is first shown
                self.step_elements[step] = ui.step(step.value, title=_(step.label))
            # Reached by Continue only; its header is never a shortcut past the questions.
            with ui.step(CHECK, title=_("Check your answers")).props(":header-nav=false"):
                step_heading(_("Check your answers before sending the request"), CHECK)
                self.review = ui.column().classes("w-full gap-4").mark("review")
                with ui.stepper_navigation():
                    back = ui.button(
                        _("Previous"), on_click=lambda: self.go(self.state.before(CHECK))
                    )
                    back.props("flat").mark(f"previous-{CHECK}")
            ui.step(CONFIRMATION, title=_("Confirmation")).props("disable")
        self.sections = sections
        if self.state.step != CHECK:
            self.form(Step(self.state.step))

    def form(self, step: Step) -> StepForm:
        """The step's questions, built the first time the step is shown: a page opens with
        one step's elements, not five (building them all was an eighth of the event loop's
        time with 200 people in the wizard)."""
        if step not in self.forms:
            with self.step_elements[step]:
                step_title = step_heading(_(step.label), step.value)
                self.forms[step] = form = StepForm(step_title, elsewhere=self.fix)
                BUILDERS[step](self.state, form, self.sections)
                self.navigation(step)
        return self.forms[step]

    def discard_button(self) -> None:
        """Discard draft, shown once the draft has an answer: before, there is nothing to lose."""
        discard = ui.button(_("Discard draft"), on_click=self.ask_discard)
        discard.props("flat color=negative").mark("discard")

        def show_when_answered() -> None:
            discard.set_visibility(self.state.request.has_answer)

        self.state.listeners.append(show_when_answered)
        show_when_answered()

    def tick_steps_before(self, current: str) -> None:
        """The steps before ``current`` show as done, and their headers can be clicked to go
        back (NiceGUI ticks them when the step changes, not for the step a page opens at)."""
        names = [step.value for step in Step] + [CHECK]
        reached = names.index(current) if current in names else 0
        applicable = self.state.steps()
        for step, element in self.step_elements.items():
            done = names.index(step.value) < reached
            element.props(f":done={done} :header-nav={done and step in applicable}")

    def show_address(self, push: bool, opened_at: str | None = None) -> None:
        """The step's own address in the browser: a new history entry for a move (Back and
        Forward then move between steps), the same entry for a page opened or corrected.
        ``opened_at``: the page's own address, replaced only while the browser still shows it
        (a Back pressed before the page connected has moved on already)."""
        address = step_address(self.state.step)
        moved_within_page(address)
        method = "pushState" if push else "replaceState"
        still = f"location.pathname === {opened_at!r}" if opened_at else "true"
        ui.run_javascript(
            f"if (location.pathname !== {address!r} && {still}) "
            f"history.{method}(null, '', {address!r})"
        )

    def moved_in_history(self, event: events.GenericEventArguments) -> None:
        """Back or Forward in the browser: show that step, or the first one left to answer
        before it (a changed answer may have made one incomplete since)."""
        args = event.args
        address = str(args[0] if isinstance(args, list) and args else args)
        asked = address.rsplit("/", 1)[-1]
        if asked != self.state.step:
            self.open_reachable(asked, record=False)
        if asked != self.state.step:
            self.show_address(push=False)

    def picked(self, event: events.ValueChangeEventArguments[str | ui.step | None]) -> None:
        """A done step's header clicked (moves the page makes itself are already the step)."""
        picked = str(event.value)
        if picked != self.state.step:
            self.open_reachable(picked)

    def open_reachable(self, asked: str, record: bool = True) -> None:
        """Open ``asked``, or the first step before it left to answer, saying what is left."""
        target = self.state.reachable(asked)
        self.go(target, record=record)
        if target != asked and target != CHECK:
            self.form(Step(target)).show(self.state.problems(Step(target)))

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
        self.form(step).show(problems)
        if not problems:
            self.go(self.state.after(step))

    def go(self, step: str, record: bool = True) -> None:
        """Open ``step``; ``record``: as a new entry of the browser's history."""
        self.state.step = step
        if step == CHECK:
            self.state.returning_to_summary = False
            self.show_review()
            self.open_step(step, heading=True, record=record)
            return
        problems = self.state.problems(Step(step))
        # A changed answer made this step incomplete on the way back: say why at once.
        explain = self.state.returning_to_summary and bool(problems)
        if explain:
            self.form(Step(step)).show(problems)  # and the focus goes to the summary
        else:
            self.form(Step(step)).refresh(problems)
        self.open_step(step, heading=not explain, record=record)

    def open_step(self, step: str, heading: bool, record: bool = True) -> None:
        self.state.save()
        self.stepper.value = step
        self.tick_steps_before(step)
        if record:
            self.show_address(push=True)
        if heading:  # focus does not follow a step change by itself: the new step's heading
            focus_when_shown(f'[data-step-heading="{step}"]')

    def change(self, field_or_step: str) -> None:
        """A "Change" link: open the step, then come back to the summary."""
        step = step_of(field_or_step, self.state.request) or Step(field_or_step)
        self.state.returning_to_summary = True
        self.go(step.value)

    def fix(self, problem: Problem) -> None:
        """A problem's link: open the step that asks its answer, with the message under the
        field and the focus in it (the problem may be another step's, as Invoice Split's
        sub-division is the billing step's), then come back to the summary."""
        step = step_of(problem.field, self.state.request)
        form = self.form(step) if step is not None else None
        if step is None or form is None or problem.field not in form.anchors:
            self.change(problem.field)  # an answer without a field of its own: its step
            return
        self.state.returning_to_summary = True
        self.state.step = step.value
        form.refresh(self.state.problems(step))
        form.show_one(problem.field, render(problem))
        self.open_step(step.value, heading=False)
        focus_field(form.anchors[problem.field])

    def show_review(self, refused: list[Problem] | None = None) -> None:
        self.review.clear()
        with self.review:
            review(
                self.state,
                on_change=self.change,
                on_fix=self.fix,
                on_submit=self.submit,
                refused=refused,
            )

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
            if step is not None and field in self.form(step).messages:
                self.form(step).show_one(field, _(reason.message))

    async def submit(self) -> None:
        state = self.state
        await state.written()  # a save still on its way must not come after the order
        if state.correcting:
            self.resubmit(state.correcting)
            return
        if waits_for_employee(state.request):
            self.ask_employee()
            return
        outcome = place_order(state.services, state.manager, state.request, state.submission_key)
        if isinstance(outcome, PlacedOrder):
            ui.navigate.to(f"/add/done/{outcome.reference}")
        else:  # the company's data changed since the page opened: show why, with fresh data
            state.refresh_context()
            self.show_review(refused=list(outcome.problems))

    def ask_employee(self) -> None:
        """Send the request to the employee for their part; it waits on the orders page."""
        state = self.state
        outcome = ask_employee(state.services, state.manager, state.request, state.submission_key)
        if isinstance(outcome, Refused):
            state.refresh_context()
            self.show_review(refused=list(outcome.problems))
            return
        ui.navigate.to(f"/orders?asked={outcome.request_id}")

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

    async def discard(self) -> None:
        await self.state.written()  # else a save on its way would bring the draft back
        discard_draft(self.state.services, self.state.manager)
        ui.navigate.to("/")


def register(services: Services) -> None:
    # The draft is read once another tab's (or this tab's before a reload) saves are in.
    @manager_page(services, "/add", lambda: _("Add a card to my fleet"))
    async def wizard_page(manager: SignedInManager) -> None:
        await every_draft_written(manager.id)
        Wizard(services, manager).build()

    # Each step's own address: a reload or a bookmark opens that step (if nothing before it
    # is left to answer); an unknown step opens the draft where it was.
    @manager_page(services, "/add/{step}", lambda step: _("Add a card to my fleet"))
    async def wizard_step_page(manager: SignedInManager, step: str) -> None:
        await every_draft_written(manager.id)
        Wizard(services, manager, asked=step).build()

    app.on_shutdown(every_draft_written)  # the last answers typed before a stop are kept
