"""Order status machine and order references."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from domain.orders import (
    OPERATOR,
    REFERENCE_ALPHABET,
    Actor,
    ActorKind,
    IllegalTransition,
    OrderStatus,
    StatusChange,
    can_transition,
    is_overdue,
    may_move,
    new_order_reference,
    normalise_order_reference,
    transition,
)

S = OrderStatus
NOW = datetime(2025, 6, 4, 10, tzinfo=UTC)
ALLOWED = {
    (S.RECEIVED, S.IN_PROGRESS),
    (S.RECEIVED, S.REJECTED),
    (S.RECEIVED, S.CANCELLED),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.IN_PROGRESS, S.REJECTED),
    (S.REJECTED, S.RECEIVED),  # corrected and resubmitted
}
ALL_PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_only_the_status_machine_moves_are_allowed(
    from_status: OrderStatus, to_status: OrderStatus
) -> None:
    assert can_transition(from_status, to_status) is ((from_status, to_status) in ALLOWED)


@pytest.mark.parametrize(("from_status", "to_status"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_illegal_move_raises_a_clear_domain_error(
    from_status: OrderStatus, to_status: OrderStatus
) -> None:
    with pytest.raises(IllegalTransition, match=f"cannot go from {from_status} to {to_status}"):
        transition(from_status, to_status, NOW)


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.COMPLETED, S.REJECTED])
def test_cancelling_is_only_possible_while_received(status: OrderStatus) -> None:
    assert not can_transition(status, S.CANCELLED)


def test_legal_move_gives_a_history_entry() -> None:
    assert transition(S.RECEIVED, S.IN_PROGRESS, NOW) == StatusChange(
        S.RECEIVED, S.IN_PROGRESS, NOW
    )


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_rejection_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(IllegalTransition, match="reason"):
        transition(S.IN_PROGRESS, S.REJECTED, NOW, reason)


def test_rejection_keeps_its_reason() -> None:
    change = transition(S.RECEIVED, S.REJECTED, NOW, " Customer number unknown. ")
    assert change.reason == "Customer number unknown."


def test_history_time_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        transition(S.RECEIVED, S.IN_PROGRESS, datetime(2025, 6, 4, 10))


@pytest.mark.parametrize(
    ("status", "final"),
    [
        (S.RECEIVED, False),
        (S.IN_PROGRESS, False),
        (S.COMPLETED, True),
        (S.REJECTED, False),
        (S.CANCELLED, True),
    ],
)
def test_completed_and_cancelled_are_final(status: OrderStatus, final: bool) -> None:
    assert status.is_final is final


def test_order_reference_looks_like_fl_and_two_groups_of_four() -> None:
    assert re.fullmatch(r"FL-[0-9A-Z]{4}-[0-9A-Z]{4}", new_order_reference())


def test_order_reference_has_no_ambiguous_letters() -> None:
    letters = set("".join(new_order_reference()[3:] for _ in range(500)))
    assert letters <= set(REFERENCE_ALPHABET + "-")
    assert not letters & set("ILOU")


def test_order_references_do_not_repeat() -> None:
    assert len({new_order_reference() for _ in range(2000)}) == 2000


@pytest.mark.parametrize(
    ("typed", "reference"),
    [
        ("FL-7K3Q-9PXM", "FL-7K3Q-9PXM"),
        ("fl 7k3q 9pxm", "FL-7K3Q-9PXM"),
        ("7K3Q9PXM", "FL-7K3Q-9PXM"),
        ("FL-O0I1-L000", "FL-0011-1000"),  # Crockford reads O as 0, I and L as 1
        ("FL-7K3Q", None),
        ("FL-7K3Q-9PXU", None),
        ("", None),
    ],
)
def test_typed_order_reference_is_normalised(typed: str, reference: str | None) -> None:
    assert normalise_order_reference(typed) == reference


@pytest.mark.parametrize(
    ("status", "label"), [(S.RECEIVED, "Received"), (S.IN_PROGRESS, "In progress")]
)
def test_status_has_a_label(status: OrderStatus, label: str) -> None:
    assert status.label == label


MANAGER = Actor.fleet_manager(1, "Sofie Peeters")
BY_MANAGER = {(S.RECEIVED, S.CANCELLED), (S.REJECTED, S.RECEIVED)}


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_the_fleet_manager_cancels_and_resubmits_the_operator_does_the_rest(
    from_status: OrderStatus, to_status: OrderStatus
) -> None:
    by_manager = (from_status, to_status) in BY_MANAGER
    assert may_move(MANAGER, from_status, to_status) is by_manager
    assert may_move(OPERATOR, from_status, to_status) is not by_manager


def test_a_move_by_the_wrong_actor_is_refused_with_a_clear_error() -> None:
    with pytest.raises(IllegalTransition, match="The manager does not move an order to completed"):
        transition(S.IN_PROGRESS, S.COMPLETED, NOW, actor=MANAGER)
    with pytest.raises(IllegalTransition, match="operator does not move an order to cancelled"):
        transition(S.RECEIVED, S.CANCELLED, NOW, actor=OPERATOR)


def test_a_history_entry_says_who_made_the_change_and_keeps_the_operators_words() -> None:
    change = transition(
        S.RECEIVED, S.REJECTED, NOW, "customer_number_unknown", OPERATOR, " Call us. "
    )
    assert (change.actor.kind, change.reason, change.note) == (
        ActorKind.OPERATOR,
        "customer_number_unknown",
        "Call us.",
    )
    assert transition(S.RECEIVED, S.CANCELLED, NOW, actor=MANAGER).actor.name == "Sofie Peeters"


@pytest.mark.parametrize(
    ("status", "due_in_hours", "overdue"),
    [
        (S.RECEIVED, -1, True),
        (S.IN_PROGRESS, -1, True),
        (S.RECEIVED, 1, False),
        (S.COMPLETED, -1, False),
        (S.CANCELLED, -1, False),
        (S.REJECTED, -1, False),  # waits for the fleet manager, not the operator
    ],
)
def test_an_order_is_overdue_once_its_expected_completion_passed_while_open(
    status: OrderStatus, due_in_hours: int, overdue: bool
) -> None:
    assert is_overdue(status, NOW + timedelta(hours=due_in_hours), NOW) is overdue
