"""What the API takes and gives: pydantic models with examples, for OpenAPI.

An order is the request the wizard builds (`domain.request.OrderRequest`), by the same field
names and values. Choices are documented with their values but taken as text: a value that
is none of them gets the wizard's own problem on its field (422), not a second kind of error.
"""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from domain.catalogue import OPERATOR_NAMES, OPTIONS, PLANS, TRAVEL_DATA_CONTROL_AMOUNTS
from domain.language import Language
from domain.orders import OrderStatus
from domain.request import CardType, OwnerType, RequestType, SimKind


def _one_of(values: object, description: str) -> Any:
    return Field(default=None, description=description, json_schema_extra={"enum": [*values, None]})  # type: ignore[misc]


class OrderIn(BaseModel):
    """A line to add: a new number or a transfer, as the wizard asks it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "request_type": "new_number",
                    "customer_number_id": "1",
                    "end_user_name": "Lotte Janssens",
                    "sim_kind": "esim",
                    "esim_email": "lotte@example.be",
                    "esim_language": "nl",
                    "esim_device_compatible": True,
                    "plan_code": "shape_m",
                    "option_codes": ["secure_net"],
                    "travel_data_control": 50,
                }
            ]
        },
    )

    request_type: str | None = _one_of([t.value for t in RequestType], "New number or transfer.")
    current_operator: str | None = _one_of([o.value for o in OPERATOR_NAMES], "Transfers only.")
    card_type: str | None = _one_of([c.value for c in CardType], "Transfers only.")
    transfer_number: str = Field("", description="Transfers only: the Belgian mobile number.")
    owner_type: str | None = _one_of([o.value for o in OwnerType], "Transfers only.")
    owner_name: str = ""
    enterprise_number: str = Field("", description="A company owner's enterprise number.")
    donor_iccid: str = Field("", description="Prepaid transfers: the SIM card's 19 or 20 digits.")
    donor_customer_number: str = Field("", description="Subscription transfers.")
    owner_consent: bool = False
    ask_employee_transfer: bool = Field(
        False, description="The employee gives the owner's details through their own link."
    )
    employee_email: str = ""
    employee_language: str | None = _one_of([lang.value for lang in Language], "")
    send_when_employee_done: bool = False
    customer_number_id: str | None = Field(None, description="An id from GET /catalogue.")
    sub_division_id: str | None = Field(None, description="An id from GET /catalogue.")
    sim_kind: str | None = _one_of([s.value for s in SimKind], "Physical SIM card or eSIM.")
    sim_digits: str = Field("", description="SIM card: the first 13 digits printed on it.")
    esim_email: str = ""
    esim_language: str | None = _one_of([lang.value for lang in Language], "eSIM only.")
    esim_device_compatible: bool = False
    esim_qr_copy_to_manager: bool = False
    end_user_name: str = ""
    plan_code: str | None = _one_of([p.code for p in PLANS], "A plan code from GET /catalogue.")
    option_codes: list[str] = Field(
        default_factory=list, description=f"Of: {', '.join(o.code for o in OPTIONS)}."
    )
    travel_data_control: int | None = Field(
        50,
        description="Euros a month; null: no limit (then confirm it).",
        json_schema_extra={"enum": list(TRAVEL_DATA_CONTROL_AMOUNTS)},
    )
    travel_data_no_limit_confirmed: bool = False
    invoice_split: bool = False
    contract_language: str | None = _one_of([lang.value for lang in Language], "")
    ask_employee_signature: bool = Field(
        False, description="Invoice Split: the employee signs online through their own link."
    )


class ProblemOut(BaseModel):
    field: str = Field(examples=["sim_digits"])
    message: str = Field(
        examples=["Enter exactly 13 digits: the first 13 digits printed on the SIM card."]
    )


class ProblemsOut(BaseModel):
    """Why nothing was done: one entry per answer to change (422)."""

    problems: list[ProblemOut]


class ErrorOut(BaseModel):
    detail: str = Field(examples=["Not found"])


class OrderOut(BaseModel):
    reference: str = Field(examples=["FL-7FV8-WGSN"])
    status: str = Field(examples=[s.value for s in OrderStatus])
    submitted_at: datetime
    expected_completion: datetime
    request: dict[str, Any]
    rejection_reason: str | None = None
    rejection_note: str | None = None
    history: list[dict[str, Any]] = []


class AskedOut(BaseModel):
    """Sent to the employee for their part (202): the order follows once they are done."""

    status: str = Field("waiting_for_employee", examples=["waiting_for_employee"])
    request_id: int
    link_valid_until: datetime


class OrderRowOut(BaseModel):
    reference: str
    request_type: str
    number: str | None
    end_user: str
    plan_code: str
    sim_kind: str | None
    status: str
    submitted_at: datetime
    expected_completion: datetime
    overdue: bool


class OrdersOut(BaseModel):
    orders: list[OrderRowOut]
    total: int
    page: int
    per_page: int


class LineOut(BaseModel):
    number: str = Field(examples=["+32470123400"])
    end_user: str
    plan_code: str
    options: list[str]
    sim_kind: str
    customer_number: str
    sub_division: str | None
    travel_data_control: int | None


class LinesOut(BaseModel):
    lines: list[LineOut]
    total: int
    page: int
    per_page: int


class NamedOut(BaseModel):
    code: str
    name: str


class PriceOut(NamedOut):
    monthly_price_excl_vat: str = Field(examples=["25.62"])


class SubDivisionOut(BaseModel):
    id: str
    name: str
    invoice_split_company_cap_eur: str | None


class CustomerNumberOut(BaseModel):
    id: str
    customer_number: str
    name: str
    sub_divisions: list[SubDivisionOut]


class CatalogueOut(BaseModel):
    plans: list[PriceOut]
    options: list[PriceOut]
    operators: list[NamedOut]
    travel_data_control_amounts: list[int | None]
    customer_numbers: list[CustomerNumberOut]
