"""The order page: status, what to correct after a rejection, cancelling, history, e-mails;
another company's order reads as one that does not exist."""

from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.orders import PlacedOrder
from domain.rejections import RejectionReason
from domain.request import OrderRequest
from storage.queries.orders import order_view
from storage.use_cases import Services, reject_order, start_order
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import (
    ESIM_TRANSFER,
    NEW_NUMBER,
    ORANGE_SUBSCRIPTION,
    documents_beside,
    placed,
    services_for,
)
from tests.ui_helpers import SIGN_IN_POLLS, sign_in
from tests.wizard_helpers import next_step, start, step_of_wizard, type_into, written_draft


def nova_order(engine: Engine, request: OrderRequest = NEW_NUMBER) -> tuple[Services, PlacedOrder]:
    services = services_for(engine, documents_beside(engine))
    return services, placed(services, request)


async def test_a_received_order_can_be_cancelled_after_confirming(
    user: User, engine: Engine
) -> None:
    _services, order = nova_order(engine)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Status: Received")
    user.find(marker="cancel-order").click()
    await user.should_see(marker="cancel-question")
    user.find(marker="cancel-keep").click()
    await user.should_see("Status: Received")
    user.find(marker="cancel-order").click()
    user.find(marker="cancel-confirm").click()
    await user.should_see("Status: Cancelled")
    await user.should_not_see(marker="cancel-order")
    await user.should_see("by Sofie Peeters")


async def test_an_order_in_progress_offers_no_cancel(user: User, engine: Engine) -> None:
    services, order = nova_order(engine)
    start_order(services, order.reference)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Status: In progress")
    await user.should_see("by the operator")
    await user.should_not_see(marker="cancel-order")


async def test_a_rejected_order_says_what_to_correct_and_which_answers(
    user: User, engine: Engine
) -> None:
    services, order = nova_order(engine, ESIM_TRANSFER)
    reject_order(services, order.reference, RejectionReason.OWNER_MISMATCH, "Name as on the bill.")
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Status: Rejected")
    await user.should_see(RejectionReason.OWNER_MISMATCH.message, marker="rejection")
    await user.should_see("Answers concerned: Owner's name, Enterprise number")
    await user.should_see("The operator's note: Name as on the bill.")


async def test_the_order_lists_its_emails_and_keeps_the_esim_code_out_of_sight(
    user: User, engine: Engine
) -> None:
    _services, order = nova_order(engine, ESIM_TRANSFER)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see(marker="esim-care")
    await user.should_not_see(marker="activation-code")  # shown only when asked, see the eSIM tests
    with user.client:
        emails = user.find(marker="order-emails").elements.pop()
    assert "noor@nova-logistics.be" in " ".join(
        getattr(link, "text", "") for link in emails.descendants()
    )


async def test_another_companys_order_is_not_found(user: User, engine: Engine) -> None:
    _services, order = nova_order(engine)
    await sign_in(user, LUMIERE)
    await user.open(f"/orders/{order.reference}")
    await user.should_see(marker="not-found")
    await user.should_not_see(marker="cancel-order")


async def test_a_rejected_transfer_is_corrected_in_the_wizard_and_keeps_its_reference(
    user: User, engine: Engine
) -> None:
    services, order = nova_order(engine, ORANGE_SUBSCRIPTION)
    reject_order(services, order.reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    user.find(marker="correct-order").click()
    await user.should_see(f"Correct order {order.reference}")
    assert step_of_wizard(user) == "number_and_owner"  # where the reason points
    message = RejectionReason.CUSTOMER_NUMBER_UNKNOWN.message
    await user.should_see(message, marker="error-donor_customer_number")
    type_into(user, "donor_customer_number", "ORA 654321")
    await user.should_not_see(marker="error-donor_customer_number")
    for step, after in (
        ("number_and_owner", "sim_and_billing"),
        ("sim_and_billing", "plan_and_options"),
        ("plan_and_options", "invoice_split"),
        ("invoice_split", "check"),
    ):
        await next_step(user, step, expect=after)
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=SIGN_IN_POLLS)  # a new page
    await user.should_see(order.reference, marker="reference")
    view = order_view(engine, 1, order.reference)
    assert view is not None and view.status.value == "received"
    assert view.placed.request.donor_customer_number == "ORA 654321"
    assert [change.to_status.value for change in view.history] == [
        "received",
        "rejected",
        "received",
    ]
    assert await written_draft(engine, 1) is None  # the correction is sent: no draft is left


async def test_correcting_asks_before_replacing_a_request_in_progress(
    user: User, engine: Engine
) -> None:
    services, order = nova_order(engine, ORANGE_SUBSCRIPTION)
    reject_order(services, order.reference, RejectionReason.CONSENT_MISSING)
    await sign_in(user, NOVA)
    await start(user, "new_number")  # a request of its own, saved as a draft
    await user.open(f"/orders/{order.reference}")
    user.find(marker="correct-order").click()
    await user.should_see(marker="replace-question")
    user.find(marker="replace-confirm").click()
    await user.should_see(f"Correct order {order.reference}")
