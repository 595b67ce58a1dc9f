"""The e-mails the app writes, in the recipient's language, each as plain text and HTML.

Callers pass plain details (values already in the recipient's language where they are
texts); this module words, formats and lays them out. Every value is HTML-escaped: names,
addresses and summaries come from users.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.business_calendar import to_brussels
from domain.summary import LABELLED
from domain.texts import N_
from locales import LANGUAGES, translator
from locales.formats import format_moment
from storage.mail.layout import (
    Block,
    Code,
    Facts,
    Heading,
    Image,
    Link,
    Paragraph,
    Steps,
    render_html,
    render_text,
)
from storage.mail.qr import qr_png

QR_CID = "esim-qr@fleet-self-service"  # Content-ID of the inline QR image


class MailKind(StrEnum):
    CONFIRMATION = "confirmation"
    ESIM_PROFILE = "esim_profile"
    ESIM_PROFILE_COPY = "esim_profile_copy"
    ORDER_COMPLETED = "order_completed"
    ORDER_REJECTED = "order_rejected"
    ORDER_CANCELLED = "order_cancelled"
    LINE_ACTIVE = "line_active"
    CONTRACT_TO_SIGN = "contract_to_sign"
    EMPLOYEE_LINK = "employee_link"
    EMPLOYEE_REMINDER = "employee_reminder"
    EMPLOYEE_DONE = "employee_done"


@dataclass(frozen=True)
class OutgoingMail:
    """A message ready for the outbox: `inline_images` maps a Content-ID to PNG bytes,
    `attachments` a file name to PDF bytes."""

    to: list[str]
    subject: str
    text: str
    html: str
    language: str
    kind: str
    inline_images: dict[str, bytes] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfirmationDetails:
    """The confirmation to the fleet manager; labels and values already in `language`."""

    reference: str
    language: str
    manager_name: str
    manager_email: str
    company_name: str
    summary_lines: list[tuple[str, str]]
    turnaround_label: str
    due: datetime  # timezone-aware; shown in Brussels time
    order_url: str | None = None


@dataclass(frozen=True)
class EsimProfileDetails:
    reference: str
    language: str  # the end user's
    end_user_name: str
    end_user_email: str
    activation_code: str  # LPA:1$<SM-DP+ address>$<matching id>
    number_display: str | None = None


@dataclass(frozen=True)
class OrderUpdateDetails:
    """`reason`: a rejection reason message id (translated here); `note`: the operator's own
    words (kept as written)."""

    reference: str
    language: str
    manager_name: str
    manager_email: str
    status: str  # "completed", "rejected" or "cancelled"
    reason: str | None = None
    note: str | None = None
    number_display: str | None = None  # the line's number, once completed
    order_url: str | None = None


@dataclass(frozen=True)
class LineActiveDetails:
    reference: str
    language: str  # the end user's
    end_user_name: str
    end_user_email: str
    number_display: str


def confirmation_message(d: ConfirmationDetails) -> OutgoingMail:
    """Step 7: the request's reference, summary, processing time and expected completion."""
    t = _translator(d.language)
    blocks: list[Block] = [
        Paragraph(t(N_("Hello {name},"), name=d.manager_name)),
        Paragraph(
            t(
                N_("We have received your request to add a line to the fleet of {company}."),
                company=d.company_name,
            )
        ),
        Facts(
            [
                (t(N_("Reference")), d.reference),
                (t(N_("Processing time")), d.turnaround_label),
                (t(N_("Expected completion")), format_moment(to_brussels(d.due), d.language)),
            ]
        ),
        Heading(t(N_("Summary of your request"))),
        Facts(list(d.summary_lines)),
        Heading(t(N_("What happens next"))),
        Paragraph(
            t(
                N_(
                    "We process your request and send you an e-mail as soon as it is completed. "
                    "Mention the reference {reference} with any question."
                ),
                reference=d.reference,
            )
        ),
    ]
    if d.order_url:
        blocks.append(Link(t(N_("Follow your request online")), _web_url(d.order_url)))
    return _compose(
        MailKind.CONFIRMATION,
        d.language,
        [d.manager_email],
        t(N_("Your request {reference} has been received"), reference=d.reference),
        t(N_("Request received")),
        blocks,
    )


def esim_profile_message(
    d: EsimProfileDetails, *, copy_to: str | None = None, copy_language: str | None = None
) -> list[OutgoingMail]:
    """The eSIM profile e-mail to the end user, and a copy to `copy_to` when asked.

    The copy is written in `copy_language` (the fleet manager's), else in the end user's.
    """
    png = qr_png(d.activation_code)
    mails = [_esim_mail(d, d.language, [d.end_user_email], png, is_copy=False)]
    if copy_to:
        mails.append(_esim_mail(d, copy_language or d.language, [copy_to], png, is_copy=True))
    return mails


def order_update_message(d: OrderUpdateDetails) -> OutgoingMail:
    """A request completed (with the line's number), rejected (with what to correct) or
    cancelled, to the fleet manager."""
    t = _translator(d.language)
    builders = {
        "completed": _completed,
        "rejected": _rejected,
        "cancelled": _cancelled,
    }
    if d.status not in builders:
        raise ValueError(f"no e-mail for order status {d.status!r}")
    kind, subject, title, blocks = builders[d.status](d, t)
    greeting = Paragraph(t(N_("Hello {name},"), name=d.manager_name))
    if d.order_url:
        blocks.append(Link(t(N_("Follow your request online")), _web_url(d.order_url)))
    return _compose(kind, d.language, [d.manager_email], subject, title, [greeting, *blocks])


Update = tuple[MailKind, str, str, list[Block]]


def _completed(d: OrderUpdateDetails, t: Callable[..., str]) -> Update:
    blocks: list[Block] = [
        Paragraph(
            t(
                N_("Your request {reference} has been completed: the line is now in your fleet."),
                reference=d.reference,
            )
        )
    ]
    if d.number_display:
        blocks.append(Facts([(t(N_("Number")), d.number_display)]))
    subject = t(N_("Request {reference} completed"), reference=d.reference)
    return MailKind.ORDER_COMPLETED, subject, t(N_("Request completed")), blocks


def _rejected(d: OrderUpdateDetails, t: Callable[..., str]) -> Update:
    blocks: list[Block] = [
        Paragraph(t(N_("Your request {reference} could not be processed."), reference=d.reference))
    ]
    facts = [(t(N_("Reason")), t(d.reason))] if d.reason else []
    if d.note:
        facts.append((t(N_("The operator's note")), d.note))
    if facts:
        blocks.append(Facts(facts))
    blocks.append(Paragraph(t(N_("You can correct the request and submit it again."))))
    subject = t(N_("Request {reference} rejected"), reference=d.reference)
    return MailKind.ORDER_REJECTED, subject, t(N_("Request rejected")), blocks


def _cancelled(d: OrderUpdateDetails, t: Callable[..., str]) -> Update:
    blocks: list[Block] = [
        Paragraph(
            t(
                N_("Your request {reference} is cancelled: nothing will be done for it."),
                reference=d.reference,
            )
        )
    ]
    subject = t(N_("Request {reference} cancelled"), reference=d.reference)
    return MailKind.ORDER_CANCELLED, subject, t(N_("Request cancelled")), blocks


@dataclass(frozen=True)
class ContractToSignDetails:
    language: str  # the contract's
    employee_name: str
    employee_email: str
    company_name: str
    manager_name: str
    filename: str
    pdf: bytes


def contract_to_sign_message(d: ContractToSignDetails) -> OutgoingMail:
    """To the employee: the pre-filled Invoice Split contract, to complete, sign and return."""
    t = _translator(d.language)
    blocks: list[Block] = [
        Paragraph(t(N_("Hello {name},"), name=d.employee_name)),
        Paragraph(
            t(
                N_(
                    "{company} splits the bill of your mobile line with you (Invoice Split). The contract is attached, filled in with what the company knows."
                ),
                company=d.company_name,
            )
        ),
        Steps(
            [
                t(N_("Complete the part left for you.")),
                t(N_("Sign the contract.")),
                t(N_("Give it back to {manager}, your fleet manager."), manager=d.manager_name),
            ]
        ),
    ]
    mail = _compose(
        MailKind.CONTRACT_TO_SIGN,
        d.language,
        [d.employee_email],
        t(N_("Your Invoice Split contract to sign")),
        t(N_("Invoice Split contract")),
        blocks,
    )
    return dataclasses.replace(mail, attachments={d.filename: d.pdf})


@dataclass(frozen=True)
class EmployeeLinkDetails:
    """To the employee: the link to give their part (``parts``: what is asked, in words of
    the employee's language already)."""

    language: str  # the employee's
    employee_name: str
    employee_email: str
    company_name: str
    manager_name: str
    number_display: str | None
    parts: list[str]
    url: str
    expires: datetime
    reminder: bool = False


def employee_link_message(d: EmployeeLinkDetails) -> OutgoingMail:
    t = _translator(d.language)
    line = d.number_display or t(N_("your new mobile line"))
    blocks: list[Block] = [
        Paragraph(t(N_("Hello {name},"), name=d.employee_name)),
        Paragraph(
            t(
                N_(
                    "{manager} of {company} is adding {line} to the company's fleet and needs your part of the request:"
                ),
                manager=d.manager_name,
                company=d.company_name,
                line=line,
            )
        ),
        Steps(d.parts),
        Link(t(N_("Give your part online")), _web_url(d.url)),
        Paragraph(
            t(
                N_(
                    "The link works once, until {moment}, and only for you: do not forward this e-mail."
                ),
                moment=format_moment(to_brussels(d.expires), d.language),
            )
        ),
    ]
    subject = (
        t(N_("Reminder: {company} needs your part for {line}"), company=d.company_name, line=line)
        if d.reminder
        else t(N_("{company} needs your part for {line}"), company=d.company_name, line=line)
    )
    kind = MailKind.EMPLOYEE_REMINDER if d.reminder else MailKind.EMPLOYEE_LINK
    return _compose(kind, d.language, [d.employee_email], subject, t(N_("Your part")), blocks)


@dataclass(frozen=True)
class EmployeeDoneDetails:
    language: str  # the fleet manager's
    manager_name: str
    manager_email: str
    employee_name: str
    number_display: str | None
    sent_as: str | None  # the order's reference when it was sent by itself
    url: str | None


def employee_done_message(d: EmployeeDoneDetails) -> OutgoingMail:
    """To the fleet manager: the employee gave their part (and the request went, or waits)."""
    t = _translator(d.language)
    line = d.number_display or t(N_("the new mobile line"))
    done = t(N_("{employee} has given their part for {line}."), employee=d.employee_name, line=line)
    then = (
        t(N_("The request was sent by itself as {reference}."), reference=d.sent_as)
        if d.sent_as
        else t(N_("Check the answers and send the request."))
    )
    blocks: list[Block] = [
        Paragraph(t(N_("Hello {name},"), name=d.manager_name)),
        Paragraph(done),
        Paragraph(then),
    ]
    if d.url:
        blocks.append(Link(t(N_("Open my orders")), _web_url(d.url)))
    subject = t(N_("{employee} has given their part"), employee=d.employee_name)
    return _compose(
        MailKind.EMPLOYEE_DONE, d.language, [d.manager_email], subject, t(N_("Your part")), blocks
    )


def line_active_message(d: LineActiveDetails) -> OutgoingMail:
    """To the end user: their line works."""
    t = _translator(d.language)
    blocks: list[Block] = [
        Paragraph(t(N_("Hello {name},"), name=d.end_user_name)),
        Paragraph(t(N_("Your mobile line is active: you can use it now."))),
        Facts([(t(N_("Number")), d.number_display)]),
    ]
    subject = t(N_("Your mobile line {number} is active"), number=d.number_display)
    return _compose(
        MailKind.LINE_ACTIVE, d.language, [d.end_user_email], subject, t(N_("Line active")), blocks
    )


def _esim_mail(
    d: EsimProfileDetails, language: str, to: list[str], png: bytes, *, is_copy: bool
) -> OutgoingMail:
    """One eSIM profile e-mail: to the end user, or the fleet manager's copy of it."""
    t = _translator(language)
    blocks: list[Block] = [
        *_esim_intro(d, t, is_copy=is_copy),
        *_esim_installation(t),
        *_esim_cannot_scan(d, t),
        Paragraph(
            t(N_("The QR code works only once and gives access to your line: do not share it."))
        ),
    ]
    kind = MailKind.ESIM_PROFILE_COPY if is_copy else MailKind.ESIM_PROFILE
    subject = _esim_subject(d, t, is_copy=is_copy)
    title = t(N_("Install your eSIM"))
    return _compose(kind, language, to, subject, title, blocks, {QR_CID: png})


def _esim_intro(d: EsimProfileDetails, t: Callable[..., str], *, is_copy: bool) -> list[Block]:
    """Who the e-mail is for and why it came; the copy first says whose e-mail it copies."""
    blocks: list[Block] = []
    if is_copy:
        blocks.append(
            Paragraph(
                t(
                    N_("Copy for the fleet manager of the e-mail sent to {name} ({email})."),
                    name=d.end_user_name,
                    email=d.end_user_email,
                )
            )
        )
    blocks += [
        Paragraph(t(N_("Hello {name},"), name=d.end_user_name)),
        Paragraph(
            t(
                N_(
                    "Your company has ordered a mobile line on an eSIM for you "
                    "(reference {reference}). Install it on your phone with the QR code below."
                ),
                reference=d.reference,
            )
        ),
    ]
    if d.number_display:
        blocks.append(Facts([(t(N_("Your number")), d.number_display)]))
    return blocks


def _esim_installation(t: Callable[..., str]) -> list[Block]:
    """The steps to install the profile by scanning, then the QR code they refer to."""
    return [
        Heading(t(N_("Installing the eSIM"))),
        Steps(
            [
                t(N_("Connect the phone to Wi-Fi.")),
                t(
                    N_(
                        "Open the phone's settings, go to the mobile network or SIM section "
                        "and choose to add an eSIM."
                    )
                ),
                t(
                    N_(
                        "When the phone asks for it, scan the QR code below. Show this e-mail on "
                        "another screen or print it: a phone cannot scan its own screen."
                    )
                ),
                t(N_("Follow the instructions on the phone to finish.")),
            ]
        ),
        Image(QR_CID, t(N_("QR code of the eSIM profile"))),
    ]


def _esim_cannot_scan(d: EsimProfileDetails, t: Callable[..., str]) -> list[Block]:
    """Manual entry, for a phone that cannot scan: the whole activation code, and its two
    parts when the code has them (some phones ask for them in separate fields)."""
    blocks: list[Block] = [
        Heading(t(N_("Cannot scan the QR code?"))),
        Paragraph(t(N_("Choose to enter the details manually and type this activation code:"))),
        Code(d.activation_code),
    ]
    manual = _manual_entry(d.activation_code)
    if manual:
        blocks += [
            Paragraph(t(N_("If the phone asks for two separate fields, enter:"))),
            Facts(
                [
                    (t(N_("SM-DP+ address")), manual[0]),
                    (t(N_("Activation code (matching ID)")), manual[1]),
                ]
            ),
        ]
    return blocks


def _esim_subject(d: EsimProfileDetails, t: Callable[..., str], *, is_copy: bool) -> str:
    """The subject names the number when it is known, and says so when it is a copy."""
    if d.number_display:
        subject = t(N_("Your eSIM profile for {number}"), number=d.number_display)
    else:
        subject = t(N_("Your eSIM profile"))
    if is_copy:
        subject = t(N_("Copy: {subject}"), subject=subject)
    return subject


def _manual_entry(activation_code: str) -> tuple[str, str] | None:
    """(SM-DP+ address, matching id): some phones ask for them in two fields."""
    parts = activation_code.split("$")
    if len(parts) >= 3 and parts[0] == "LPA:1":
        return parts[1], parts[2]
    return None


def _translator(language: str) -> Callable[..., str]:
    if language not in LANGUAGES:
        raise ValueError(f"no e-mails in language {language!r}")
    return translator(language)


def _web_url(url: str) -> str:
    # Only web links: a javascript: or data: URL in an e-mail would be a trap.
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {url!r}")
    return url


def _compose(
    kind: MailKind,
    language: str,
    to: list[str],
    subject: str,
    title: str,
    blocks: list[Block],
    inline_images: dict[str, bytes] | None = None,
) -> OutgoingMail:
    t = _translator(language)
    sign_off = [t(N_("Kind regards,")), t(N_("The Fleet self-service team"))]
    notice = t(N_("This e-mail was sent automatically: please do not reply to it."))
    subject = " ".join(subject.split())  # a line break in a header would end it
    return OutgoingMail(
        to=list(to),
        subject=subject,
        text=render_text(
            title,
            blocks,
            sign_off,
            notice,
            lambda label, value: t(LABELLED, label=label, value=value),
        ),
        html=render_html(language, subject, title, blocks, sign_off, notice),
        language=language,
        kind=kind.value,
        inline_images=dict(inline_images or {}),
    )
