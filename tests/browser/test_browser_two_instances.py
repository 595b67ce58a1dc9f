"""Two instances of the app on one PostgreSQL database, as behind a load balancer: the fleet
manager's order page on one follows the back-office acting on the other, without a reload
(the change goes through PostgreSQL LISTEN/NOTIFY)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.engine import Engine

from storage.db.engine import make_engine
from storage.db.seed import DEMO_AGENT
from tests.browser.conftest import VIEWPORT, RunningApp, running_app
from tests.browser.steps import sign_in
from tests.conftest import NOVA
from tests.order_helpers import placed, services_for
from tests.postgres import seeded_schema


@pytest.fixture(scope="module")
def shared_database() -> Iterator[str]:
    """A schema of its own on the PostgreSQL server, migrated and seeded once."""
    with seeded_schema("fleet_two") as url:
        yield url


@pytest.fixture(scope="module")
def two_apps(
    chromium: str, shared_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunningApp, RunningApp]]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    with running_app(first, shared_database) as one, running_app(second, shared_database) as two:
        yield one, two


@pytest.fixture
def shared_engine(shared_database: str) -> Iterator[Engine]:
    engine = make_engine(shared_database)
    yield engine
    engine.dispose()


def test_an_order_page_on_one_instance_follows_the_back_office_on_the_other(
    browser: Browser,
    two_apps: tuple[RunningApp, RunningApp],
    shared_engine: Engine,
    tmp_path: Path,
) -> None:
    first, second = two_apps
    order = placed(services_for(shared_engine, tmp_path))  # no document: the folder stays empty
    manager = browser.new_context(viewport=VIEWPORT, base_url=first.url).new_page()  # type: ignore[arg-type]
    sign_in(manager, NOVA)
    manager.goto(f"/orders/{order.reference}")
    expect(manager.get_by_text("Status: Received")).to_be_visible()

    agent = browser.new_context(viewport=VIEWPORT, base_url=second.url).new_page()  # type: ignore[arg-type]
    sign_in(agent, DEMO_AGENT, fleet_heading="Back-office: every company's orders")
    card = agent.locator(".q-card").filter(has_text=order.reference)
    card.get_by_role("button", name="Start").click()
    expect(manager.get_by_text("Status: In progress")).to_be_visible()  # no reload on the first
    card.get_by_role("button", name="Complete").click()
    expect(manager.get_by_text("Status: Completed")).to_be_visible()
    for running in (first, second):
        assert "Traceback" not in running.log_text(), running.log_text()
