"""The life of an order: cancel, start, reject, correct and resubmit, complete into the fleet;
each change in the history and in the e-mails, and another company's orders out of reach."""

import dataclasses
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from domain.fields import TOO_LONG
from domain.orders import OrderStatus, PlacedOrder
from domain.problems import Problem
from domain.rejections import RejectionReason
from domain.request import OrderRequest
from storage.db.tables import FleetLine, Order, OrderEvent, OutboxMessage
from storage.queries.drafts import DraftState, load_draft, new_draft_state
from storage.queries.orders import OrderView, order_view
from storage.use_cases import (
    NoteNeeded,
    NoteRefused,
    NotFound,
    NotNow,
    Refused,
    Services,
    cancel_order,
    complete_order,
    reject_order,
    resubmit_order,
    save_draft,
    start_correction,
    start_order,
)
from tests.conftest import LUMIERE
from tests.fixtures import documents as samples
from tests.order_helpers import (
    ESIM_TRANSFER,
    NEW_NUMBER,
    NOW,
    ORANGE_SUBSCRIPTION,
    attach,
    manager_of,
    placed,
    services_for,
)

S = OrderStatus


def status(services: Services, reference: str) -> OrderView:
    view = order_view(services.engine, 1, reference)
    assert view is not None
    return view


def outbox(services: Services, kind: str) -> list[OutboxMessage]:
    with Session(services.engine) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)).all())


def line_of(services: Services, reference: str) -> FleetLine:
    with Session(services.engine) as session:
        order = session.exec(select(Order).where(Order.reference == reference)).one()
        line = session.get(FleetLine, order.fleet_line_id)
        assert line is not None
        return line


def test_the_fleet_manager_cancels_a_received_order_and_is_told(services: Services) -> None:
    order = placed(services)
    view = cancel_order(services, manager_of(services.engine), order.reference)
    assert isinstance(view, OrderView) and view.status is S.CANCELLED
    last = view.history[-1]
    assert (last.from_status, last.to_status, last.actor.name) == (
        S.RECEIVED,
        S.CANCELLED,
        "Sofie Peeters",
    )
    [mail] = outbox(services, "order_cancelled")
    assert mail.recipients == ["sofie.peeters@nova-logistics.be"] and mail.language == "en"
    assert order.reference in mail.subject and "cancelled" in mail.text_body


def test_an_order_in_progress_can_no_longer_be_cancelled(services: Services) -> None:
    order = placed(services)
    start_order(services, order.reference)
    outcome = cancel_order(services, manager_of(services.engine), order.reference)
    assert outcome == NotNow(S.IN_PROGRESS)
    assert status(services, order.reference).status is S.IN_PROGRESS


@pytest.mark.parametrize(
    ("moves", "refused"),
    [
        (["complete"], S.RECEIVED),  # not started
        (["start", "start"], S.IN_PROGRESS),
        (["cancel", "start"], S.CANCELLED),
        (["start", "complete", "reject"], S.COMPLETED),
        (["reject", "complete"], S.REJECTED),
    ],
)
def test_a_move_the_status_machine_does_not_have_is_refused_and_changes_nothing(
    services: Services, moves: list[str], refused: OrderStatus
) -> None:
    order = placed(services)
    manager = manager_of(services.engine)
    actions = {
        "start": lambda: start_order(services, order.reference),
        "complete": lambda: complete_order(services, order.reference),
        "cancel": lambda: cancel_order(services, manager, order.reference),
        "reject": lambda: reject_order(
            services, order.reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN
        ),
    }
    outcomes = [actions[move]() for move in moves]
    assert outcomes[-1] == NotNow(refused)
    assert status(services, order.reference).status is refused


def test_rejecting_for_another_reason_needs_the_operators_words(services: Services) -> None:
    order = placed(services)
    assert reject_order(services, order.reference, RejectionReason.OTHER, "  ") == NoteNeeded()
    view = reject_order(services, order.reference, RejectionReason.OTHER, "Call us first.")
    assert isinstance(view, OrderView) and view.rejection_reason == "other"


def test_a_rejection_tells_the_reason_and_what_to_correct_with_a_link(
    services: Services,
) -> None:
    linked = services_for(services.engine, services.documents_dir, public_url="https://f.be")
    order = placed(linked)
    reject_order(linked, order.reference, RejectionReason.OWNER_MISMATCH, "See the contract.")
    [mail] = outbox(services, "order_rejected")
    assert mail.recipients == ["sofie.peeters@nova-logistics.be"]
    assert RejectionReason.OWNER_MISMATCH.message in mail.text_body
    assert "See the contract." in mail.text_body
    assert f"https://f.be/orders/{order.reference}" in mail.html_body


def test_a_corrected_order_is_resubmitted_with_its_reference_and_a_new_expected_completion(
    services: Services,
) -> None:
    order = placed(services, ORANGE_SUBSCRIPTION)
    reject_order(services, order.reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN)
    later = services_for(services.engine, services.documents_dir, now=NOW + timedelta(days=1))
    corrected = dataclasses.replace(ORANGE_SUBSCRIPTION, donor_customer_number="ORA 654321")
    again = resubmit_order(later, manager_of(services.engine), order.reference, corrected)
    assert isinstance(again, PlacedOrder)
    assert again.reference == order.reference
    assert again.due_at > order.due_at and again.request.donor_customer_number == "ORA 654321"
    view = status(services, order.reference)
    assert view.status is S.RECEIVED and view.rejection_reason is None
    assert [c.to_status for c in view.history] == [S.RECEIVED, S.REJECTED, S.RECEIVED]
    assert len(outbox(services, "confirmation")) == 2  # one per sending


def test_a_resubmission_is_checked_like_a_new_request(services: Services) -> None:
    order = placed(services, ORANGE_SUBSCRIPTION)
    reject_order(services, order.reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN)
    broken = dataclasses.replace(ORANGE_SUBSCRIPTION, donor_customer_number="")
    refused = resubmit_order(services, manager_of(services.engine), order.reference, broken)
    assert isinstance(refused, Refused)
    assert [p.field for p in refused.problems] == ["donor_customer_number"]
    assert status(services, order.reference).status is S.REJECTED


def test_only_a_rejected_order_can_be_resubmitted(services: Services) -> None:
    order = placed(services)
    outcome = resubmit_order(services, manager_of(services.engine), order.reference, NEW_NUMBER)
    assert outcome == NotNow(S.RECEIVED)


def test_another_company_cannot_cancel_or_resubmit_an_order_or_see_it(services: Services) -> None:
    order = placed(services)
    marc = manager_of(services.engine, LUMIERE)
    assert cancel_order(services, marc, order.reference) == NotFound()
    reject_order(services, order.reference, RejectionReason.CONSENT_MISSING)
    assert resubmit_order(services, marc, order.reference, NEW_NUMBER) == NotFound()
    assert order_view(services.engine, marc.company_id, order.reference) is None
    assert status(services, order.reference).status is S.REJECTED


def test_completing_a_new_number_adds_a_line_with_a_free_number_as_ordered(
    services: Services,
) -> None:
    order = placed(services)
    start_order(services, order.reference)
    view = complete_order(services, order.reference)
    assert isinstance(view, OrderView) and view.status is S.COMPLETED
    line = line_of(services, order.reference)
    assert line.number == "+32468000001"
    assert (line.company_id, line.end_user, line.plan_code, line.sim_kind, line.sim_digits) == (
        1,
        "Noor El Amrani",
        "shape_m",
        "sim",
        "8932000012345",
    )
    assert (line.billing_account_id, line.sub_division_id, line.travel_data_control) == (
        1,
        None,
        50,
    )
    [mail] = outbox(services, "order_completed")
    assert "+32 468 00 00 01" in mail.text_body
    assert outbox(services, "line_active") == []  # a SIM order gives no end user address


def test_two_new_numbers_get_two_numbers(services: Services) -> None:
    first = placed(services)
    second = placed(services, dataclasses.replace(NEW_NUMBER, sim_digits="8932000054321"), "k2")
    for order in (first, second):
        start_order(services, order.reference)
        complete_order(services, order.reference)
    assert {line_of(services, o.reference).number for o in (first, second)} == {
        "+32468000001",
        "+32468000002",
    }


@pytest.mark.parametrize(
    "request_", [ESIM_TRANSFER, ORANGE_SUBSCRIPTION], ids=["proximus", "orange"]
)
def test_completing_a_transfer_keeps_its_number_and_tells_the_end_user(
    services: Services, request_: OrderRequest
) -> None:
    order = placed(services, request_)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    line = line_of(services, order.reference)
    assert line.number == order.request.transfer_number
    assert (line.sim_kind, line.sim_digits, line.options, line.travel_data_control) == (
        "esim",
        None,
        ["intl_calls", "secure_net"],
        100,
    )
    [active] = outbox(services, "line_active")
    assert active.recipients == ["noor@nova-logistics.be"] and active.language == "nl"


def test_completing_an_invoice_split_order_keeps_the_sub_division_and_the_split(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    request = dataclasses.replace(NEW_NUMBER, sub_division_id="2", invoice_split=True)
    draft = dataclasses.replace(new_draft_state(), request=request)
    save_draft(services, manager, draft)
    attach(services, samples.pdf())
    saved = load_draft(services.engine, manager.id)
    assert saved is not None
    order = placed(services, saved.request, saved.submission_key)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    line = line_of(services, order.reference)
    assert (line.sub_division_id, line.invoice_split) == (2, True)


def test_each_change_is_in_the_history_with_who_made_it(services: Services) -> None:
    order = placed(services)
    start_order(services, order.reference)
    reject_order(services, order.reference, RejectionReason.NUMBER_NOT_ACTIVE, "Inactive.")
    with Session(services.engine) as session:
        events = session.exec(select(OrderEvent).order_by(col(OrderEvent.id))).all()
    assert [(e.to_status, e.actor, e.actor_name) for e in events] == [
        ("received", "manager:1", "Sofie Peeters"),
        ("in_progress", "operator", None),
        ("rejected", "operator", None),
    ]
    assert (events[-1].note, events[-1].comment) == ("number_not_active", "Inactive.")


def test_a_correction_opens_on_the_orders_answers_at_the_step_the_reason_concerns(
    services: Services,
) -> None:
    order = placed(services, ORANGE_SUBSCRIPTION)
    manager = manager_of(services.engine)
    assert start_correction(services, manager, order.reference) == NotNow(S.RECEIVED)
    reject_order(services, order.reference, RejectionReason.CONSENT_MISSING)
    assert start_correction(services, manager_of(services.engine, LUMIERE), order.reference) == (
        NotFound()
    )
    draft = start_correction(services, manager, order.reference)
    assert isinstance(draft, DraftState)
    assert (draft.correcting, draft.step) == (order.reference, "number_and_owner")
    assert draft.request == order.request
    assert load_draft(services.engine, manager.id) == draft


def test_a_resubmitted_esim_order_keeps_its_code_and_sends_no_second_profile(
    services: Services,
) -> None:
    order = placed(services, ESIM_TRANSFER)
    reject_order(services, order.reference, RejectionReason.OWNER_MISMATCH)
    again = resubmit_order(services, manager_of(services.engine), order.reference, ESIM_TRANSFER)
    assert isinstance(again, PlacedOrder)
    assert again.esim_activation_code == order.esim_activation_code
    assert len(outbox(services, "esim_profile")) == 1
    assert len(outbox(services, "confirmation")) == 2


class RecordingOperator:
    """An operator system that keeps what it was handed (as a real one would send it on)."""

    def __init__(self) -> None:
        self.accepted: list[str] = []

    def accept(self, order: PlacedOrder) -> None:
        self.accepted.append(order.reference)


def test_the_operator_system_accepts_each_order_placed_and_each_resubmission(
    services: Services,
) -> None:
    operator = RecordingOperator()
    with_operator = dataclasses.replace(services, operator=operator)
    order = placed(with_operator, ORANGE_SUBSCRIPTION)
    placed(with_operator, ORANGE_SUBSCRIPTION)  # the same submission again: accepted once
    reject_order(with_operator, order.reference, RejectionReason.CONSENT_MISSING)
    resubmit_order(with_operator, manager_of(services.engine), order.reference, ORANGE_SUBSCRIPTION)
    assert operator.accepted == [order.reference, order.reference]


def test_a_note_over_the_limit_is_refused_and_the_order_stays_as_it_was(
    services: Services,
) -> None:
    order = placed(services)
    outcome = reject_order(services, order.reference, RejectionReason.OTHER, "x" * 1001)
    assert outcome == NoteRefused(
        Problem("note", TOO_LONG, {"field": "Note for the fleet manager", "max": 1000})
    )
    view = order_view(services.engine, manager_of(services.engine).company_id, order.reference)
    assert view is not None and view.status is OrderStatus.RECEIVED
