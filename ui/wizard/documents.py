"""The Invoice Split documents in the wizard: the pre-filled contract to download, and the
signed scan to upload (checked by content on the server, whatever the browser says)."""

from datetime import datetime

from nicegui import events, run, ui

from domain.business_calendar import BRUSSELS
from domain.fields import Valid
from domain.invoice_split import contract_language, with_contract_language
from domain.language import Language
from domain.problems import Problem
from domain.request import FIELD_LABELS
from domain.steps import Step
from domain.texts import N_
from domain.validation import contract_problems
from storage.documents.checks import MAX_UPLOAD_BYTES, NOT_ACCEPTED, TOO_LARGE, Refusal
from storage.documents.contract_pdf import (
    ContractDetails,
    contract_filename,
    contract_pdf,
    details_for,
)
from storage.documents.files import DocumentInfo, find_document
from storage.use_cases import (
    attach_signed_contract,
    email_contract_to_employee,
    remove_signed_contract,
)
from ui.i18n import _, current_language
from ui.kit import FAILED_LIMIT, uploader_header
from ui.wizard.form import StepForm, on_change
from ui.wizard.sections import Sections
from ui.wizard.state import WizardState

FIELD = "invoice_split_contract_id"
# Problems with these mean no sub-division with an Invoice Split profile is chosen yet.
BILLING_FIELDS = {"customer_number_id", "sub_division_id", "invoice_split"}
REFUSED_BY_BROWSER = N_(
    "This file cannot be used: upload the signed contract as a PDF, JPEG or PNG file of 10 MB at most."
)
# Quasar names the limit a file failed (its `failedPropValidation`): the same message as the
# server's check of that limit, so a file is told the same wherever it is refused.
BROWSER_REFUSALS = {"max-file-size": TOO_LARGE, "accept": NOT_ACCEPTED}


def contract_details(state: WizardState) -> ContractDetails | None:
    """What the contract is pre-filled with, or None while an answer it prints is missing."""
    manager = state.manager
    company = (manager.company_name, manager.company_enterprise_number)
    today = datetime.now(BRUSSELS).date()
    return details_for(company, state.context, state.request, current_language(), today)


def contract_section(state: WizardState, form: StepForm, sections: Sections) -> None:
    """In order: the contract's language; 1. download (or e-mail) the pre-filled contract,
    once what it prints is known; 2. have it signed; 3. upload the signed scan, offered only
    once the contract can be downloaded. A scan already uploaded stays shown either way."""
    language_part(state, form)
    download_part(state, sections)
    ui.label(_("2. Have the employee complete and sign the contract.")).classes("text-sm")
    ui.label(
        _("3. Scan the signed contract and upload it: PDF, JPEG or PNG, 10 MB at most.")
    ).classes("text-sm")
    SignedContract(state, form, sections).show()


def language_part(state: WizardState, form: StepForm) -> None:
    """The language the contract is printed in: an answer of the request, set to the domain's
    default as soon as Invoice Split is ticked (the end user's language if known)."""
    field = "contract_language"
    options = {language.value: language.native_name for language in Language}
    title = ui.label(_(FIELD_LABELS[field])).classes("font-medium")

    def shown() -> str:
        return contract_language(state.request, current_language()).value

    def changed(value: object) -> None:
        # The radio following the default is no choice (it would make an older scan stale).
        if state.request.contract_language is not None or value != shown():
            state.set(field, value)

    radio = ui.radio(options, value=shown(), on_change=on_change(changed))
    radio.props(f'aria-labelledby="{title.html_id}"').mark(field)
    form.field(field, radio)

    def keep_default() -> None:
        chosen = with_contract_language(state.request, current_language()).contract_language
        if chosen is not None and chosen != state.request.contract_language:
            state.set(field, chosen)
        radio.set_value(shown())

    state.listeners.append(keep_default)
    keep_default()


def download_part(state: WizardState, sections: Sections) -> None:
    def download() -> None:
        details = contract_details(state)
        if details is not None:
            ui.download.content(
                contract_pdf(details), contract_filename(details), "application/pdf"
            )

    with sections.when(lambda _r: contract_details(state) is None):
        # Step 1 of 3 until the contract can be downloaded: what it still needs, and where.
        needs = ui.label().classes("text-sm").mark("contract-needs-answers")

        def explain() -> None:
            why = contract_needs(state)
            needs.text = f"1. {why}" if why else ""

        state.listeners.append(explain)
        explain()
    with sections.when(lambda _r: contract_details(state) is not None):
        ui.label(_("1. Download the pre-filled contract, or e-mail it to the employee.")).classes(
            "text-sm"
        )
        ui.button(
            _("Download the Invoice Split contract (PDF)"), icon="download", on_click=download
        ).props("outline").mark("download-contract")
        email_part(state)


def contract_needs(state: WizardState) -> str:
    """Why the contract cannot be downloaded yet, and what to do."""
    fields = dict.fromkeys(p.field for p in contract_problems(state.request, state.context))
    texts = []
    if BILLING_FIELDS & fields.keys():
        texts.append(
            _(
                "Choose a sub-division with an Invoice Split profile in the step SIM and billing: the contract is filled in from it."
            )
        )
    others = [_(FIELD_LABELS[field]) for field in fields if field not in BILLING_FIELDS]
    if others:
        texts.append(
            _(
                "Before the contract can be downloaded, complete or correct these answers: {answers}.",
                answers=", ".join(others),
            )
        )
    return " ".join(texts)


def email_part(state: WizardState) -> None:
    """Or e-mail the pre-filled contract to the employee, who signs it."""
    with ui.row().classes("items-start gap-2 w-full"):
        address = ui.input(_("Employee's e-mail address"), value=state.request.esim_email)
        address.props("outlined type=email autocomplete=email").classes("w-full max-w-sm")
        address.mark("contract-email")
        send = ui.button(_("E-mail the contract to the employee"), icon="send")
        send.props("outline").mark("email-contract")

    async def email() -> None:
        details = contract_details(state)
        if details is None:
            return
        send.disable()
        try:
            outcome = await run.io_bound(
                email_contract_to_employee, state.services, state.manager, details, address.value
            )
        finally:
            send.enable()
        if isinstance(outcome, Valid):
            address.props(remove="error error-message")
            ui.notify(_("The contract was e-mailed to {email}.", email=outcome.value))
        elif outcome is not None:
            address.props["error"] = True
            address.props["error-message"] = _(outcome.message, **outcome.params)

    send.on_click(email)


class SignedContract:
    """The uploader of the signed scan and, once uploaded, its name with a Remove button."""

    def __init__(self, state: WizardState, form: StepForm, sections: Sections) -> None:
        self.state = state
        self.form = form
        # Offered only once the contract it is a scan of can be downloaded; hidden, NiceGUI's
        # upload route refuses it too (ui/page_guard.py: only an uploader shown).
        with sections.when(lambda _r: contract_details(state) is not None):
            self.upload = ui.upload(
                label=_("Signed contract"),
                auto_upload=True,
                max_file_size=MAX_UPLOAD_BYTES,
                on_upload=self.uploaded,
            )
        with sections.when(lambda _r: contract_details(state) is None):
            ui.label(
                _(
                    "You can upload the signed contract once the pre-filled contract can be downloaded (step 1)."
                )
            ).classes("text-sm").mark("contract-upload-later")
        self.upload.props('accept=".pdf,.jpg,.jpeg,.png" flat bordered')
        self.upload.classes("w-full max-w-lg").mark("contract-upload")
        uploader_header(self.upload, _("Signed contract"), _("Choose a file"))
        # The browser refuses a file over 10 MB or of another type before it is sent: say which.
        self.upload.on("rejected", self.rejected, js_handler=FAILED_LIMIT)
        form.field(FIELD, self.upload)
        form.followers.append(self.follow)
        with ui.row().classes("items-center gap-4").mark("uploaded-contract") as self.row:
            self.tick = ui.icon("task", color="positive").props('aria-hidden="true"')
            self.tick.mark("uploaded-contract-tick")
            self.name = ui.label()
            ui.button(_("Remove"), on_click=self.remove).props("flat dense color=negative").mark(
                "remove-contract"
            )

    def follow(self, problems: list[Problem]) -> None:
        """No green tick for a scan the step finds wrong (signed before answers changed)."""
        wrong = any(problem.field == FIELD for problem in problems)
        self.tick.name = "warning" if wrong else "task"
        self.tick.props(f"color={'negative' if wrong else 'positive'}")

    def show(self) -> None:
        document = _document(self.state)
        self.row.set_visibility(document is not None)
        if document is not None:
            self.name.text = _(
                "Uploaded: {name} ({size} kB)",
                name=document.original_name,
                size=max(1, document.size // 1024),
            )
            self.follow(self.state.problems(Step.INVOICE_SPLIT))  # a reopened stale scan too

    def rejected(self, event: events.GenericEventArguments) -> None:
        """The browser refused the file before sending it; ``event.args`` names the limit."""
        limit = event.args if isinstance(event.args, str) else ""
        self.form.show_one(FIELD, _(BROWSER_REFUSALS.get(limit, REFUSED_BY_BROWSER)))

    async def uploaded(self, event: events.UploadEventArguments) -> None:
        state = self.state
        data = await event.file.read()  # checked again here: browser limits are only advice
        await state.written()  # the answers before it first: its outcome is the draft after
        state.writing += 1  # its news reaches this tab before its outcome: not another tab's
        try:
            outcome = await run.io_bound(  # a large PDF takes a while to check: off the loop
                attach_signed_contract,
                state.services,
                state.manager,
                state.submission_key,
                event.file.name,
                data,
            )
        finally:
            state.writing -= 1
        self.upload.reset()
        if outcome is None:  # the app is shutting down
            return
        if isinstance(outcome, Refusal):
            self.form.show_one(FIELD, _(outcome.message_id))
            return
        self.form.clear(FIELD)
        state.saved(outcome)
        self.show()

    async def remove(self) -> None:
        state = self.state
        await state.written()
        state.saved(remove_signed_contract(state.services, state.manager, state.submission_key))
        self.show()


def contract_answer(state: WizardState) -> str | None:
    """The uploaded contract's name, for check your answers."""
    if not state.request.invoice_split:
        return None
    document = _document(state)
    return document.original_name if document else _("Not uploaded yet")


def _document(state: WizardState) -> DocumentInfo | None:
    public_id = state.request.invoice_split_contract_id
    if not public_id:
        return None
    return find_document(state.services.engine, state.manager.company_id, public_id)
