"""The wizard's steps: the number-and-owner step only for transfers."""

import dataclasses

import pytest

from domain.request import FIELD_LABELS, OrderRequest, RequestType
from domain.steps import STEP_FIELDS, Step, step_of, steps_for

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
    asked = [name for names in STEP_FIELDS.values() for name in names]
    assert sorted(asked) == sorted(f.name for f in dataclasses.fields(OrderRequest))


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
