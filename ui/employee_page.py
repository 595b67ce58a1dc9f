"""The employee's own page, behind their link (``/employee/<secret>``): no account, the
employee's language, only this request. It says who asks, for which line and what happens,
then asks the employee's part: the owner's details and consent for a transfer, the Invoice
Split contract to read and sign (full name typed, "I have read and accept" ticked).

Nothing here links to another page of the app; an unknown link is the app's 404 page, and
unknown links are counted per address (``storage.throttle``)."""

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from nicegui import context, run, ui

from domain.catalogue import PLANS_BY_CODE
from domain.employee_answers import EmployeeAnswers, Signature
from domain.employee_link import LinkPurpose
from domain.fields import format_enterprise_number, format_mobile_number
from domain.language import Language
from domain.problems import Problem
from domain.request import FIELD_LABELS, CardType, OwnerType
from locales import translator
from locales.formats import format_cents, format_moment
from storage.use_cases import Refused, Services, TryLater
from storage.use_cases.employee_answers import (
    ClosedLink,
    EmployeeDone,
    EmployeePage,
    NoSuchLink,
    give_employee_answers,
    open_employee_link,
)
from ui.error_pages import NOT_FOUND, error_response
from ui.frame import COLORS, HEAD
from ui.i18n import QUASAR_LANGUAGES
from ui.kit import heading, problem_box

Translate = Callable[..., str]


def register(services: Services) -> None:
    @ui.page("/employee/{secret}")
    def employee_page(request: Request, secret: str, lang: str = "") -> Response | None:
        address = request.client.host if request.client else "unknown"
        opened = open_employee_link(services, secret, address)
        if isinstance(opened, NoSuchLink):  # the app's own 404 page: it tells nothing more
            return error_response(services, request, NOT_FOUND, 404)
        language = Language(lang) if lang in set(Language) else _language_of(opened)
        _ = translator(language.value)
        _frame(language, _, secret)
        if isinstance(opened, EmployeePage):
            EmployeeForm(services, secret, address, opened, _).build()
        elif isinstance(opened, ClosedLink):
            closed(opened, _)
        else:
            try_later(opened, language, _)
        return None


def _language_of(opened: EmployeePage | ClosedLink | TryLater) -> Language:
    return Language.EN if isinstance(opened, TryLater) else opened.language


def _frame(language: Language, _: Translate, secret: str) -> None:
    """The page's own frame: the product's name and the language links, nothing to leave by."""
    client = context.client
    client.page = copy.copy(client.page)  # the language of this visitor's page only
    client.page.language = QUASAR_LANGUAGES[language]  # type: ignore[assignment]
    ui.colors(**COLORS)
    ui.add_head_html(HEAD)
    ui.page_title(f"{_('Your part of the request')} · {_('Fleet self-service')}")
    with ui.header().classes("items-center justify-between bg-[#1f2933] px-4 py-2"):
        ui.label(_("Fleet self-service")).classes("text-lg font-bold text-white")
        with ui.row().classes("gap-3").props(f'aria-label="{_("Language")}"'):
            for other in Language:
                link = ui.link(other.native_name, f"/employee/{secret}?lang={other.value}")
                link.classes("text-white").props(f'lang="{other.value}"')


def closed(link: ClosedLink, _: Translate) -> None:
    with ui.column().classes("w-full max-w-xl mx-auto p-4 gap-3").mark("link-closed"):
        heading(_("This link no longer opens"), 1)
        asker = link.asker
        ui.label(_(link.state.message, manager=asker.manager_name, company=asker.company_name))


def try_later(wait: TryLater, language: Language, _: Translate) -> None:
    with ui.column().classes("w-full max-w-xl mx-auto p-4 gap-3").mark("link-throttled"):
        heading(_("Too many tries"), 1)
        moment = format_moment(wait.at, language.value)
        ui.label(
            _(
                "Too many links that do not exist were opened from your network. Try again after {moment}.",
                moment=moment,
            )
        )


class EmployeeForm:
    """The employee's part, sent in one go; their answers stay on the page when refused."""

    def __init__(
        self, services: Services, secret: str, address: str, page: EmployeePage, _: Translate
    ) -> None:
        self.services, self.secret, self.address, self.page, self._ = (
            services,
            secret,
            address,
            page,
            _,
        )
        self.details = dataclasses.replace(page.request)
        self.number_confirmed = False
        self.signature = Signature()
        self.messages: dict[str, ui.label] = {}
        # Drawn by build (none before: an empty column would still take room on the page).
        self.problems: ui.column | None = None
        self.company_only: ui.column | None = None
        self.root: ui.column | None = None

    def build(self) -> None:
        _ = self._
        self.root = ui.column().classes("w-full max-w-xl mx-auto p-4 gap-4")
        with self.root.mark("employee-page"):
            heading(_("Your part of the request"), 1)
            self.introduction()
            self.problems = ui.column().classes("w-full")
            if LinkPurpose.TRANSFER_DETAILS in self.page.parts:
                self.transfer_part()
            if LinkPurpose.INVOICE_SPLIT_SIGNATURE in self.page.parts:
                self.contract_part()
            ui.button(_("Send my answers"), on_click=self.send).props("size=lg").mark(
                "employee-send"
            )

    def introduction(self) -> None:
        _, page = self._, self.page
        request, asker = page.request, page.asker
        line = (
            format_mobile_number(request.transfer_number)
            if request.transfer_number
            else _("a new mobile line")
        )
        ui.label(
            _(
                "{manager} of {company} is adding {line} for {employee} to the company's fleet and asks you:",
                manager=asker.manager_name,
                company=asker.company_name,
                line=line,
                employee=request.end_user_name,
            )
        ).mark("employee-who")
        with ui.element("ul").classes("list-disc pl-6"):
            for part in page.parts:
                with ui.element("li"):
                    ui.label(_(part.label))
        after = (
            _("Once you send your answers, the request goes to the operator at once.")
            if request.send_when_employee_done
            else _(
                "Once you send your answers, {manager} checks them and sends the request.",
                manager=asker.manager_name,
            )
        )
        ui.label(after)
        ui.label(
            _(
                "This link works once, until {moment}.",
                moment=format_moment(page.expires_at, page.language.value),
            )
        ).classes("text-sm")

    def transfer_part(self) -> None:
        _, request = self._, self.page.request
        heading(_("The number and its owner"), 2)
        number = format_mobile_number(request.transfer_number)
        self.box(
            "number_confirmed",
            _("{number} is the number I want to transfer.", number=number),
            lambda on: setattr(self, "number_confirmed", on),
        )
        owners = {o.value: _(o.label) for o in OwnerType}
        named = ui.label(self.label("owner_type")).classes("font-medium")
        ui.radio(
            owners, on_change=lambda e: self.set_detail("owner_type", OwnerType(e.value))
        ).props(f'aria-labelledby="{named.html_id}"').mark("owner_type")
        self.message("owner_type")
        self.text("owner_name", self.label("owner_name"), self.set_detail)
        with ui.column().classes("w-full") as self.company_only:
            self.text("enterprise_number", self.label("enterprise_number"), self.set_detail)
        self.company_only.set_visibility(False)
        if request.card_type is CardType.PREPAID:
            self.text("donor_iccid", self.label("donor_iccid"), self.set_detail)
        else:
            self.text("donor_customer_number", self.label("donor_customer_number"), self.set_detail)
        self.box(
            "owner_consent",
            _("I am the owner, or the owner authorises this transfer."),
            lambda on: self.set_detail("owner_consent", on),
        )

    def contract_part(self) -> None:
        _, contract = self._, self.page.contract
        heading(_("Your Invoice Split contract"), 2)
        if contract is None:
            return
        plan = PLANS_BY_CODE.get(self.page.request.plan_code or "")
        amount = format_cents(contract.company_cap_cents, self.page.language.value)
        rows = [
            (
                _("Company"),
                f"{contract.company_name} ({format_enterprise_number(contract.enterprise_number)})",
            ),
            (_("Name"), contract.end_user_name),
            (_("Plan"), plan.name if plan else contract.plan_name),
            (_("Customer number"), contract.customer_number),
            (_("Sub-division"), contract.sub_division_name),
            (_("The company pays"), _("up to {amount} a month", amount=amount)),
            (_("The employee pays"), _("the rest above {amount} a month", amount=amount)),
        ]
        with ui.element("dl").classes("w-full grid gap-1").mark("employee-contract"):
            for label, value in rows:
                with ui.element("dt").classes("text-sm text-gray-700"):
                    ui.label(label)
                with ui.element("dd").classes("font-medium mb-1"):
                    ui.label(value)
        ui.label(
            _(
                "Each month the company pays the costs of this line up to {amount}. The employee pays the rest, which the operator invoices to them directly. The split applies from the activation of the line until the company or the employee ends it in writing.",
                amount=amount,
            )
        )
        self.text("private_address", _("Private address"), self.set_signature)
        self.text("iban", _("IBAN"), self.set_signature)
        ui.label(_("The bank account your share of the bill is taken from")).classes("text-sm")
        self.text("signature_name", _("Your full name"), self.set_signature, "full_name")
        self.box(
            "signature_accepted",
            _(
                "I have read and accept this contract: the costs above the company's share are invoiced to me."
            ),
            lambda on: self.set_signature("accepted", on),
        )

    def label(self, field: str) -> str:
        translate = self._  # a field's label, from the domain's catalogue
        return translate(FIELD_LABELS[field])

    def text(
        self, marker: str, label: str, setter: Callable[[str, object], None], field: str = ""
    ) -> None:
        element = ui.input(label).props("outlined").classes("w-full").mark(marker)
        element.on_value_change(lambda e: setter(field or marker, e.value or ""))
        self.message(marker)

    def box(self, marker: str, text: str, setter: Callable[[bool], None]) -> None:
        ui.checkbox(text, on_change=lambda e: setter(e.value is True)).mark(marker)
        self.message(marker)

    def message(self, marker: str) -> None:
        label = ui.label().classes("text-negative text-sm").mark(f"{marker}-message")
        label.set_visibility(False)
        self.messages[marker] = label

    def set_detail(self, field: str, value: object) -> None:
        changes: dict[str, Any] = {field: value}  # a field of the form: one of the request's
        self.details = dataclasses.replace(self.details, **changes)
        if self.company_only is not None:
            self.company_only.set_visibility(self.details.owner_type is OwnerType.COMPANY)

    def set_signature(self, field: str, value: object) -> None:
        changes: dict[str, Any] = {field: value}
        self.signature = dataclasses.replace(self.signature, **changes)

    async def send(self) -> None:
        answers = EmployeeAnswers(self.details, self.number_confirmed, self.signature)
        outcome = await run.io_bound(
            give_employee_answers, self.services, self.secret, answers, self.address
        )
        if isinstance(outcome, Refused):
            self.show_problems(list(outcome.problems))
        elif isinstance(outcome, EmployeeDone):
            self.thanks(outcome)
        elif isinstance(outcome, ClosedLink):
            ui.navigate.reload()

    def show_problems(self, problems: list[Problem]) -> None:
        _ = self._
        for label in self.messages.values():
            label.set_visibility(False)
        assert self.problems is not None  # drawn by build
        self.problems.clear()
        with self.problems, problem_box("employee-problems", translate=_):
            for problem in problems:
                text = problem.render(_, self.money)
                ui.label(text)
                if problem.field in self.messages:
                    self.messages[problem.field].set_text(text)
                    self.messages[problem.field].set_visibility(True)

    def money(self, cents: int) -> str:
        return format_cents(cents, self.page.language.value)

    def thanks(self, done: EmployeeDone) -> None:
        _ = self._
        assert self.root is not None
        self.root.clear()
        with self.root, ui.column().classes("w-full gap-3").mark("employee-done"):
            heading(_("Thank you: your answers were sent"), 1)
            then = (
                _("The request went to the operator as {reference}.", reference=done.sent_as)
                if done.sent_as
                else _(
                    "{manager} checks them and sends the request.", manager=done.asker.manager_name
                )
            )
            ui.label(then)
            ui.label(_("You can close this page."))
