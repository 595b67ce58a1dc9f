"""The wizard's steps: the number-and-owner step only for transfers."""

import dataclasses

import pytest

from domain.request import FIELD_LABELS, OrderRequest, RequestType
from domain.steps import EMPLOYEE_CONTACT_FIELDS, STEP_FIELDS, Step, step_of, steps_for

ALL = list(Step)
WITHOUT_NUMBER = [s for s in Step if s is not Step.NUMBER_AND_OWNER]


@pytest.mark.parametrize(
    ("request_type", "steps"),
    [
        (RequestType.TRANSFER, ALL),
        (RequestType.NEW_NUMBER, WITHOUT_NUMBER),
        (None, WITHOUT_NUMBER),
        ("transfer", ALL),  # raw text from the UI counts too
        ("garbage", WITHOUT_NUMBER),
    ],
)
def test_steps_for_a_request(request_type: object, steps: list[Step]) -> None:
    assert steps_for(OrderRequest(request_type=request_type)) == steps  # type: ignore[arg-type]


def test_every_request_field_belongs_to_exactly_one_step() -> None:
    """The employee's contact belongs to the step that asks the employee first; whether the
    employee answered is the app's to set, on no step."""
    asked = [name for names in STEP_FIELDS.values() for name in names]
    asked += [*EMPLOYEE_CONTACT_FIELDS, "employee_answered"]
    assert sorted(asked) == sorted(f.name for f in dataclasses.fields(OrderRequest))


@pytest.mark.parametrize(
    ("request_type", "asks_transfer", "step"),
    [
        (RequestType.TRANSFER, True, Step.NUMBER_AND_OWNER),
        (RequestType.TRANSFER, False, Step.INVOICE_SPLIT),
        (RequestType.NEW_NUMBER, True, Step.INVOICE_SPLIT),  # a stale tick of a transfer
    ],
)
def test_the_employee_contact_is_asked_where_the_employee_is_first_asked(
    request_type: RequestType, asks_transfer: bool, step: Step
) -> None:
    request = OrderRequest(request_type=request_type, ask_employee_transfer=asks_transfer)
    for field in EMPLOYEE_CONTACT_FIELDS:
        assert step_of(field, request) is step


def test_every_request_field_has_a_label() -> None:
    assert set(FIELD_LABELS) == {f.name for f in dataclasses.fields(OrderRequest)}


@pytest.mark.parametrize(
    ("field", "step"),
    [("card_type", Step.REQUEST_TYPE), ("donor_iccid", Step.NUMBER_AND_OWNER), ("nope", None)],
)
def test_step_of_a_field_is_where_it_is_asked(field: str, step: Step | None) -> None:
    assert step_of(field) == step


def test_steps_carry_a_label_message_id() -> None:
    assert Step.SIM_AND_BILLING.label == "SIM and billing"
