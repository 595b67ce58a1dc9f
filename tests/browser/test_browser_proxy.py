"""Two instances of the app on PostgreSQL and Redis behind nginx (deploy/nginx.conf, as
committed), in a real browser through the proxy: the fleet manager signs in and starts a
draft; the instance serving them is stopped (SIGTERM: the page is told to reconnect), then the
other is killed (SIGKILL), and each time the page carries on at the instance left, with every
answer kept. The same draft sent from both instances at once is one order, and the back-office
on one instance moves on the order a page of the other shows."""

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from string import Template

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import Session, select

from storage.db.engine import make_engine
from storage.db.seed import DEMO_AGENT
from storage.db.tables import Order
from tests.browser.conftest import ROOT, VIEWPORT, RunningApp, free_port, launch_app, stop
from tests.browser.steps import (
    REFERENCE,
    choose,
    continue_to,
    new_number_until_plan,
    open_wizard,
    sign_in,
)
from tests.conftest import NOVA
from tests.postgres import seeded_schema

# A Redis database of each test worker's own: the news of one test's instances (a draft saved
# by Nova's fleet manager) must not reach another test's, running at the same time.
REDIS = f"redis://127.0.0.1:6379/{7 + int(os.environ.get('PYTEST_XDIST_WORKER', 'gw0')[2:]) % 8}"
CHECK = "Check your answers before sending the request"

# Every close code the page's websockets got, kept in the tab across the reloads that move
# it from one instance to another: 1012 ("service restart") is a server saying "reconnect".
_RECORD_CLOSE_CODES = """(() => {
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('close', (event) => sessionStorage.setItem(
      'closeCodes', (sessionStorage.getItem('closeCodes') || '') + ' ' + event.code));
    return socket;
  };
  Object.assign(window.WebSocket, Native);
  window.WebSocket.prototype = Native.prototype;
})();"""


@contextmanager
def nginx(listen: int, first: int, second: int, folder: Path) -> Iterator[str]:
    """The committed configuration, its placeholders filled in, run in the foreground."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    config = Template((ROOT / "deploy" / "nginx.conf").read_text()).substitute(
        LISTEN=f"127.0.0.1:{listen}",
        FIRST=f"127.0.0.1:{first}",
        SECOND=f"127.0.0.1:{second}",
        PREFIX=folder,
    )
    (folder / "nginx.conf").write_text(config)
    process = subprocess.Popen(
        [binary, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"]
    )
    try:
        yield f"http://127.0.0.1:{listen}"
    finally:
        process.terminate()  # fast shutdown: open websockets are not waited for
        process.wait(10)


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[str, list[RunningApp], Path, str, dict[str, str]]]:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("nginx is needed: .ci/run installs Debian's package")
    with seeded_schema("fleet_proxy") as database:
        listen, ports = free_port(), [free_port(), free_port()]
        # Where the browser reaches the app: the proxy's address, the only accepted origin.
        env = {"REDIS_URL": REDIS, "PUBLIC_URL": f"http://127.0.0.1:{listen}"}
        apps = [launch(tmp_path, database, ports[i], f"app{i}", env) for i in (0, 1)]
        try:
            with nginx(listen, ports[0], ports[1], tmp_path) as url:
                yield url, apps, tmp_path, database, env
        finally:
            for app in apps:
                stop(app.process)


def launch(folder: Path, database: str, port: int, name: str, env: dict[str, str]) -> RunningApp:
    """An instance named ``name`` (its /healthz says so), its files in a folder of its own."""
    log = folder / f"{name}-{port}-{len(list(folder.glob(f'{name}-*.log')))}.log"
    return launch_app(folder / name, database, port, log, env | {"INSTANCE_NAME": name})


def serving(context: BrowserContext) -> str:
    """The name of the instance answering this browser context."""
    answer = context.request.get("/healthz")
    assert answer.ok, answer.text()
    return str(answer.json()["instance"])


def close_codes(page: Page) -> list[str]:
    return str(page.evaluate("sessionStorage.getItem('closeCodes') || ''")).split()


def answers_kept(page: Page) -> None:
    expect(page.get_by_role("heading", name="SIM and billing", level=2)).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_label("End user", exact=True)).to_have_value(
        "Noor El Amrani", timeout=30_000
    )


@pytest.mark.long  # about 30 s: two instances, nginx, two failovers
def test_the_page_carries_on_at_the_other_instance_when_one_is_stopped_then_killed(
    browser: Browser, proxied: tuple[str, list[RunningApp], Path, str, dict[str, str]]
) -> None:
    url, apps, folder, database, env = proxied
    context = browser.new_context(viewport=VIEWPORT, base_url=url)  # type: ignore[arg-type]
    context.set_default_timeout(30_000)
    context.add_init_script(_RECORD_CLOSE_CODES)
    page = context.new_page()
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    choose(page, "Customer number for billing", "7.10045821")
    page.get_by_label("End user", exact=True).fill("Noor El Amrani")
    page.get_by_label("End user", exact=True).press("Tab")
    assert serving(context) == "app0"  # ip_hash: every address of 127.0.0.1/24 goes there
    stop(apps[0].process)  # SIGTERM: the first instance goes away
    answers_kept(page)
    # Gracefully: it told the page to reconnect (1012), finished within the grace period, and
    # ended by the signal it had been sent (uvicorn raises it again once done), not SIGKILL.
    assert "1012" in close_codes(page), close_codes(page)
    assert apps[0].process.returncode == -signal.SIGTERM, apps[0].log_text()
    assert "Traceback" not in apps[0].log_text(), apps[0].log_text()
    apps[0] = launch(folder, database, int(apps[0].url.rsplit(":", 1)[1]), "app0", env)
    # By now the page is the second instance's (the first was gone): killing it reloads the
    # page at the first, started again. The mark is gone once the new page is there.
    page.evaluate("window.beforeTheKill = true")
    told = len(close_codes(page))
    apps[1].process.send_signal(signal.SIGKILL)  # and now the other dies
    apps[1].process.wait(10)
    page.wait_for_function("() => !window.beforeTheKill", timeout=30_000)
    answers_kept(page)
    since_the_kill = close_codes(page)[told:]
    assert "1006" in since_the_kill and "1012" not in since_the_kill, since_the_kill  # cut off
    page.get_by_role("radio", name="SIM card").click()
    expect(page.get_by_label("SIM card number", exact=True)).to_be_visible()
    context.close()


@pytest.mark.long  # about 30 s: two instances, nginx, three browsers
def test_one_draft_sent_from_both_instances_at_once_is_one_order_that_the_other_instance_moves_on(
    browser: Browser, proxied: tuple[str, list[RunningApp], Path, str, dict[str, str]]
) -> None:
    url, apps, _folder, database, _env = proxied
    near = browser.new_context(viewport=VIEWPORT, base_url=url)  # type: ignore[arg-type]
    through_proxy = serving(near)
    other = next(app for app in apps if app.url != apps[int(through_proxy[-1])].url)
    far = browser.new_context(viewport=VIEWPORT, base_url=other.url)  # type: ignore[arg-type]
    assert serving(far) != through_proxy
    pages = [near.new_page(), far.new_page()]
    new_number_until_plan(pages[0])
    choose(pages[0], "Plan", "Shape Medium")
    continue_to(pages[0], "Invoice Split")
    continue_to(pages[0], CHECK)
    sign_in(pages[1], NOVA)  # the same fleet manager, the same draft, on the other instance
    open_wizard_at_check(pages[1])
    sends = [page.get_by_role("button", name="Send the request") for page in pages]
    for send in sends:
        expect(send).to_be_enabled()
    before = order_references(database)
    for send in sends:  # both clicks are on their way before either page has its answer
        send.dispatch_event("click")
    references = [sent_reference(page) for page in pages]
    assert references[0] == references[1]
    assert order_references(database) - before == {references[0]}  # one order, not two

    agent = browser.new_context(viewport=VIEWPORT, base_url=other.url).new_page()  # type: ignore[arg-type]
    sign_in(agent, DEMO_AGENT, fleet_heading="Back-office: every company's orders")
    pages[0].goto(f"/orders/{references[0]}")
    expect(pages[0].get_by_text("Status: Received")).to_be_visible()
    card = agent.locator(".q-card").filter(has_text=references[0])
    card.get_by_role("button", name="Start").click()
    expect(pages[0].get_by_text("Status: In progress")).to_be_visible()  # no reload
    for app in apps:
        assert "Traceback" not in app.log_text(), app.log_text()


def open_wizard_at_check(page: Page) -> None:
    """Open the saved draft: it opens where it was left, at its last step."""
    page.get_by_role("button", name="Add a card to my fleet").click()
    expect(page.get_by_role("heading", name=CHECK, level=2)).to_be_visible()


def sent_reference(page: Page) -> str:
    expect(page.get_by_role("heading", name="Request received", level=1)).to_be_visible()
    return page.get_by_text(REFERENCE).inner_text()


def order_references(database: str) -> set[str]:
    engine = make_engine(database)
    try:
        with Session(engine) as session:
            return set(session.exec(select(Order.reference)).all())
    finally:
        engine.dispose()
