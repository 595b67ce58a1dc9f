"""The Invoice Split contract as a PDF (fpdf2), pre-filled, in the end user's language.

The text uses fpdf2's built-in Helvetica, which needs no font file on any machine; with the
Windows-1252 encoding it carries French and Dutch accents, "€" and typographic quotes. The rare
letter outside it (ł, ř, ș…) is written without its accent rather than failing.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime

from domain.business_calendar import to_brussels
from domain.catalogue import PLANS_BY_CODE
from domain.context import FleetContext
from domain.fields import format_enterprise_number, format_mobile_number
from domain.invoice_split import contract_language
from domain.language import Language
from domain.request import OrderRequest
from domain.texts import N_
from domain.validation import contract_problems, normalise
from locales import translate_to, translator
from locales.formats import format_cents, format_day, format_moment

TITLE = N_("Invoice Split contract")
NEW_NUMBER = N_("New number, given at activation")
_INTRO = N_(
    "This contract shares the monthly costs of a mobile line between the company and the "
    "employee who uses it."
)
_TERMS = N_(
    "Each month the company pays the costs of this line up to {amount}. The employee pays "
    "the rest, which the operator invoices to them directly. The split applies from the "
    "activation of the line until the company or the employee ends it in writing."
)
_ACCEPT_COSTS = N_("I accept that the costs above the company's share are invoiced to me.")
_ACCEPT_INVOICES = N_("I agree to receive these invoices at the e-mail address above.")
_SIGNED_FOOTER = N_(
    "Signed electronically through the employee's own link; the fleet manager's request keeps this document's SHA-256."
)
_FOOTER = N_(
    "Give the signed contract back to your fleet manager, who adds a scan of it to the request."
)

_ENCODING = "windows-1252"
_SPACES = str.maketrans({"\u202f": "\u00a0", "\u2009": " "})  # Babel's thin spaces
_NO_DECOMPOSITION = str.maketrans("łŁđĐıħĦŧŦ", "lLdDihHtT")
_BLACK, _GREY = (0, 0, 0), (90, 90, 90)


@dataclass(frozen=True)
class ContractDetails:
    """What the request already knows; the employee fills in and signs the rest."""

    company_name: str
    enterprise_number: str  # 10 digits
    end_user_name: str
    end_user_email: str
    number_e164: str | None  # None: a new number
    plan_name: str
    customer_number: str
    sub_division_name: str
    company_cap_cents: int  # the company pays up to this a month
    date: Date
    language: str  # "fr", "nl" or "en"
    reference: str | None = None


def contract_pdf(details: ContractDetails, signed: "OnlineSignature | None" = None) -> bytes:
    """The pre-filled contract, one A4 page, in `details.language`; with ``signed``, as the
    employee signed it online."""
    _ = translator(details.language)  # `_` so that Babel extracts the labels
    contract = _Contract(details.language)
    amount = format_cents(details.company_cap_cents, details.language)
    contract.title(_(TITLE), _(_INTRO))
    if details.reference:
        contract.row(_("Reference"), details.reference)
    contract.row(_("Date"), format_day(details.date, "long", details.language))

    contract.section(_("The company"))
    contract.row(_("Company"), details.company_name)
    contract.row(_("Enterprise number"), format_enterprise_number(details.enterprise_number))

    contract.section(_("The employee"))
    contract.row(_("Name"), details.end_user_name)
    if details.end_user_email:
        contract.row(_("E-mail"), details.end_user_email)

    contract.section(_("The mobile line"))
    number = format_mobile_number(details.number_e164) if details.number_e164 else _(NEW_NUMBER)
    contract.row(_("Mobile number"), number)
    contract.row(_("Plan"), details.plan_name)
    contract.row(_("Customer number"), details.customer_number)
    contract.row(_("Sub-division"), details.sub_division_name)

    contract.section(_("Invoice Split"))
    contract.row(_("The company pays"), _("up to {amount} a month", amount=amount))
    contract.row(_("The employee pays"), _("the rest above {amount} a month", amount=amount))
    contract.paragraph(_(_TERMS, amount=amount))

    if signed is None:
        _to_complete(contract, details, _)
    else:
        _signed_online(contract, details, signed, _)
    contract.paragraph(_(_FOOTER if signed is None else _SIGNED_FOOTER), grey=True)
    return contract.output(title=_(TITLE), author=details.company_name)


def _to_complete(contract: "_Contract", details: ContractDetails, _: Callable[..., str]) -> None:
    """The paper contract: blanks and boxes for the employee, frames to sign in."""
    contract.section(_("To be completed by the employee"))
    contract.blank(_("Private address"), lines=2)
    contract.blank(_("Bank account (IBAN) for the employee's share"))
    if not details.end_user_email:
        # Unknown for a physical SIM: written here, it is "the e-mail address above" agreed to below.
        contract.blank(_("E-mail"))
    contract.box(_(_ACCEPT_COSTS))
    contract.box(_(_ACCEPT_INVOICES))
    contract.section(_("Signatures"))
    contract.blank(_("Place and date"))
    contract.signature_boxes(
        _('Signature of the employee, preceded by "read and approved"'),
        _("For the company: name and signature of the fleet manager"),
    )


def _signed_online(
    contract: "_Contract",
    details: ContractDetails,
    signed: "OnlineSignature",
    _: Callable[..., str],
) -> None:
    """The contract the employee signed through their link: their answers, then the
    electronic signature's block (who, when, through which link, from where)."""
    contract.section(_("Completed by the employee"))
    contract.row(_("Private address"), signed.private_address)
    contract.row(_("Bank account (IBAN) for the employee's share"), signed.iban)
    contract.box(_(_ACCEPT_COSTS), ticked=True)
    contract.box(_(_ACCEPT_INVOICES), ticked=True)
    contract.section(_("Electronic signature"))
    contract.row(_("Signed by"), signed.full_name)
    contract.row(_("Statement"), _("I have read and accept"))
    contract.row(_("Signed on"), format_moment(to_brussels(signed.at), details.language))
    contract.row(_("Link reference"), signed.link_reference)
    contract.row(_("Signed from address"), signed.address)


@dataclass(frozen=True)
class OnlineSignature:
    """The employee's electronic signature, as the signed contract prints it."""

    full_name: str
    private_address: str
    iban: str  # formatted in groups of four
    at: datetime  # timezone-aware
    link_reference: str  # identifies the link, never its secret
    address: str  # the network address the employee signed from


def details_for(
    company: tuple[str, str],
    context: FleetContext,
    request: OrderRequest,
    language: Language,
    day: Date,
) -> ContractDetails | None:
    """What the contract of ``request`` is pre-filled with (``company``: its name and
    enterprise number), in the contract's language (``language``: the default's basis), or
    None while an answer it prints is missing or wrong (the domain's ``contract_problems``)."""
    if contract_problems(request, context):
        return None
    r = normalise(request)  # only answers that apply: no number left from a transfer
    account = context.billing_account(r.customer_number_id)
    division = account.sub_division(r.sub_division_id) if account else None
    if account is None or division is None or division.invoice_split is None:
        return None
    plan = PLANS_BY_CODE.get(r.plan_code or "")
    return ContractDetails(
        company_name=company[0],
        enterprise_number=company[1],
        end_user_name=r.end_user_name,
        end_user_email=r.esim_email or r.employee_email,
        number_e164=r.transfer_number or None,
        plan_name=plan.name if plan else "",
        customer_number=account.customer_number,
        sub_division_name=division.name,
        company_cap_cents=int(division.invoice_split.company_monthly_cap_eur * 100),
        date=day,
        language=contract_language(request, language).value,
    )


def contract_filename(details: ContractDetails) -> str:
    """E.g. ``contrat-invoice-split-FS-2026-0042.pdf``: the localised title, then the reference."""
    title = _slug(translate_to(details.language, TITLE)).lower()
    return f"{title}-{_slug(details.reference or details.date.isoformat())}.pdf"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "contract"


def _printable(text: str) -> str:
    """`text` as the built-in font can carry it: a letter outside Windows-1252 loses its accent."""
    kept = []
    for ch in text.translate(_SPACES).translate(_NO_DECOMPOSITION):
        try:
            ch.encode(_ENCODING)
            kept.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch)[0]
            kept.append(base if base.isascii() and base.isprintable() else "?")
    return "".join(kept)


class _Contract:
    """One A4 page laid out top to bottom: labels on the left, values on the right."""

    MARGIN, LABEL_WIDTH, LINE = 16.0, 62.0, 5.0

    def __init__(self, language: str) -> None:
        from fpdf import FPDF  # imported on first use: it adds about a second to start-up

        self.language = language
        self.pdf = FPDF(format="A4")
        self.pdf.core_fonts_encoding = _ENCODING
        self.pdf.set_margins(self.MARGIN, self.MARGIN)
        self.pdf.set_auto_page_break(auto=True, margin=self.MARGIN)
        self.pdf.add_page()
        self.right = self.pdf.w - self.MARGIN

    def _font(self, size: float, style: str = "", colour: tuple[int, int, int] = _BLACK) -> None:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.set_text_color(*colour)

    def _text(self, text: str, width: float = 0, height: float | None = None) -> None:
        """Left-aligned text that wraps, then the cursor at the start of the next line."""
        from fpdf.enums import XPos, YPos

        self.pdf.multi_cell(
            width,
            height or self.LINE,
            _printable(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def _label(self, label: str) -> float:
        """A grey label in the left column; returns where the label ends, the cursor beside it."""
        top = self.pdf.get_y()
        self._font(10, colour=_GREY)
        self._text(label, self.LABEL_WIDTH)
        bottom = self.pdf.get_y()
        self.pdf.set_xy(self.MARGIN + self.LABEL_WIDTH, top)
        return bottom

    def title(self, title: str, intro: str) -> None:
        self._font(18, "B")
        self._text(title, height=9)
        self._font(10, colour=_GREY)
        self._text(intro)
        self.pdf.ln(2)

    def section(self, heading: str) -> None:
        self.pdf.ln(2)
        self._font(12, "B")
        self._text(heading, height=6)
        y = self.pdf.get_y()
        self.pdf.line(self.MARGIN, y, self.right, y)
        self.pdf.ln(1)

    def row(self, label: str, value: str) -> None:
        label_bottom = self._label(label)
        self._font(10, "B")
        self.pdf.multi_cell(0, self.LINE, _printable(value), align="L")
        self.pdf.set_xy(self.MARGIN, max(label_bottom, self.pdf.get_y()))

    def paragraph(self, text: str, grey: bool = False) -> None:
        self.pdf.ln(1.5)
        self._font(9 if grey else 10, colour=_GREY if grey else _BLACK)
        self._text(text, height=5 if grey else self.LINE)

    def blank(self, label: str, lines: int = 1) -> None:
        """A label, then ruled lines to write on by hand."""
        height = 7.5
        top = self.pdf.get_y()
        label_bottom = self._label(label)
        # The first line sits under the label, even one that wraps.
        first = max(top + height, label_bottom)
        for index in range(lines):
            y = first + height * index
            self.pdf.line(self.MARGIN + self.LABEL_WIDTH, y, self.right, y)
        self.pdf.set_xy(self.MARGIN, first + height * (lines - 1) + 1.5)

    def box(self, statement: str, ticked: bool = False) -> None:
        """A square to tick (crossed when ``ticked``), then the statement it confirms."""
        size = 4.0
        self.pdf.ln(1)
        top = self.pdf.get_y() + 0.5
        self.pdf.rect(self.MARGIN, top, size, size)
        if ticked:
            self.pdf.line(self.MARGIN, top, self.MARGIN + size, top + size)
            self.pdf.line(self.MARGIN, top + size, self.MARGIN + size, top)
        self.pdf.set_x(self.MARGIN + size + 3)
        self._font(10)
        self.pdf.multi_cell(0, self.LINE, _printable(statement), align="L")
        self.pdf.set_x(self.MARGIN)

    def signature_boxes(self, left: str, right: str) -> None:
        """Two frames side by side to sign in, each with its caption above."""
        gap, frame_height = 8.0, 30.0
        width = (self.right - self.MARGIN - gap) / 2
        if self.pdf.get_y() + 12 + frame_height > self.pdf.page_break_trigger:
            self.pdf.add_page()  # frames are drawn, not written: no automatic page break
        top = self.pdf.get_y() + 2
        self._font(9, colour=_GREY)
        for index, caption in enumerate((left, right)):
            self.pdf.set_xy(self.MARGIN + index * (width + gap), top)
            self.pdf.multi_cell(width, 4.5, _printable(caption), align="L")
        frame_top = top + 10
        for index in range(2):
            self.pdf.rect(self.MARGIN + index * (width + gap), frame_top, width, frame_height)
        self.pdf.set_xy(self.MARGIN, frame_top + frame_height + 1)

    def output(self, title: str, author: str) -> bytes:
        self.pdf.set_title(title)
        self.pdf.set_author(author)
        self.pdf.set_creator("Fleet self-service")
        self.pdf.set_lang(self.language)
        return bytes(self.pdf.output())
