"""The wizard's steps, which of them apply, and which request fields each one asks."""

from enum import StrEnum

from domain.request import OrderRequest, RequestType, enum_value, flag_value
from domain.texts import N_


class Step(StrEnum):
    REQUEST_TYPE = "request_type"
    NUMBER_AND_OWNER = "number_and_owner"  # transfers only
    SIM_AND_BILLING = "sim_and_billing"
    PLAN_AND_OPTIONS = "plan_and_options"
    INVOICE_SPLIT = "invoice_split"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Step.REQUEST_TYPE: N_("Request type"),
    Step.NUMBER_AND_OWNER: N_("Number and owner"),
    Step.SIM_AND_BILLING: N_("SIM and billing"),
    Step.PLAN_AND_OPTIONS: N_("Plan and options"),
    Step.INVOICE_SPLIT: N_("Invoice Split"),
}

# The OrderRequest fields each step asks, in screen order (for "Change" links and summaries).
STEP_FIELDS: dict[Step, tuple[str, ...]] = {
    Step.REQUEST_TYPE: ("request_type", "current_operator", "card_type"),
    Step.NUMBER_AND_OWNER: (
        "transfer_number",
        "ask_employee_transfer",
        "owner_type",
        "owner_name",
        "enterprise_number",
        "donor_iccid",
        "donor_customer_number",
        "owner_consent",
    ),
    Step.SIM_AND_BILLING: (
        "customer_number_id",
        "sub_division_id",
        "end_user_name",
        "sim_kind",
        "sim_digits",
        "esim_device_compatible",
        "esim_email",
        "esim_language",
        "esim_qr_copy_to_manager",
    ),
    Step.PLAN_AND_OPTIONS: (
        "plan_code",
        "option_codes",
        "travel_data_control",
        "travel_data_no_limit_confirmed",
    ),
    Step.INVOICE_SPLIT: (
        "invoice_split",
        "contract_language",
        "invoice_split_contract_id",
        "invoice_split_contract_basis",
        "ask_employee_signature",
    ),
}
# Where the employee's link goes: asked on the first step that asks the employee anything.
EMPLOYEE_CONTACT_FIELDS = ("employee_email", "employee_language", "send_when_employee_done")


def steps_for(request: OrderRequest) -> list[Step]:
    """The steps that apply, in order: the number-and-owner step only for transfers."""
    is_transfer = enum_value(RequestType, request.request_type) is RequestType.TRANSFER
    return [step for step in Step if step is not Step.NUMBER_AND_OWNER or is_transfer]


def step_of(field_name: str, request: OrderRequest | None = None) -> Step | None:
    """The step that asks ``field_name`` (to send the user back there), or None."""
    if field_name in EMPLOYEE_CONTACT_FIELDS:
        return contact_step(request or OrderRequest())
    return next((step for step, names in STEP_FIELDS.items() if field_name in names), None)


def contact_step(request: OrderRequest) -> Step:
    """The step that asks where the employee's link goes: the transfer's, if it asks them."""
    is_transfer = enum_value(RequestType, request.request_type) is RequestType.TRANSFER
    if is_transfer and flag_value(request.ask_employee_transfer):
        return Step.NUMBER_AND_OWNER
    return Step.INVOICE_SPLIT
