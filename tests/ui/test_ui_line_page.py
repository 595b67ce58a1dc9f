"""The fleet line's page (issue 14): everything about one line, with its eSIM's care when the
line came from an eSIM order here; another company's line does not exist."""

from nicegui import ui
from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.catalogue import PLANS_BY_CODE
from storage.db.tables import Company, FleetLine, Order
from storage.use_cases import complete_order, reissue_esim, start_order
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import ESIM_TRANSFER, documents_beside, manager_of, placed, services_for
from tests.ui_helpers import sign_in


def a_nova_line(engine: Engine) -> FleetLine:
    with Session(engine) as session:
        nova = session.exec(select(Company).where(Company.name == "Nova Logistics NV")).one()
        return session.exec(select(FleetLine).where(FleetLine.company_id == nova.id)).first()


async def test_a_line_shows_its_plan_billing_and_no_order(user: User, engine: Engine) -> None:
    line = a_nova_line(engine)
    await sign_in(user, NOVA)
    await user.open(f"/lines/{line.id}")
    await user.should_see(line.end_user, marker="answer-end_user")
    await user.should_see(PLANS_BY_CODE[line.plan_code].name, marker="answer-plan")
    await user.should_see(marker="answer-customer_number")
    await user.should_see("Added to the fleet before ordering here: no order to show.")
    # Headings one level under the page's h1 (Lighthouse heading-order: no level skipped).
    with user.client:
        headings = [label for label in user.find(ui.label).elements if label.text == "Billing"]
    assert [label.props.get("aria-level") for label in headings] == ["2"]


async def test_an_esim_line_from_an_order_has_its_esim_care_and_order(
    user: User, engine: Engine
) -> None:
    services = services_for(engine, documents_beside(engine))
    order = placed(services, ESIM_TRANSFER)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    reissue_esim(services, manager_of(engine), order.reference)  # the line's record keeps it
    with Session(engine) as session:
        line_id = session.exec(
            select(Order.fleet_line_id).where(Order.reference == order.reference)
        ).one()
    await sign_in(user, NOVA)
    await user.open(f"/lines/{line_id}")
    await user.should_see("Noor El Amrani", marker="answer-end_user")
    await user.should_see("Profile: Not yet downloaded", marker="esim-status")
    await user.should_see(marker="esim-reissue")
    await user.should_see(order.reference, marker="line-orders")
    await user.should_see(marker="esim-history")


async def test_another_companys_line_is_not_found(user: User, engine: Engine) -> None:
    line = a_nova_line(engine)
    await sign_in(user, LUMIERE)
    await user.open(f"/lines/{line.id}")
    await user.should_see(marker="not-found")
    await user.should_not_see(line.end_user)
    await user.open("/lines/99999999999999999999999")
    await user.should_see(marker="not-found")


async def test_the_fleet_table_leads_to_each_line(user: User, engine: Engine) -> None:
    line = a_nova_line(engine)
    await sign_in(user, NOVA)
    with user.client:
        table = user.find(marker="fleet").elements.pop()
    row = next(row for row in table.rows if row["id"] == str(line.id))
    assert row["href"] == f"/lines/{line.id}"
    await user.open(row["href"])
    await user.should_see(line.end_user, marker="answer-end_user")
