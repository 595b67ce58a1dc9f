"""SQLModel tables. Money is kept in euro cents, numbers in E.164, times in UTC."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


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
    updated_at: datetime = Field(default_factory=utc_now)


OPEN_ORDER = text("status IN ('received', 'in_progress')")


class Order(SQLModel, table=True):
    # One open order per SIM card, even when two arrive at the same moment.
    __table_args__ = (
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
    rejection_reason: str | None = None


class OrderEvent(SQLModel, table=True):
    """One entry of an order's history."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="order.id", index=True)
    at: datetime = Field(default_factory=utc_now)
    from_status: str | None = None
    to_status: str
    note: str | None = None
    actor: str  # "manager:<id>" or "back office"
