"""The eSIM on its order's page (issue 14): its install status and the week-old flag, the
fleet manager's actions (send again, a new address, a new code, the QR code after saying so),
each in the history; the back-office marks the profile installed."""

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.esim_care import SENDS_PER_DAY, EsimAction
from domain.orders import PlacedOrder
from storage.db.seed import DEMO_AGENT
from storage.queries.orders import order_view
from storage.use_cases import (
    Services,
    complete_order,
    reissue_esim,
    resend_esim_mail,
    start_order,
)
from tests.conftest import NOVA
from tests.order_helpers import (
    ESIM_TRANSFER,
    NOW,
    documents_beside,
    manager_of,
    placed,
    services_for,
)
from tests.ui_helpers import sign_in
from tests.wizard_helpers import element, type_into

POLLS = 100  # 5 s


def esim_order(engine: Engine) -> tuple[Services, PlacedOrder]:
    services = services_for(engine, documents_beside(engine))
    return services, placed(services, ESIM_TRANSFER)


def current_code(engine: Engine, reference: str) -> str | None:
    view = order_view(engine, 1, reference)
    assert view is not None
    return view.placed.esim_activation_code


def history_titles(user: User) -> list[str]:
    with user.client:
        return [str(title.text) for title in user.find(marker="history-title").elements]


async def history_shows(user: User, title: str, times: int = 1) -> None:
    """Wait until the history has ``title`` ``times`` times: the page is drawn again once the
    use case announces the change, a moment after the click."""
    for _ in range(POLLS):
        if history_titles(user).count(title) >= times:
            return
        await asyncio.sleep(0.05)
    assert history_titles(user).count(title) == times, history_titles(user)


async def open_order(user: User, order: PlacedOrder) -> None:
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Profile: Not yet downloaded")


async def test_the_qr_code_shows_only_after_the_fleet_manager_confirms(
    user: User, engine: Engine
) -> None:
    _services, order = esim_order(engine)
    await open_order(user, order)
    user.find(marker="esim-show").click()
    await user.should_see(marker="esim-show-question")
    user.find(marker="esim-show-keep").click()
    await user.should_not_see(marker="activation-code")
    user.find(marker="esim-show").click()
    user.find(marker="esim-show-confirm").click()
    await user.should_see(str(order.esim_activation_code), marker="activation-code")


async def test_sending_again_is_in_the_history_and_stops_at_the_daily_limit(
    user: User, engine: Engine
) -> None:
    _services, order = esim_order(engine)
    manager = manager_of(engine)
    today = services_for(engine, documents_beside(engine), now=datetime.now(UTC))  # as the page
    for _ in range(SENDS_PER_DAY - 1):
        resend_esim_mail(today, manager, order.reference)
    await open_order(user, order)
    user.find(marker="esim-resend").click()
    user.find(marker="esim-resend-confirm").click()
    await user.should_see("E-mail sent to noor@nova-logistics.be.")
    await history_shows(user, "eSIM e-mail sent again", SENDS_PER_DAY)
    user.find(marker="esim-resend").click()
    user.find(marker="esim-resend-confirm").click()
    await user.should_see(f"The e-mail was already sent {SENDS_PER_DAY} times in 24 hours.")


async def test_a_wrong_new_address_says_what_to_do_and_keeps_what_was_typed(
    user: User, engine: Engine
) -> None:
    _services, order = esim_order(engine)
    await open_order(user, order)
    user.find(marker="esim-change").click()
    type_into(user, "esim-new-email", "noor@")
    user.find(marker="esim-change-confirm").click()
    await user.should_see(
        "Enter a valid e-mail address, like name@company.be.", marker="esim-problem"
    )
    assert element(user, "esim-new-email").value == "noor@"
    type_into(user, "esim-new-email", "noor.el.amrani@nova-logistics.be")
    user.find(marker="esim-change-confirm").click()
    await user.should_see("E-mail sent to noor.el.amrani@nova-logistics.be.")
    await history_shows(user, "eSIM e-mail address or language changed, e-mail sent")


async def test_a_new_code_replaces_the_old_one_after_confirming(user: User, engine: Engine) -> None:
    _services, order = esim_order(engine)
    await open_order(user, order)
    user.find(marker="esim-reissue").click()
    user.find(marker="esim-reissue-keep").click()
    assert current_code(engine, order.reference) == order.esim_activation_code
    user.find(marker="esim-reissue").click()
    user.find(marker="esim-reissue-confirm").click()
    await user.should_see("New code sent to noor@nova-logistics.be.")
    new = current_code(engine, order.reference)
    assert new and new != order.esim_activation_code
    await history_shows(user, "New eSIM activation code issued; the old one no longer works")


async def test_a_profile_not_installed_a_week_after_completion_is_flagged(
    user: User, engine: Engine
) -> None:
    _services, order = esim_order(engine)
    week_ago = services_for(engine, documents_beside(engine), now=NOW - timedelta(days=7))
    start_order(week_ago, order.reference)
    complete_order(week_ago, order.reference)  # the page runs on the real clock: long ago
    await open_order(user, order)
    await user.should_see(marker="esim-attention")
    await user.open("/")  # the fleet page says so too, and leads to the line
    await user.should_see("Noor El Amrani", marker="esim-to-install")
    user.find(marker="esim-to-install").click()
    await user.should_see("Profile: Not yet downloaded", marker="esim-status")
    await user.should_see(marker="line")


async def test_the_back_office_marks_a_completed_profile_installed(
    user: User, engine: Engine
) -> None:
    _services, order = esim_order(engine)
    await sign_in(user, DEMO_AGENT)
    await user.should_see(order.reference)
    user.find(marker=f"start-{order.reference}").click()
    await user.should_see(marker=f"complete-{order.reference}")
    await user.should_not_see(marker=f"install-{order.reference}")  # not active yet
    user.find(marker=f"complete-{order.reference}").click()
    await user.should_see(marker=f"install-{order.reference}")
    user.find(marker=f"install-{order.reference}").click()
    await user.should_not_see(marker=f"install-{order.reference}")
    view = order_view(engine, 1, order.reference)
    assert view is not None and view.esim_installed_at is not None
    assert [event.action for event in view.esim_history] == [EsimAction.INSTALLED]


async def test_after_a_new_code_no_page_shows_the_old_one(user: User, engine: Engine) -> None:
    services = services_for(engine, documents_beside(engine))
    with_copy = dataclasses.replace(ESIM_TRANSFER, esim_qr_copy_to_manager=True)
    order = placed(services, with_copy)
    old = str(order.esim_activation_code)
    reissue_esim(services, manager_of(engine), order.reference)
    new = current_code(engine, order.reference)
    assert new and new != old
    await sign_in(user, NOVA)
    # Days after sending, the confirmation no longer shows the copy asked for: the order does,
    # when asked.
    await user.open(f"/add/done/{order.reference}")
    await user.should_see(marker="esim-code-on-order")
    await user.should_not_see(marker="activation-code")
    await user.should_not_see(old)
    await user.open(f"/orders/{order.reference}")
    user.find(marker="esim-show").click()
    user.find(marker="esim-show-confirm").click()
    await user.should_see(new, marker="activation-code")
    await user.should_not_see(old)
