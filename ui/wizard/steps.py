"""The contents of each wizard step. Every control writes its answer to the draft at once;
sections that depend on an answer appear and disappear live (``Sections.refresh``)."""

from decimal import Decimal

from nicegui import ui

from domain.catalogue import (
    OPERATOR_NAMES,
    OPTIONS,
    PLANS,
    PLANS_BY_CODE,
    TRAVEL_DATA_CONTROL_AMOUNTS,
    Operator,
    Option,
    OptionKind,
)
from domain.language import Language
from domain.options import copy_options
from domain.problems import Problem
from domain.request import FIELD_LABELS, CardType, OrderRequest, OwnerType, RequestType, SimKind
from domain.steps import Step
from storage.queries.fleet import lines_with_options
from ui.format import display_money, display_number
from ui.i18n import _
from ui.kit import heading, kept_offline
from ui.wizard.documents import contract_section
from ui.wizard.employee_choice import employee_contact, owner_choice, signature_choice
from ui.wizard.form import StepForm, on_change, render
from ui.wizard.sections import Sections
from ui.wizard.state import WizardState

NO_LIMIT = "none"  # Travel Data Control "no limit" in the radio (a radio value cannot be None)


def label(field: str) -> str:
    return _(FIELD_LABELS[field])


def text_input(
    state: WizardState, form: StepForm, field: str, hint: str = "", **props: str
) -> None:
    element = ui.input(label(field), value=getattr(state.request, field)).props("outlined")
    kept_offline(element, field).classes("w-full max-w-lg").mark(field)
    if hint:
        element.props["hint"] = hint
    for key, value in props.items():
        element.props[key] = value

    def changed(value: object) -> None:
        form.clear(field)
        state.set(field, value or "")

    element.on_value_change(on_change(changed))
    form.field(field, element)


def choice(
    state: WizardState,
    form: StepForm,
    field: str,
    options: dict[str, str],
    radio: bool = True,
    labelled_by: ui.element | None = None,
) -> None:
    """A required choice: radio buttons (few options) or a select (many). Radio buttons are
    named by their own label, or by ``labelled_by`` (a heading saying the same) instead."""
    current = getattr(state.request, field)
    value = current.value if current is not None else None

    def changed(new: object) -> None:
        form.clear(field)
        state.set(field, new)

    if radio:
        heading = labelled_by or ui.label(label(field)).classes("font-medium")
        element: ui.element = ui.radio(options, value=value, on_change=on_change(changed)).props(
            f'aria-labelledby="{heading.html_id}"'
        )
    else:
        element = ui.select(options, value=value, label=label(field), on_change=on_change(changed))
        element.props("outlined").classes("w-full max-w-lg")
    element.mark(field)
    form.field(field, element)


def confirmation_box(state: WizardState, form: StepForm, field: str, text: str) -> None:
    def changed(value: object) -> None:
        form.clear(field)
        state.set(field, value is True)

    box = ui.checkbox(text, value=bool(getattr(state.request, field)), on_change=on_change(changed))
    box.mark(field)
    form.field(field, box)


def is_transfer(r: OrderRequest) -> bool:
    return r.request_type is RequestType.TRANSFER


def request_type_step(state: WizardState, form: StepForm, sections: Sections) -> None:
    # The step's title is the question: it names the group, no second "Request type" above it.
    types = {t.value: _(t.label) for t in RequestType}
    choice(state, form, "request_type", types, labelled_by=form.heading)
    with sections.when(is_transfer):
        operators = {op.value: _(OPERATOR_NAMES[op]) for op in Operator}
        choice(state, form, "current_operator", operators, radio=False)
        choice(state, form, "card_type", {c.value: _(c.label) for c in CardType})


def number_and_owner_step(state: WizardState, form: StepForm, sections: Sections) -> None:
    text_input(
        state,
        form,
        "transfer_number",
        _("For example 0470 12 34 56"),
        type="tel",
        autocomplete="tel",
    )
    owner_choice(state, form)
    employee_contact(state, form, sections, Step.NUMBER_AND_OWNER, text_input)
    with sections.when(lambda r: not r.ask_employee_transfer or r.employee_answered):
        owner_part(state, form, sections)


def owner_part(state: WizardState, form: StepForm, sections: Sections) -> None:
    choice(state, form, "owner_type", {o.value: _(o.label) for o in OwnerType})
    text_input(state, form, "owner_name")
    with sections.when(lambda r: r.owner_type is OwnerType.COMPANY):
        text_input(state, form, "enterprise_number", _("10 digits, for example 0412.345.614"))
    with sections.when(lambda r: r.card_type is CardType.PREPAID):
        text_input(
            state,
            form,
            "donor_iccid",
            _("The 19 or 20 digits printed on the SIM card of the current operator"),
            inputmode="numeric",
        )
    with sections.when(lambda r: r.card_type is CardType.SUBSCRIPTION):
        text_input(
            state, form, "donor_customer_number", _("As shown on the current operator's invoice")
        )
    confirmation_box(state, form, "owner_consent", _("The owner authorises this transfer."))


def sim_and_billing_step(state: WizardState, form: StepForm, sections: Sections) -> None:
    billing_part(state, form)
    heading(_("End user and SIM"), 3, "mt-4")
    text_input(
        state, form, "end_user_name", _("The employee who will use this line"), autocomplete="name"
    )
    choice(state, form, "sim_kind", {k.value: _(k.label) for k in SimKind})
    with sections.when(lambda r: r.sim_kind is SimKind.SIM):
        text_input(
            state,
            form,
            "sim_digits",
            _("The first 13 digits printed on the SIM card, starting with 8932"),
            inputmode="numeric",
        )
    with sections.when(lambda r: r.sim_kind is SimKind.ESIM):
        esim_part(state, form)


def division_options(state: WizardState) -> dict[str, str]:
    """The sub-divisions of the chosen customer number, with their Invoice Split profile."""
    account = state.context.billing_account(state.request.customer_number_id)
    options = {"": _("No sub-division")}
    for division in account.sub_divisions if account else ():
        text = division.name
        if division.invoice_split is not None:
            text += " · " + _(
                "Invoice Split: the company pays up to {amount} a month",
                amount=display_money(division.invoice_split.company_monthly_cap_eur),
            )
        options[division.id] = text
    return options


def billing_part(state: WizardState, form: StepForm) -> None:
    """The customer number, then its sub-divisions (a new customer number chooses none)."""
    accounts = {a.id: f"{a.customer_number} · {a.name}" for a in state.context.billing_accounts}

    def account_changed(value: object) -> None:
        form.clear("customer_number_id")
        state.set("customer_number_id", value)
        state.set("sub_division_id", None)
        divisions.set_options(division_options(state), value="")

    heading(_("Billing"), 3)
    account = ui.select(
        accounts,
        value=state.request.customer_number_id,
        label=label("customer_number_id"),
        on_change=on_change(account_changed),
    )
    account.props("outlined").classes("w-full max-w-lg").mark("customer_number_id")
    form.field("customer_number_id", account)
    divisions = ui.select(
        division_options(state),
        value=state.request.sub_division_id or "",
        label=label("sub_division_id"),
        on_change=on_change(lambda v: state.set("sub_division_id", v or None)),
    )
    divisions.props("outlined").classes("w-full max-w-lg").mark("sub_division_id")
    form.field("sub_division_id", divisions)
    ui.label(
        _("With Invoice Split, choose the sub-division that has the wanted Invoice Split profile.")
    ).classes("text-sm")


def esim_part(state: WizardState, form: StepForm) -> None:
    ui.label(
        _("To check that the device supports eSIM, dial *#06#: an EID number is shown.")
    ).classes("text-sm")
    confirmation_box(
        state, form, "esim_device_compatible", _("I have checked that the device supports eSIM.")
    )
    text_input(
        state,
        form,
        "esim_email",
        _("We send the eSIM profile with its QR code to this address"),
        type="email",
        autocomplete="email",
    )
    choice(state, form, "esim_language", {lang.value: lang.native_name for lang in Language})
    box = ui.checkbox(
        _("Send me the QR code too (useful if you set up the device yourself)"),
        value=state.request.esim_qr_copy_to_manager,
        on_change=on_change(lambda v: state.set("esim_qr_copy_to_manager", v is True)),
    )
    box.mark("esim_qr_copy_to_manager")


def monthly_price(price: Decimal) -> str:
    """A plan's or an option's price, with what it is for: "17,36 € a month excl. VAT"."""
    return _("{amount} a month excl. VAT", amount=display_money(price))


def plan_and_options_step(state: WizardState, form: StepForm, sections: Sections) -> None:
    options = OptionBoxes(state, form)
    plan = plan_part(state, form, options)
    heading(label("option_codes"), 3, "mt-4")
    copy_options_part(state, options)
    options.build(sections)
    form.field("option_codes", plan)  # its message under the options; its link to the plan
    travel_data_control_part(state, form, sections)


class OptionBoxes:
    """The option checkboxes, and the note on options a plan change or a copy leaves out."""

    def __init__(self, state: WizardState, form: StepForm) -> None:
        self.state = state
        self.form = form
        self.boxes: dict[str, ui.checkbox] = {}
        self.dropped_note = ui.label().classes("text-sm").props('role="status"')
        self.dropped_note.mark("dropped-options")

    def keep(self, codes: tuple[str, ...], plan: str | None) -> tuple[str, ...]:
        """Keep the options of ``codes`` that ``plan`` allows, and say which and why not."""
        kept, dropped = copy_options(codes, plan)
        self.state.set("option_codes", kept)
        for code, box in self.boxes.items():
            box.set_value(code in kept)
        self.dropped_note.text = " ".join(
            render(Problem("option_codes", d.reason, d.params)) for d in dropped
        )
        return kept

    def toggled(self, code: str, on: object) -> None:
        codes = [c for c in self.state.request.option_codes if c != code]
        self.state.set("option_codes", (*codes, code) if on else tuple(codes))
        self.form.clear("option_codes")

    def box(self, option: Option) -> None:
        box = ui.checkbox(
            f"{_(option.name)} · {monthly_price(option.monthly_price_excl_vat)}",
            value=option.code in self.state.request.option_codes,
            on_change=lambda e, c=option.code: self.toggled(c, e.value),
        )
        self.boxes[option.code] = box.mark(f"option-{option.code}")

    def build(self, sections: Sections) -> None:
        """Every option; call and SMS options only with a plan that has voice."""
        for option in OPTIONS:
            if option.kind is not OptionKind.VOICE_SMS:
                self.box(option)
        with sections.when(lambda r: not _is_data_plan(r)):
            for option in OPTIONS:
                if option.kind is OptionKind.VOICE_SMS:
                    self.box(option)
        with sections.when(_is_data_plan):
            ui.label(
                _(
                    "Call and SMS options are not offered with a mobile data plan: it gives internet access only."
                )
            ).classes("text-sm").mark("voice-options-hidden")


def plan_part(state: WizardState, form: StepForm, options: OptionBoxes) -> ui.select:
    plans = {p.code: f"{p.name} · {monthly_price(p.monthly_price_excl_vat)}" for p in PLANS}

    def plan_changed(value: object) -> None:
        form.clear("plan_code")
        state.set("plan_code", value)
        options.keep(state.request.option_codes, str(value) if value else None)

    ui.label(
        _(
            "Shape plans include calls, SMS and data; mobile data plans give internet access only, for a tablet or a laptop."
        )
    ).classes("text-sm")
    plan = ui.select(
        plans,
        value=state.request.plan_code,
        label=label("plan_code"),
        on_change=on_change(plan_changed),
    )
    plan.props("outlined").classes("w-full max-w-lg").mark("plan_code")
    form.field("plan_code", plan)
    return plan


def copy_options_part(state: WizardState, options: OptionBoxes) -> None:
    """Copy the options of one of the company's lines (those the plan allows)."""
    lines = lines_with_options(state.services.engine, state.manager.company_id)
    sources = {str(line.id): f"{display_number(line.number)} · {line.end_user}" for line in lines}
    options_of = {str(line.id): line.options for line in lines}

    def copy_from(line_id: object) -> None:
        if not line_id:
            return
        kept = options.keep(options_of[str(line_id)], state.request.plan_code)
        copied = ", ".join(_(o.name) for o in OPTIONS if o.code in kept) or _("None")
        ui.notify(_("Options copied: {options}", options=copied))

    ui.select(
        sources,
        label=_("Copy the options of an existing number"),
        with_input=True,
        on_change=on_change(copy_from),
    ).props("outlined clearable").classes("w-full max-w-lg").mark("copy-options")


def travel_data_control_part(state: WizardState, form: StepForm, sections: Sections) -> None:
    travel_heading = heading(label("travel_data_control"), 3, "mt-4")
    travel_help = ui.label(
        _(
            "The most that mobile data abroad may cost each month, excluding VAT. It keeps roaming costs under control."
        )
    ).classes("text-sm")
    amounts = {
        NO_LIMIT if a is None else str(a): _amount_label(a) for a in TRAVEL_DATA_CONTROL_AMOUNTS
    }
    current = state.request.travel_data_control
    travel = ui.radio(
        amounts,
        value=NO_LIMIT if current is None else str(current),
        on_change=on_change(
            lambda v: state.set("travel_data_control", None if v == NO_LIMIT else int(str(v)))
        ),
    )
    travel.props(
        f'aria-labelledby="{travel_heading.html_id}" aria-describedby="{travel_help.html_id}"'
    ).mark("travel_data_control")
    form.field("travel_data_control", travel)
    with sections.when(lambda r: r.travel_data_control is None):
        confirmation_box(
            state,
            form,
            "travel_data_no_limit_confirmed",
            _("I accept that data used abroad is billed without any limit."),
        )


def invoice_split_step(state: WizardState, form: StepForm, sections: Sections) -> None:
    ui.label(
        _(
            "With Invoice Split, the company pays the line up to a monthly amount and the employee pays the rest."
        )
    ).classes("text-sm")
    confirmation_box(
        state,
        form,
        "invoice_split",
        _("Split the bill between the company and the employee (Invoice Split)"),
    )
    with sections.when(lambda r: r.invoice_split):
        signature_choice(state, form)
        employee_contact(state, form, sections, Step.INVOICE_SPLIT, text_input)
        with sections.when(lambda r: not r.ask_employee_signature or r.employee_answered):
            contract_section(state, form, sections)


def _is_data_plan(r: OrderRequest) -> bool:
    plan = PLANS_BY_CODE.get(r.plan_code or "")
    return plan is not None and not plan.allows_voice


def _amount_label(amount: int | None) -> str:
    if amount is None:
        return _("No limit")
    if amount == 0:
        return _("{amount}: data abroad blocked", amount=display_money(0))
    text = _("{amount} a month", amount=display_money(amount))
    return text + (" " + _("(recommended)") if amount == 50 else "")
