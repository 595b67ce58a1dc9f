"""Crash recovery: three fleet managers send Invoice Split orders through the wizard in real
browsers, each uploading the signed contract, while the app process is killed (SIGKILL: no
clean-up of any kind) five times and started again on the same database and documents folder.
The kill moments come from a seeded random generator; every second kill falls just after a
client pressed Send, while its order is being saved or just after. Afterwards the database
holds no half order (each has its first history entry, its e-mails and its contract), no
duplicate (one order per submission key; a client that sent again after a restart got that
first order) and no orphan file (every file has its row, none half written).

A client whose page died with the server waits until the app answers again, reloads the wizard
(which reopens the saved draft at its step) and carries on from there; if it had pressed Send,
it first looks whether that order was saved before the kill, and opens its confirmation.

About 60-90 s on two cores; the figures (kills, orders, retries, start times) are printed
(`-s`) and repeated in every assertion message.
"""

import asyncio
import hashlib
import itertools
import os
import random
import re
import signal
import time
import uuid
from collections import Counter
from collections.abc import Coroutine, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, async_playwright, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

import storage.use_cases
from domain.orders import OrderStatus
from storage.db.engine import create_schema, make_engine
from storage.db.passwords import hash_password
from storage.db.seed import DemoLogin, seed_demo
from storage.db.tables import (
    Company,
    Draft,
    FleetManager,
    Order,
    OrderEvent,
    OutboxMessage,
    StoredDocument,
)
from storage.mail.messages import MailKind
from tests.browser.conftest import (
    CHROMIUM_ARGS,
    VIEWPORT,
    RunningApp,
    free_port,
    launch_app,
    stop,
)
from tests.browser.steps import unique_sim_digits
from tests.fixtures.documents import pdf

pytestmark = pytest.mark.long

SEED = 20261202  # the kill moments: the same on every run
KILLS = int(os.environ.get("CRASH_KILLS", "5"))  # fewer for a quick look while editing
CLIENTS = 3
SECONDS_BEFORE_KILL = (2.0, 8.0)  # work between the app answering and the next kill
SECONDS_AFTER_SEND = (0.0, 0.6)  # a kill while the order is being saved, or just after
MOST_TRIES = 12  # per order: far more than kills, so only a real fault exhausts them
STEP_TIMEOUT_MS = 10_000  # a step slower than this is retried, as after a kill
HANDSHAKE = "() => window.did_handshake === true"  # NiceGUI's socket is up: events go in order
expect.set_options(timeout=STEP_TIMEOUT_MS)
REFERENCE = re.compile(r"^FL-[0-9A-Z]{4}-[0-9A-Z]{4}$")
CHECK = "check"
STEPS = ("request_type", "sim_and_billing", "plan_and_options", "invoice_split", CHECK)
STEP_HEADINGS = {
    "sim_and_billing": "SIM and billing",
    "plan_and_options": "Plan and options",
    "invoice_split": "Invoice Split",
    CHECK: "Check your answers before sending the request",
}


class Interrupted(Exception):
    """The app was killed while the client was working."""


class LostDraft(Exception):
    """The wizard did not reopen the draft as saved (not a page to retry: a fault)."""


@dataclass
class AppLives:
    """The app process through its kills and restarts, always on the same port and data."""

    data: Path
    database_url: str
    port: int
    app: RunningApp | None = None
    kills: int = 0
    start_seconds: list[float] = field(default_factory=list)
    up: asyncio.Event = field(default_factory=asyncio.Event)  # answering requests
    down: asyncio.Event = field(default_factory=asyncio.Event)  # killed, not yet back
    sending: asyncio.Event = field(default_factory=asyncio.Event)  # a client pressed Send

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> list[Path]:
        return sorted(self.data.glob("app-*.log"))

    async def start(self) -> None:
        started = time.monotonic()
        log = self.data / f"app-{self.kills}.log"
        self.app = await asyncio.to_thread(launch_app, self.data, self.database_url, self.port, log)
        self.start_seconds.append(time.monotonic() - started)
        self.down.clear()
        self.up.set()

    async def kill(self) -> None:
        assert self.app is not None
        self.up.clear()
        self.down.set()
        os.kill(self.app.process.pid, signal.SIGKILL)
        await asyncio.to_thread(self.app.process.wait)
        self.kills += 1

    async def interruptible[T](self, work: Coroutine[Any, Any, T]) -> T:
        """The client's work, cancelled the moment the app is killed."""
        task = asyncio.ensure_future(work)
        killed = asyncio.ensure_future(self.down.wait())
        done, _ = await asyncio.wait({task, killed}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            killed.cancel()
            return task.result()
        task.cancel()
        with suppress(asyncio.CancelledError, PlaywrightError, AssertionError):
            await task
        raise Interrupted

    def stop(self) -> None:
        if self.app is not None:
            stop(self.app.process)


@dataclass(frozen=True)
class Confirmed:
    """One order as its client saw it confirmed."""

    reference: str
    submission_key: str
    sends: int  # how often the client pressed Send for it (more than once: after a kill)
    recovered: bool  # saved before a kill; the client found it afterwards


@dataclass
class Client:
    number: int
    login: DemoLogin
    manager_id: int
    page: Page
    contract: Path
    confirmed: list[Confirmed] = field(default_factory=list)
    interruptions: int = 0
    errors: list[str] = field(default_factory=list)


def extra_managers(engine: Engine, count: int) -> list[tuple[DemoLogin, int]]:
    """Fleet managers of Nova, one per client: a manager has one draft, so one wizard."""
    logins = []
    password = "Crash-test-2026"
    password_hash = hash_password(password)  # one Argon2 hash (slow by design) for all
    with Session(engine) as session:
        nova = session.exec(select(Company).where(Company.name == "Nova Logistics NV")).one()
        assert nova.id is not None
        for number in range(count):
            login = DemoLogin(f"crash.client{number}@nova-logistics.be", password, "Nova")
            manager = FleetManager(
                company_id=nova.id,
                email=login.email,
                name=f"Crash client {number}",
                password_hash=password_hash,
                language="en",
            )
            session.add(manager)
            session.flush()
            assert manager.id is not None
            logins.append((login, manager.id))
        session.commit()
    return logins


def order_with_key(engine: Engine, submission_key: str) -> str | None:
    with Session(engine) as session:
        query = select(Order.reference).where(Order.submission_key == submission_key)
        return session.exec(query).first()


def draft_key(engine: Engine, manager_id: int) -> str:
    with Session(engine) as session:
        query = select(Draft.submission_key).where(Draft.manager_id == manager_id)
        return session.exec(query).one()


async def sign_in(page: Page, login: DemoLogin) -> None:
    """The sign-in page, which a new visitor gets in French."""
    await page.get_by_label("E-mail").fill(login.email)
    await page.get_by_label("Mot de passe").fill(login.password)
    await page.get_by_role("button", name="Se connecter").click()
    await expect(page.get_by_role("heading", name="My fleet", level=1)).to_be_visible()


async def visit(client: Client, path: str) -> None:
    """Open ``path``, signing in again if the session was lost."""
    page = client.page
    await page.goto(path)
    if "/login" in page.url:
        await page.wait_for_function(HANDSHAKE)
        await sign_in(page, client.login)
        await page.goto(path)
    # Before the socket is up, NiceGUI holds each event back on its own timer: a radio's
    # change and the click after it could reach the server in either order.
    await page.wait_for_function(HANDSHAKE)


async def open_wizard(client: Client) -> str:
    """The wizard as saved: the step it is at."""
    page = client.page
    await visit(client, "/add")
    await expect(
        page.get_by_role("heading", name="Add a card to my fleet", level=1)
    ).to_be_visible()
    step = page.locator("[data-step-heading]:visible")
    await expect(step).to_have_count(1)
    return await step.get_attribute("data-step-heading") or ""


async def choose(page: Page, label: str, option: str) -> None:
    await page.get_by_role("combobox", name=label).click()
    await page.get_by_role("option", name=option).click()
    await expect(page.get_by_role("listbox")).to_have_count(0)


async def continue_to(page: Page, step: str) -> None:
    await page.get_by_role("button", name="Continue").click()
    await expect(page.get_by_role("heading", name=STEP_HEADINGS[step], level=2)).to_be_focused()


async def answer(client: Client, step: str, end_user: str, sim: str) -> None:
    """Give the step's answers (again, after a restart: the same answers change nothing)."""
    page = client.page
    if step == "request_type":
        await page.get_by_role("radio", name="A new number").click()
    elif step == "sim_and_billing":
        await choose(page, "Customer number for billing", "7.10045821")
        await choose(page, "Sub-division", "Sales team")  # the company pays up to €30
        await page.get_by_label("End user", exact=True).fill(end_user)
        await page.get_by_role("radio", name="SIM card").click()
        await page.get_by_label("SIM card number", exact=True).fill(sim)
    elif step == "plan_and_options":
        await choose(page, "Plan", "Shape Medium")
    elif step == "invoice_split":
        split = page.get_by_role("checkbox", name="Split the bill")
        if await split.get_attribute("aria-checked") != "true":
            await split.click()  # not check(): Quasar ticks it once the server has answered
        await expect(split).to_be_checked()
        uploaded = page.get_by_text(f"Uploaded: {client.contract.name}")
        if not await uploaded.is_visible():
            await page.locator('input[type="file"]').set_input_files(client.contract)
            await expect(uploaded).to_be_visible()


async def send(
    client: Client, lives: AppLives, engine: Engine, end_user: str, sent_keys: list[str]
) -> Confirmed:
    """Send from check your answers: always the draft's first submission key."""
    page = client.page
    await expect(page.get_by_text(end_user, exact=True)).to_be_visible()
    key = await asyncio.to_thread(draft_key, engine, client.manager_id)
    if sent_keys and key != sent_keys[-1]:
        raise LostDraft(f"{end_user}: the draft got a new submission key before it was saved")
    sent_keys.append(key)
    lives.sending.set()
    await page.get_by_role("button", name="Send the request").click()
    await expect(page.get_by_role("heading", name="Request received", level=1)).to_be_visible()
    reference = await page.get_by_text(REFERENCE).inner_text()
    return Confirmed(reference, key, len(sent_keys), recovered=False)


async def drive(
    client: Client, lives: AppLives, engine: Engine, end_user: str, sim: str, sent_keys: list[str]
) -> Confirmed:
    """One try at the order, from wherever the last one stopped."""
    if sent_keys and (reference := order_with_key(engine, sent_keys[-1])):
        # Saved before the kill, its confirmation lost with the page: the order is there.
        await visit(client, f"/add/done/{reference}")
        await expect(client.page.get_by_text(reference, exact=True)).to_be_visible()
        return Confirmed(reference, sent_keys[-1], len(sent_keys), recovered=True)
    step = await open_wizard(client)
    if step not in STEPS:
        raise LostDraft(f"{end_user}: the wizard opened at {step!r}")
    for current, following in itertools.pairwise(STEPS[STEPS.index(step) :]):
        await answer(client, current, end_user, sim)
        await continue_to(client.page, following)
    return await send(client, lives, engine, end_user, sent_keys)


async def place_one(client: Client, lives: AppLives, engine: Engine, number: int) -> Confirmed:
    end_user = f"Crash client {client.number} order {number}"
    sim = unique_sim_digits()
    sent_keys: list[str] = []
    for _ in range(MOST_TRIES):
        await lives.up.wait()
        try:
            return await lives.interruptible(drive(client, lives, engine, end_user, sim, sent_keys))
        except Interrupted:
            client.interruptions += 1
        except (PlaywrightError, AssertionError) as error:  # a page reloaded, a step too slow
            client.errors.append(f"{end_user}: {str(error).splitlines()[0]}")
    raise AssertionError(f"{end_user} not placed in {MOST_TRIES} tries: {client.errors}")


async def work(client: Client, lives: AppLives, engine: Engine, done: asyncio.Event) -> None:
    """Orders, one after the other, until the kills are over (the last one is finished)."""
    number = 0
    while not done.is_set():
        number += 1
        client.confirmed.append(await place_one(client, lives, engine, number))


def leave_half_upload(documents: Path) -> None:
    """What a kill inside an upload leaves, a window of milliseconds that random moments seldom
    hit: a file written whose row was never committed, and a file half written."""
    documents.mkdir(mode=0o700, parents=True, exist_ok=True)
    written, half_written = uuid.uuid4().hex, f".{uuid.uuid4().hex}.part"
    (documents / written).write_bytes(pdf())
    (documents / half_written).write_bytes(pdf()[:100])


async def kill_repeatedly(lives: AppLives, done: asyncio.Event) -> None:
    """Kill at random moments; every second kill just after a client pressed Send (before or
    after its order is saved: either way the client must end with exactly that order)."""
    moments = random.Random(SEED)
    for kill in range(KILLS):
        if kill % 2:
            lives.sending.clear()
            await asyncio.wait_for(lives.sending.wait(), timeout=60)
            delay = moments.uniform(*SECONDS_AFTER_SEND)
        else:
            delay = moments.uniform(*SECONDS_BEFORE_KILL)
        await asyncio.sleep(delay)  # the kill moment, by design
        await lives.kill()
        if kill == 0:
            leave_half_upload(lives.data / "documents")
        await lives.start()
    done.set()


@pytest.fixture
def lives(tmp_path: Path) -> Iterator[AppLives]:
    lives = AppLives(tmp_path, f"sqlite:///{tmp_path / 'fleet.db'}", free_port())
    yield lives
    lives.stop()


@pytest.fixture
def engine(lives: AppLives) -> Iterator[Engine]:
    engine = make_engine(lives.database_url)
    create_schema(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


async def run_clients(
    chromium: str, lives: AppLives, engine: Engine, contract: Path
) -> list[Client]:
    managers = extra_managers(engine, CLIENTS)
    await lives.start()
    done = asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        clients = []
        for number, (login, manager_id) in enumerate(managers):
            context = await browser.new_context(viewport=VIEWPORT, base_url=lives.url)  # type: ignore[arg-type]
            context.set_default_timeout(STEP_TIMEOUT_MS)
            clients.append(Client(number, login, manager_id, await context.new_page(), contract))
        async with asyncio.TaskGroup() as group:
            group.create_task(kill_repeatedly(lives, done))
            for client in clients:
                group.create_task(work(client, lives, engine, done))
        await browser.close()
    return clients


def half_orders(session: Session, order: Order) -> list[str]:
    """What the order misses of what placing it writes in its one transaction."""
    missing = []
    first = session.exec(
        select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(col(OrderEvent.id))
    ).first()
    if first is None or (first.from_status, first.to_status) != (None, OrderStatus.RECEIVED):
        missing.append("its first history entry")
    kinds = Counter(
        session.exec(select(OutboxMessage.kind).where(OutboxMessage.order_id == order.id)).all()
    )
    expected = Counter({MailKind.CONFIRMATION.value: 1})
    if order.request.get("sim_kind") == "esim":
        expected[MailKind.ESIM_PROFILE.value] = 1
    if kinds != expected:
        missing.append(f"its e-mails ({dict(kinds)}, not {dict(expected)})")
    if order.request.get("invoice_split"):
        document = session.exec(
            select(StoredDocument).where(StoredDocument.public_id == order.contract_document_id)
        ).first()
        if document is None or document.order_id != order.id:
            missing.append("its signed contract")
    return [f"{order.reference} lacks {what}" for what in missing]


def orphans(session: Session, documents: Path) -> list[str]:
    """Files without a row, half-written files, and rows whose file is gone or differs."""
    rows = {d.stored_name: d for d in session.exec(select(StoredDocument)).all()}
    files = {path.name: path for path in documents.iterdir()} if documents.is_dir() else {}
    problems = [f"{name}: no StoredDocument row" for name in files if name not in rows]
    for name, document in rows.items():
        path = files.get(name)
        if path is None or hashlib.sha256(path.read_bytes()).hexdigest() != document.sha256:
            problems.append(f"{name}: the row's file is gone or changed")
    return problems


async def test_killed_and_restarted_app_keeps_whole_orders_no_duplicates_no_orphan_files(
    chromium: str, lives: AppLives, engine: Engine, tmp_path: Path
) -> None:
    started = time.monotonic()
    contract = tmp_path / "signed-contract.pdf"
    contract.write_bytes(pdf())
    clients = await run_clients(chromium, lives, engine, contract)
    assert lives.app is not None
    lives.app.check_alive()  # the last life was never killed

    confirmed = [c for client in clients for c in client.confirmed]
    with Session(engine) as session:
        managers = [client.manager_id for client in clients]
        orders = session.exec(select(Order).where(col(Order.manager_id).in_(managers))).all()
        figures = (
            f"{lives.kills} kills survived, {len(orders)} orders checked "
            f"({sum(c.sends > 1 for c in confirmed)} sent again after a restart, "
            f"{sum(c.recovered for c in confirmed)} found saved after a kill), "
            f"{sum(client.interruptions for client in clients)} client steps interrupted, "
            f"{sum(len(client.errors) for client in clients)} retried after a page error; "
            f"app starts {[round(s, 1) for s in lives.start_seconds]} s; "
            f"{time.monotonic() - started:.0f} s in all"
        )
        print(figures)
        for client in clients:
            print(f"client {client.number}: {client.confirmed}, errors {client.errors}")
        assert lives.kills == KILLS, figures

        half = [problem for order in orders for problem in half_orders(session, order)]
        assert half == [], f"half orders after the kills ({figures}):\n" + "\n".join(half)

        keys = Counter(order.submission_key for order in orders)
        assert [k for k, n in keys.items() if n > 1] == [], f"duplicate orders ({figures})"
        by_key = {order.submission_key: order.reference for order in orders}
        seen = {(c.submission_key, c.reference) for c in confirmed}
        assert seen == set(by_key.items()), (
            f"the orders the clients were confirmed are not the orders saved ({figures})"
        )
        assert len(confirmed) == len(seen), f"a client got one order twice ({figures})"

        for log in lives.logs():
            text = log.read_text(errors="replace")
            assert "Traceback" not in text, f"{log.name} ({figures}):\n{text}"

        left = orphans(session, lives.data / "documents")
    # Only the start-up clean-up (remove_orphan_documents, from another branch) removes what a
    # kill mid-upload leaves: until it is in main.py, this last check is expected to fail.
    if left and not hasattr(storage.use_cases, "remove_orphan_documents"):
        pytest.xfail(
            f"everything else held ({figures}); orphan files left, as expected until "
            f"remove_orphan_documents runs at start-up: {left}"
        )
    assert left == [], f"orphan files after the restarts ({figures}):\n" + "\n".join(left)
