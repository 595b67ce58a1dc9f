"""The rejection reasons: each says what to correct and points at the answers concerned."""

import dataclasses

import pytest

from domain.rejections import RejectionReason, rejection_reason
from domain.request import OrderRequest

FIELDS = {field.name for field in dataclasses.fields(OrderRequest)}


@pytest.mark.parametrize("reason", list(RejectionReason))
def test_each_reason_has_a_title_and_says_what_to_do(reason: RejectionReason) -> None:
    assert reason.heading and reason.message != reason.heading
    assert "again" in reason.message  # every reason ends with sending the request again


@pytest.mark.parametrize("reason", list(RejectionReason))
def test_each_reason_points_at_answers_of_the_request(reason: RejectionReason) -> None:
    assert set(reason.fields) <= FIELDS
    assert bool(reason.fields) is (reason is not RejectionReason.OTHER)


def test_only_other_needs_the_operators_own_words() -> None:
    assert [r for r in RejectionReason if r.needs_note] == [RejectionReason.OTHER]


@pytest.mark.parametrize(
    ("stored", "reason"),
    [("owner_mismatch", RejectionReason.OWNER_MISMATCH), ("gone", None), (None, None)],
)
def test_a_stored_reason_is_read_back(stored: str | None, reason: RejectionReason | None) -> None:
    assert rejection_reason(stored) is reason
