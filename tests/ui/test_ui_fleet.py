from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.business_calendar import to_brussels
from domain.orders import PlacedOrder
from domain.request import OrderRequest
from locales.formats import format_moment
from storage.queries.fleet import fleet_page
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import NEW_NUMBER, documents_beside, manager_of, placed, services_for
from tests.ui_helpers import SIGN_IN_POLLS, open_login, sign_in
from ui.fleet_page import LATEST_ORDERS


def table_rows(user: User) -> list[dict[str, str]]:
    return user.find(marker="fleet").elements.pop().rows  # type: ignore[attr-defined]


async def test_fleet_shows_the_company_lines_with_numbers_formatted(user: User) -> None:
    await sign_in(user, NOVA)
    await user.should_see(marker="fleet")
    rows = table_rows(user)
    assert len(rows) == 20
    assert {"number": "+32 470 12 34 00", "end_user": "Lotte Janssens"}.items() <= rows[0].items()
    await user.should_see("Matching lines: 20")


async def test_second_company_sees_none_of_the_first_company_numbers(
    user: User, engine: Engine
) -> None:
    nova_company = fleet_page(engine, 1, limit=None).rows
    nova_numbers = {line.end_user for line in nova_company}
    await sign_in(user, LUMIERE)
    await user.should_see(marker="fleet")
    seen = {row["end_user"] for row in table_rows(user)}
    assert seen == {"Hugo Lemaire", "Zoé Fontaine", "Léa Gilles"}
    assert not seen & nova_numbers
    for line in nova_company[:3]:
        await user.should_not_see(line.end_user)


async def test_search_filters_by_end_user_number_or_plan(user: User) -> None:
    await sign_in(user, NOVA)
    search = user.find(marker="search")
    search.type("Janssens")
    await user.should_see("Matching lines: 1")
    assert [row["end_user"] for row in table_rows(user)] == ["Lotte Janssens"]
    search.clear().type("0470 12 34 00")
    assert [row["end_user"] for row in table_rows(user)] == ["Lotte Janssens"]
    search.clear().type("Mobile Data")
    assert {row["plan"] for row in table_rows(user)} == {"Mobile Data 10 GB", "Mobile Data 50 GB"}


async def test_add_card_button_opens_the_wizard(user: User) -> None:
    await sign_in(user, NOVA)
    user.find(marker="add-card").click()
    await user.should_see(marker="wizard")


async def test_language_switch_translates_and_is_remembered_for_the_manager(
    user: User, create_user: Callable[[], User]
) -> None:
    await sign_in(user, NOVA)  # Sofie's remembered language is English
    await user.should_see("My fleet")
    user.find(marker="language").elements.pop().value = "nl"  # type: ignore[attr-defined]
    await user.should_see("Mijn vloot")
    # The tables' page-size select in our words, not Quasar's ("Records per pagina").
    assert user.find(marker="fleet").elements.pop().props["rows-per-page-label"] == (
        "Rijen per pagina:"
    )
    user.find(marker="sign-out").click()
    await user.should_see("Aanmelden")  # the signed-out page keeps the browser's language
    other_browser = create_user()
    await other_browser.open("/login")  # French, as for every new visitor; nothing chosen
    other_browser.find(marker="email").type(NOVA.email)
    other_browser.find(marker="password").type(NOVA.password)
    other_browser.find(marker="sign-in").click()
    await other_browser.should_see("Mijn vloot", retries=SIGN_IN_POLLS)  # what Sofie chose
    await other_browser.should_see("Een kaart aan mijn vloot toevoegen")


async def test_the_language_chosen_on_the_sign_in_page_wins_and_is_remembered(
    user: User, engine: Engine
) -> None:
    await open_login(user, language="nl")  # Sofie's remembered language is English
    user.find(marker="email").type(NOVA.email)
    user.find(marker="password").type(NOVA.password)
    user.find(marker="sign-in").click()
    await user.should_see("Mijn vloot", retries=SIGN_IN_POLLS)
    assert manager_of(engine).language == "nl"


def place_order(engine: Engine, end_user: str, sim_digits: str, at: datetime) -> PlacedOrder:
    """A new number for Nova, placed at ``at`` as the wizard would."""
    request = OrderRequest.from_dict(
        {**NEW_NUMBER.to_dict(), "end_user_name": end_user, "sim_digits": sim_digits}
    )
    return placed(services_for(engine, documents_beside(engine), now=at), request, key=end_user)


async def test_fleet_page_lists_the_company_orders_newest_first_with_a_link_to_each(
    user: User, engine: Engine
) -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    older = place_order(engine, "Noor El Amrani", "8932000012345", monday)
    newer = place_order(engine, "Jan Peeters", "8932000054321", monday + timedelta(hours=2))
    await sign_in(user, NOVA)
    await user.should_see("Orders")
    rows = user.find(marker="orders").elements.pop().rows  # type: ignore[attr-defined]
    assert [row["reference"] for row in rows] == [newer.reference, older.reference]
    assert rows[0] == {
        "reference": newer.reference,
        "href": f"/orders/{newer.reference}",
        "status": "Received",
        "end_user": "Jan Peeters",
        "turnaround": "1 hour",
        "due": format_moment(to_brussels(newer.due_at), "en"),
    }


async def test_the_orders_of_one_company_are_not_listed_for_another(
    user: User, engine: Engine
) -> None:
    place_order(engine, "Noor El Amrani", "8932000012345", datetime(2026, 11, 23, 9, tzinfo=UTC))
    await sign_in(user, LUMIERE)
    await user.should_see(marker="fleet")
    await user.should_not_see(marker="orders")
    await user.should_not_see("Noor El Amrani")


async def test_fleet_table_pages_and_sorts_on_the_server(user: User, engine: Engine) -> None:
    await sign_in(user, NOVA)
    table = user.find(marker="fleet")
    table.trigger(
        "request",
        {"pagination": {"rowsPerPage": 5, "page": 2, "sortBy": "end_user", "descending": True}},
    )
    rows = table_rows(user)
    names = sorted((row.end_user for row in fleet_page(engine, 1, limit=None).rows), reverse=True)
    assert [row["end_user"] for row in rows] == names[5:10]
    assert user.find(marker="fleet").elements.pop().pagination["rowsNumber"] == 20  # type: ignore[attr-defined]


async def test_the_fleet_page_shows_the_latest_orders_only_and_links_to_all(
    user: User, engine: Engine
) -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    placed = [
        place_order(engine, f"Employee {n}", f"89320000{n:05d}", monday + timedelta(minutes=n))
        for n in range(LATEST_ORDERS + 2)
    ]
    await sign_in(user, NOVA)
    await user.should_see(marker="all-orders-link")
    rows = user.find(marker="orders").elements.pop().rows  # type: ignore[attr-defined]
    newest_first = [order.reference for order in reversed(placed)]
    assert [row["reference"] for row in rows] == newest_first[:LATEST_ORDERS]
