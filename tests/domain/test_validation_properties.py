"""No validator or normaliser raises, whatever the UI hands over."""

import dataclasses
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.fields import (
    FieldResult,
    check_customer_number,
    check_donor_iccid,
    check_email,
    check_enterprise_number,
    check_mobile_number,
    check_name,
    check_sim_digits,
    format_enterprise_number,
    format_mobile_number,
)
from domain.problems import Problem
from domain.request import OrderRequest, applicable
from domain.steps import Step
from domain.validation import normalise, validate_request, validate_step
from tests.domain.builders import CONTEXT, new_number, transfer

FIELD_NAMES = [f.name for f in dataclasses.fields(OrderRequest)]


def check_name_or_missing(text: object) -> FieldResult:
    return check_name(text, "missing")


def raw_request(values: dict[str, Any]) -> OrderRequest:
    """A request holding whatever the UI might put in it, types ignored on purpose."""
    return OrderRequest(**values)


CHECKS = [
    check_mobile_number,
    check_sim_digits,
    check_donor_iccid,
    check_enterprise_number,
    check_email,
    check_customer_number,
    check_name_or_missing,
]

# Text shaped like what people type in these fields, plus anything at all.
digits_like = st.text(alphabet="0123456789 +./-()BEbe", max_size=30)
any_value = st.one_of(
    st.text(),
    digits_like,
    st.none(),
    st.booleans(),
    st.integers(),
    st.lists(st.text(max_size=5), max_size=3),
)
every_field_as_text = st.fixed_dictionaries({name: st.text() for name in FIELD_NAMES}).map(
    raw_request
)
every_field_as_anything = st.fixed_dictionaries({name: any_value for name in FIELD_NAMES}).map(
    raw_request
)
drafts = st.one_of(
    every_field_as_text,
    every_field_as_anything,
    st.builds(
        lambda name, value: dataclasses.replace(transfer(), **{name: value}),
        st.sampled_from(FIELD_NAMES),
        any_value,
    ),
    st.builds(
        lambda name, value: dataclasses.replace(new_number(), **{name: value}),
        st.sampled_from(FIELD_NAMES),
        any_value,
    ),
)


@settings(deadline=None)
@given(st.one_of(st.text(), digits_like, any_value))
def test_field_checks_never_raise(text: object) -> None:
    for check in CHECKS:
        check(text)
    format_mobile_number(text if isinstance(text, str) else "")
    format_enterprise_number(text if isinstance(text, str) else "")


@settings(deadline=None)
@given(drafts, st.sampled_from(Step))
def test_validate_step_never_raises_and_returns_problems(request: OrderRequest, step: Step) -> None:
    problems = validate_step(request, step, CONTEXT)
    assert all(isinstance(problem, Problem) for problem in problems)
    assert all(problem.field in FIELD_NAMES for problem in problems)


@settings(deadline=None)
@given(drafts)
def test_validate_request_never_raises_and_ties_problems_to_fields(request: OrderRequest) -> None:
    assert all(problem.field in FIELD_NAMES for problem in validate_request(request, CONTEXT))


@settings(deadline=None)
@given(drafts)
def test_normalise_and_applicable_never_raise_and_stay_json_safe(request: OrderRequest) -> None:
    for result in (normalise(request), applicable(request)):
        data = json.loads(json.dumps(result.to_dict()))
        assert OrderRequest.from_dict(data).to_dict() == data


@settings(deadline=None)
@given(drafts)
def test_normalising_twice_changes_nothing(request: OrderRequest) -> None:
    once = normalise(request)
    assert normalise(once) == once


@settings(deadline=None)
@given(drafts)
def test_normalising_does_not_change_the_verdict(request: OrderRequest) -> None:
    assert validate_request(normalise(request), CONTEXT) == validate_request(
        OrderRequest.from_dict(applicable(request).to_dict()), CONTEXT
    )
