"""The wizard's state for one page: the draft, saved at every change, and the company context."""

import dataclasses
from collections.abc import Callable

from nicegui import ui

from domain.context import FleetContext
from domain.drafts import merge_answers
from domain.employee_link import waits_for_employee
from domain.problems import Problem
from domain.request import OrderRequest
from domain.steps import Step, steps_for
from domain.validation import normalise, validate_asking, validate_request, validate_step
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState, load_draft, new_draft_state
from storage.queries.fleet_context import checked_sim, company_context
from storage.use_cases import ChangedElsewhere, ContractChanged, Saved, SentAs, Services, save_draft
from ui.i18n import _
from ui.wizard.draft_writes import DraftWrites

CHECK = "check"  # the check-your-answers step, after the domain's steps
CONFIRMATION = "confirmation"
CONTRACT_FIELDS = ("invoice_split_contract_id", "invoice_split_contract_basis")


class WizardState:
    def __init__(
        self,
        services: Services,
        manager: SignedInManager,
        context: FleetContext,
        asked: str | None = None,
    ) -> None:
        self.services = services
        self.manager = manager
        self.context = context
        draft = load_draft(services.engine, manager.id) or new_draft_state()
        self.request = draft.request
        # A step that no longer applies (an old draft) reopens at the first step instead.
        applicable = {step.value for step in self.steps()} | {CHECK}
        self.step = draft.step if draft.step in applicable else Step.REQUEST_TYPE.value
        self.returning_to_summary = draft.returning_to_summary
        self.submission_key = draft.submission_key
        self.version = draft.version
        self.correcting = draft.correcting  # the rejected order this draft corrects, if any
        self.listeners: list[Callable[[], None]] = []  # re-show what depends on the answers
        self.base = draft.request  # the answers as saved at ``version``: what a merge starts from
        # Told when another tab's answers were merged in: which ones, and this tab's before.
        self.caught_up: Callable[[tuple[str, ...], OrderRequest], None] = lambda *_: None
        self.setting: str | None = None  # the field whose answer is being saved
        self.writing = 0  # writes of this tab awaited off the event loop (an upload)
        self.writes = DraftWrites(
            manager.id, self.draft, lambda draft: save_draft(services, manager, draft), self.saved
        )
        if asked is not None:  # the step's own address (a reload, a bookmark): it wins
            self.step = self.reachable(asked)

    def set(self, field: str, value: object) -> None:
        """Record one answer, save the draft and let the page re-show conditional parts."""
        # Through the draft's JSON form, so choices become enums as the domain expects.
        updated = OrderRequest.from_dict({**self.request.to_dict(), field: value})
        if updated == self.request:
            return
        self.request = updated
        self.setting = field  # a merge while saving it puts the focus back in this field
        self.save()
        for listener in self.listeners:
            listener()

    def draft(self) -> DraftState:
        """The draft as this page has it, with the version it was read or saved as."""
        return DraftState(
            self.request,
            self.step,
            self.returning_to_summary,
            self.submission_key,
            self.version,
            self.correcting,
        )

    def save(self) -> None:
        """Save the draft soon, off the event loop (``written`` waits for it)."""
        self.writes.ask()

    async def written(self) -> None:
        """Return once this tab's answers so far are saved: before a Send, a Discard, an upload."""
        await self.writes.written()

    def saved(
        self,
        outcome: Saved | SentAs | ChangedElsewhere | ContractChanged,
        written: OrderRequest | None = None,
    ) -> None:
        """Follow a save of the draft (of the answers ``written``, the page's own if not
        given): keep its version, or show what another tab did."""
        match outcome:
            case Saved(version):  # answers given since are saved by the next write
                self.version, self.base = version, written or self.request
            case ContractChanged(request, version):
                self.request, self.version, self.base = request, version, request
                for listener in self.listeners:
                    listener()
            case SentAs(reference):  # another tab sent this draft already: show that order
                ui.notify(_("This request was already sent as {reference}.", reference=reference))
                ui.navigate.to(f"/add/done/{reference}")
            case ChangedElsewhere():  # another tab saved first: merge, keep this tab's answers
                self.merge_latest()
        if not self.writes.unsaved:
            self.setting = None  # the field's answer is saved: a later merge leaves the focus

    def catch_up(self) -> None:
        """Another tab saved the draft: merge its answers in, unless this tab's own write is
        on its way (an upload, a save): its outcome brings them."""
        if not self.writing and not self.writes.pending:
            self.merge_latest()

    def merge_latest(self) -> None:
        """Take the other tab's answers to what this tab did not change, keep this tab's own
        (saved on top), and tell the page which answers came in."""
        latest = load_draft(self.services.engine, self.manager.id)
        if latest is None or latest.submission_key != self.submission_key:
            return  # sent or discarded there: the next save says which
        if latest.version <= self.version:
            return  # this tab's own save, or news already merged
        before = self.request
        merged = merge_answers(self.base, self.request, latest.request)
        self.request, self.base, self.version = merged.request, latest.request, latest.version
        if merged.request != latest.request:
            self.save()
        if merged.taken:
            self.caught_up(merged.taken, before)

    def put_back(self, fields: tuple[str, ...], before: OrderRequest) -> None:
        """This tab's answers to ``fields`` again, over the other tab's (the signed contract
        excepted: its document is the draft's, whichever tab uploaded it)."""
        kept = {field: getattr(before, field) for field in fields if field not in CONTRACT_FIELDS}
        self.request = dataclasses.replace(self.request, **kept)
        self.save()

    def refresh_context(self) -> None:
        """Reload what is taken in the company (another order may have used a SIM since)."""
        self.context = company_context(self.services.engine, self.manager.company_id)

    def steps(self) -> list[Step]:
        return steps_for(self.request)

    def problems(self, step: Step) -> list[Problem]:
        return validate_step(self.request, step, self.checked_context())

    def all_problems(self) -> list[Problem]:
        """What stops the next Send: sending to the employee, while their part is asked."""
        if waits_for_employee(self.request):
            return validate_asking(self.request, self.checked_context())
        return validate_request(self.request, self.checked_context())

    def checked_context(self) -> FleetContext:
        """The company context, plus whether the SIM card entered is used in any company."""
        return checked_sim(self.services.engine, self.context, normalise(self.request).sim_digits)

    def after(self, step: Step) -> str:
        """Where Next leads from a valid ``step``: the next step, or back to the summary
        (through any step that a changed answer made incomplete)."""
        steps = self.steps()
        if self.returning_to_summary:
            incomplete = next((s for s in steps if self.problems(s)), None)
            return incomplete.value if incomplete else CHECK
        later = steps[steps.index(step) + 1 :] if step in steps else []
        return later[0].value if later else CHECK

    def reachable(self, step: str) -> str:
        """``step`` if it applies and every step before it is complete, else the first step
        that is not: an address typed, or Forward after a change, cannot skip a question."""
        names = [applicable.value for applicable in self.steps()] + [CHECK]
        if step not in names:
            return self.step
        earlier = self.steps()[: names.index(step)]
        return next((s.value for s in earlier if self.problems(s)), step)

    def before(self, step: Step | str) -> str:
        steps = self.steps()
        if step == CHECK:
            return steps[-1].value
        earlier = steps[: steps.index(Step(step))] if step in steps else []
        return earlier[-1].value if earlier else Step.REQUEST_TYPE.value
