"""Every SQLModel table, in one place. Money is kept in euro cents, numbers in E.164, times in
UTC."""

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, TypeDecorator, UniqueConstraint, text
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from domain.orders import OPEN_STATUSES
from domain.texts import N_


def utc_now() -> datetime:
    return datetime.now(UTC)


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    enterprise_number: str = Field(unique=True)  # KBO/BCE, 10 digits


class BillingAccount(SQLModel, table=True):
    """A customer number the company is billed on."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    customer_number: str = Field(unique=True)
    name: str


class SubDivision(SQLModel, table=True):
    """A sub-division of a customer number, optionally with an Invoice Split profile."""

    id: int | None = Field(default=None, primary_key=True)
    billing_account_id: int = Field(foreign_key="billingaccount.id", index=True)
    name: str
    split_profile_name: str | None = None
    split_company_cap_cents: int | None = None  # the company pays up to this a month


class FleetManager(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    email: str = Field(unique=True)
    name: str
    password_hash: str
    language: str = "fr"


class OperatorAgent(SQLModel, table=True):
    """Someone of the operator's staff in the back-office: sees every company's orders, moves
    them on; not a fleet manager of any company."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    name: str
    password_hash: str
    language: str = "en"


class DemoReset(SQLModel, table=True):
    """Each time the demo was put back as seeded: a session from before the last one ends."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now)


class FleetLine(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("number"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    number: str  # E.164
    end_user: str
    plan_code: str
    options: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sim_kind: str  # "sim" or "esim"
    sim_digits: str | None = None
    billing_account_id: int = Field(foreign_key="billingaccount.id")
    sub_division_id: int | None = Field(default=None, foreign_key="subdivision.id")
    travel_data_control: int | None = 50  # euros excl. VAT a month; None: no limit
    invoice_split: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    added_at: datetime = Field(default_factory=utc_now)


class Draft(SQLModel, table=True):
    """A fleet manager's wizard in progress: saved at every change, one per manager."""

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="fleetmanager.id", unique=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    answers: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    step: str = "request_type"
    returning_to_summary: bool = False  # opened from a "Change" link on check-your-answers
    submission_key: str  # one order per draft, however often "Submit" arrives
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # +1 a save
    correcting: str | None = None  # the reference of the rejected order this draft corrects
    updated_at: datetime = Field(default_factory=utc_now)


# The partial index's condition, written from the domain's open statuses.
OPEN_ORDER = text("status IN ({})".format(", ".join(f"'{status}'" for status in OPEN_STATUSES)))


class Order(SQLModel, table=True):
    # One open order per SIM card, even when two arrive at the same moment; and an index for
    # each way the orders page sorts a company's orders (it stays fast at 10,000 orders).
    __table_args__ = (
        Index("ix_order_company_submitted", "company_id", "submitted_at"),
        Index("ix_order_company_due", "company_id", "due_at"),
        Index("ix_order_company_end_user", "company_id", "end_user_name"),
        Index("ix_order_company_status", "company_id", "status"),
        Index("ix_order_company_reference", "company_id", "reference"),
        Index(
            "one_open_order_per_sim",
            "sim_digits",
            unique=True,
            sqlite_where=OPEN_ORDER,
            postgresql_where=OPEN_ORDER,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True)
    submission_key: str = Field(unique=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    manager_id: int = Field(foreign_key="fleetmanager.id")
    status: str = "received"
    request: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    activation_kind: str
    turnaround: str
    submitted_at: datetime
    due_at: datetime
    number: str | None = Field(default=None, index=True)  # E.164 of a transfer
    sim_digits: str | None = None
    end_user_name: str
    plan_code: str
    esim_activation_code: str | None = None
    contract_document_id: str | None = None  # StoredDocument.public_id
    rejection_reason: str | None = None  # a RejectionReason value while rejected
    rejection_note: str | None = None  # the operator's own words with it
    fleet_line_id: int | None = Field(default=None, foreign_key="fleetline.id")  # once completed
    esim_installed_at: datetime | None = None  # the profile was downloaded onto a device


class OrderEvent(SQLModel, table=True):
    """One entry of an order's history."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    at: datetime = Field(default_factory=utc_now)
    from_status: str | None = None
    to_status: str
    note: str | None = None  # the RejectionReason value of a rejection
    comment: str | None = None  # the operator's own words
    actor: str  # an ActorKind value, with ":<id>" for a fleet manager
    actor_name: str | None = None  # the fleet manager's name at the time


class EsimEntry(SQLModel, table=True):
    """One entry of an eSIM's history after its order (an EsimAction): resends, new codes,
    its installation. Never the code itself."""

    __table_args__ = (Index("ix_esimentry_order_action", "order_id", "action"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id")
    at: datetime
    action: str
    actor: str  # as OrderEvent.actor
    actor_name: str | None = None
    detail: str | None = None  # the new address of a changed recipient


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt (next_attempt_at)
    SENDING = "sending"  # claimed by a delivery worker until next_attempt_at (its lease)
    SENT = "sent"
    FAILED = "failed"  # given up: a permanent rejection, or too many attempts

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    OutboxStatus.PENDING: N_("Waiting to be sent"),
    OutboxStatus.SENDING: N_("Being sent"),
    OutboxStatus.SENT: N_("Sent"),
    OutboxStatus.FAILED: N_("Not delivered"),
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the database keeps (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("outbox times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def _utc_column(**kwargs: Any) -> Any:
    return Field(sa_column=Column(UtcDateTime(), **kwargs))


class OutboxMessage(SQLModel, table=True):
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int | None = Field(default=None, index=True)  # no foreign key until orders exist
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    kind: str
    language: str
    recipients: list[str] = Field(sa_column=Column(JSON, nullable=False))
    subject: str
    text_body: str
    html_body: str
    inline_images: dict[str, str] = Field(  # Content-ID -> base64 of the PNG
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    attachments: dict[str, str] = Field(  # file name -> base64 of the PDF
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    status: str = Field(default=OutboxStatus.PENDING.value)
    attempts: int = 0
    next_attempt_at: datetime = _utc_column(nullable=False)
    last_error: str | None = None
    created_at: datetime = _utc_column(nullable=False)
    sent_at: datetime | None = _utc_column(nullable=True)
    # Made once here, so that a retried send carries the same id (receivers can deduplicate).
    message_id: str = Field(unique=True)


SIGNED_CONTRACT = "signed_contract"


class StoredDocument(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(unique=True, default_factory=lambda: secrets.token_urlsafe(16))
    company_id: int = Field(foreign_key="company.id", index=True)
    uploaded_by: int = Field(foreign_key="fleetmanager.id")
    kind: str = SIGNED_CONTRACT
    stored_name: str = Field(unique=True)  # random file name in documents_dir
    sha256: str
    size: int
    content_type: str  # detected from the content: application/pdf, image/png, image/jpeg
    original_name: str  # sanitised, for display only: never used as a path
    uploaded_at: datetime = Field(default_factory=utc_now)
    draft_owner_id: int | None = Field(default=None, foreign_key="fleetmanager.id")
    order_id: int | None = None  # no foreign key yet: the orders table comes with the wizard


class SignInSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds a random token, this row only its SHA-256. The
    sign-in page first gets a one-use ticket (its hash here too), which an HTTP request
    exchanges for the token, so that the cookie is new at every sign-in."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, unique=True)  # set when the ticket is used
    ticket_hash: str | None = Field(default=None, unique=True)  # cleared when used
    manager_id: int | None = Field(default=None, foreign_key="fleetmanager.id", index=True)
    agent_id: int | None = Field(default=None, foreign_key="operatoragent.id", index=True)
    created_at: datetime = _utc_column(nullable=False)
    last_seen_at: datetime = _utc_column(nullable=False)
    ended_at: datetime | None = _utc_column(nullable=True)


class EmployeeRequest(SQLModel, table=True):
    """A request waiting for the employee's part (issue 15): the fleet manager's answers, the
    employee's once given, and, once sent, its order (whose submission key it keeps)."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    manager_id: int = Field(foreign_key="fleetmanager.id")
    submission_key: str = Field(unique=True)  # the draft's, then the order's: one order
    request: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    employee_email: str
    employee_language: str
    created_at: datetime = _utc_column(nullable=False)
    reminded_at: datetime | None = _utc_column(nullable=True)
    answered_at: datetime | None = _utc_column(nullable=True)
    answered_from: str | None = None  # the address the employee answered from
    signed_by: str | None = None  # the full name the employee signed with
    contract_sha256: str | None = None  # of the signed contract the app made
    cancelled_at: datetime | None = _utc_column(nullable=True)
    order_id: int | None = Field(default=None, foreign_key="order.id")


class EmployeeLinkRow(SQLModel, table=True):
    """One link sent to the employee: only the SHA-256 of its secret; a newer one replaces it."""

    id: int | None = Field(default=None, primary_key=True)
    employee_request_id: int = Field(foreign_key="employeerequest.id", index=True)
    secret_hash: str = Field(unique=True)
    created_at: datetime = _utc_column(nullable=False)
    used_at: datetime | None = _utc_column(nullable=True)
    revoked_at: datetime | None = _utc_column(nullable=True)
    replaced: bool = False


class EmployeeEntry(SQLModel, table=True):
    """One entry of the request's history before its order (an EmployeeAction), shown with it."""

    id: int | None = Field(default=None, primary_key=True)
    employee_request_id: int = Field(foreign_key="employeerequest.id", index=True)
    at: datetime = _utc_column(nullable=False)
    action: str
    actor: str  # as OrderEvent.actor; "employee" for the employee
    actor_name: str | None = None
    detail: str | None = None


class BulkSheet(SQLModel, table=True):
    """A spreadsheet of lines uploaded by a fleet manager (issue 16): its rows are sent as
    orders, each with its own submission key, so sending again makes no second order."""

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(default_factory=lambda: secrets.token_urlsafe(16), unique=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    manager_id: int = Field(foreign_key="fleetmanager.id")
    file_name: str
    uploaded_at: datetime = _utc_column(nullable=False)


class BulkRow(SQLModel, table=True):
    """One line of a sheet: its cells as written (and corrected), what the rules said of it
    when last judged, and its signed Invoice Split contract if one was uploaded for it. Its
    order (or the request sent to the employee) is the one with its submission key: nothing
    here says "sent", so a crash between the two can never make them disagree."""

    __table_args__ = (UniqueConstraint("sheet_id", "row_number"),)

    id: int | None = Field(default=None, primary_key=True)
    sheet_id: int = Field(foreign_key="bulksheet.id", index=True)
    row_number: int  # as in the file, so the fleet manager finds it there
    cells: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    notes: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    problems: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    problem_count: int = 0
    submission_key: str = Field(default_factory=lambda: secrets.token_urlsafe(24), unique=True)
    contract_document_id: str | None = None
    contract_basis: str = ""
    # The line it writes (domain.bulk.line_fingerprint) when last judged: the same line in a
    # later file is told it was sent already.
    fingerprint: str = Field(default="", index=True)


class ApiToken(SQLModel, table=True):
    """A company's token for the REST API (issue 17): only the SHA-256 of the secret, which
    was shown once; it acts as the fleet manager who made it, read-only or read-write."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    manager_id: int = Field(foreign_key="fleetmanager.id")
    name: str
    secret_hash: str = Field(unique=True)
    shown_start: str  # the secret's first characters, for telling tokens apart in the list
    can_write: bool = False
    created_at: datetime = _utc_column(nullable=False)
    last_used_at: datetime | None = _utc_column(nullable=True)
    revoked_at: datetime | None = _utc_column(nullable=True)


class IdempotentAnswer(SQLModel, table=True):
    """The answer given to a POST with an Idempotency-Key, given again to the same request
    with that key (and refused to another request with it)."""

    __table_args__ = (UniqueConstraint("company_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id")
    key: str
    request_hash: str  # what was asked: method, path and body
    status_code: int
    body: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _utc_column(nullable=False)


class WebhookEndpoint(SQLModel, table=True):
    """An https address of the company told of its orders' changes (Standard Webhooks). The
    signing secret is kept as such: signing needs it (it is shown once, and rotatable; the
    previous one still signs for a day so receivers can switch)."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    url: str
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    secret: str
    previous_secret: str | None = None
    previous_until: datetime | None = _utc_column(nullable=True)
    created_at: datetime = _utc_column(nullable=False)
    removed_at: datetime | None = _utc_column(nullable=True)


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint: written in the transaction of the change it tells, sent by
    the delivery worker once (leased like the e-mails), in order for each order, retried with
    back-off for a day."""

    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id"),
        Index("ix_webhookdelivery_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhookendpoint.id", index=True)
    event_id: str  # webhook-id: the same on every attempt, so a receiver can deduplicate
    event_type: str
    order_reference: str | None = Field(default=None, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = "pending"  # pending, sending (leased), delivered, failed
    attempts: int = 0
    next_attempt_at: datetime = _utc_column(nullable=False)
    lease_until: datetime | None = _utc_column(nullable=True)
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime = _utc_column(nullable=False)
    delivered_at: datetime | None = _utc_column(nullable=True)
