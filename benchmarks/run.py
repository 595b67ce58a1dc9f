"""Measure the domain, storage and the running app; write docs/benchmarks.md.

Timings are repeated and reported as median with spread (p10–p90) and standard deviation,
never asserted: the test suite checks behaviour, this file records what things cost.
"""

import asyncio
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import socketio
from sqlalchemy import delete, func, insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from benchmarks.bulk import bulk_rows
from benchmarks.measure import p95, rss_mib, spread, timed
from domain.context import BillingAccount, FleetContext
from domain.orders import OrderStatus
from domain.request import OrderRequest
from domain.sla import processing_time_of
from domain.validation import normalise, validate_request
from storage.db.engine import create_schema, make_engine
from storage.db.seed import DEMO_LOGINS, seed_demo
from storage.db.tables import FleetLine, Order
from storage.queries.fleet import fleet_page, lines_with_options
from storage.queries.fleet_context import company_context
from storage.queries.orders import orders_page
from storage.use_cases import Refused, Services, place_order, sign_in
from tests.order_helpers import ESIM_TRANSFER

ROOT = Path(__file__).resolve().parent.parent
REQUEST = ESIM_TRANSFER


def domain_rows() -> list[tuple[str, str]]:
    context = FleetContext(billing_accounts=(BillingAccount("1", "7.10045821"),))
    moments = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * i) for i in range(2000)]
    times = iter(moments * 2)
    return [
        (
            "processing time of a request (domain)",
            spread(timed(lambda: processing_time_of(REQUEST, next(times)), 2000)),
        ),
        (
            "validate a whole transfer request (domain)",
            spread(timed(lambda: validate_request(REQUEST, context), 2000)),
        ),
        ("normalise a whole request (domain)", spread(timed(lambda: normalise(REQUEST), 2000))),
    ]


def storage_rows(folder: Path) -> list[tuple[str, str]]:
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    create_schema(engine)
    seed_demo(engine)
    services = Services(engine, folder / "documents", "smdp.example.be")
    manager = sign_in(services, DEMO_LOGINS[0].email, DEMO_LOGINS[0].password)
    assert manager is not None
    keys = iter(range(10**6))
    numbers = iter(range(10**6))

    def submit() -> None:
        request = OrderRequest.from_dict(
            {**REQUEST.to_dict(), "transfer_number": f"+32476{next(numbers):06d}"}
        )
        outcome = place_order(services, manager, request, f"k{next(keys)}")
        assert not isinstance(outcome, Refused), outcome

    submissions = timed(submit, 200)
    rows = [
        (
            "submit an eSIM transfer: order, history, 2 e-mails (SQLite, one transaction)",
            spread(submissions, "ms", 1e3),
        ),
        *beside_a_bare_insert(engine, submissions),
        (
            "fleet table, first page of a 20-line fleet (SQLite)",
            spread(timed(lambda: fleet_page(engine, manager.company_id), 300), "ms", 1e3),
        ),
    ]
    first_page = {}
    for size in (1_000, 10_000):  # and the demo's 20
        add_lines(engine, manager.company_id, size)
        first_page[size] = timed(lambda: fleet_page(engine, manager.company_id), 100)
    rows += [
        (
            "fleet table, first page of a 1,020-line fleet (SQLite)",
            spread(first_page[1_000], "ms", 1e3),
        ),
        (
            "fleet table, first page of a 10,020-line fleet (SQLite)",
            spread(first_page[10_000], "ms", 1e3),
        ),
        (
            "fleet table's first page: 10,020 lines beside 1,020",
            ratio_of(first_page, 10_000, 1_000),
        ),
    ]
    rows += [
        (
            "fleet table, page 200 sorted by plan, 10,020 lines (SQLite)",
            spread(
                timed(
                    lambda: fleet_page(
                        engine, manager.company_id, offset=5000, sort_by="plan", descending=True
                    ),
                    100,
                ),
                "ms",
                1e3,
            ),
        ),
        (
            "fleet search 'Employee 99', first page, 10,020 lines (SQLite)",
            spread(
                timed(lambda: fleet_page(engine, manager.company_id, "Employee 99"), 100), "ms", 1e3
            ),
        ),
        (
            "the wizard's copy-options list of 10,020 lines",
            spread(timed(lambda: lines_with_options(engine, manager.company_id), 30), "ms", 1e3),
        ),
        (
            "validation context of a company with 10,020 lines (SQLite)",
            spread(timed(lambda: company_context(engine, manager.company_id), 30), "ms", 1e3),
        ),
    ]
    rows += order_list_rows(engine, manager.company_id)
    engine.dispose()
    return rows


def beside_a_bare_insert(engine: Engine, submissions: list[float]) -> list[tuple[str, str]]:
    """Submission beside the least a write costs: one row inserted and committed through the
    same engine (SQLite's commit included)."""
    numbers = iter(range(10**6))

    def bare_insert() -> None:
        with engine.begin() as connection:
            connection.execute(
                insert(FleetLine).values(
                    company_id=2,
                    number=f"+32499{next(numbers):06d}",
                    end_user="Bare insert",
                    plan_code="shape_s",
                    options=[],
                    sim_kind="sim",
                    billing_account_id=3,
                )
            )

    bare = timed(bare_insert, 200)
    with engine.begin() as connection:  # not part of the fleets measured next
        connection.execute(delete(FleetLine).where(col(FleetLine.end_user) == "Bare insert"))
    return [
        ("a bare insert of one row, committed (SQLite, same engine)", spread(bare, "ms", 1e3)),
        (
            "submission beside the bare insert: p50, p95",
            f"{statistics.median(submissions) * 1e3:.1f} ms, {p95(submissions) * 1e3:.1f} ms "
            f"(bare {statistics.median(bare) * 1e3:.1f}, {p95(bare) * 1e3:.1f} ms): "
            f"×{statistics.median(submissions) / statistics.median(bare):.1f}, "
            f"×{p95(submissions) / p95(bare):.1f}",
        ),
    ]


def ratio_of(samples: dict[int, list[float]], large: int, small: int) -> str:
    return f"×{statistics.median(samples[large]) / statistics.median(samples[small]):.2f} (medians)"


def add_lines(engine: Engine, company_id: int, up_to: int) -> None:
    """Lines for the company until the benchmark's own number ``up_to`` (the demo's 20 aside)."""
    with Session(engine) as session:
        present = session.exec(
            select(func.count()).select_from(FleetLine).where(FleetLine.company_id == company_id)
        ).one()
        for i in range(max(0, present - 20), up_to):
            session.add(
                FleetLine(
                    company_id=company_id,
                    number=f"+32477{i:06d}",
                    end_user=f"Employee {i}",
                    plan_code="shape_s",
                    sim_kind="sim",
                    billing_account_id=1,
                )
            )
        session.commit()


def add_orders(engine: Engine, company_id: int, up_to: int, now: datetime) -> None:
    with Session(engine) as session:
        existing = session.exec(select(func.count()).select_from(Order)).one()
        for i in range(existing, up_to):
            session.add(
                Order(
                    reference=f"FL-BENC-{i:04d}",
                    submission_key=f"bench-{i}",
                    company_id=company_id,
                    manager_id=1,
                    request={},
                    activation_kind="new_number",
                    turnaround="one_hour",
                    submitted_at=now - timedelta(minutes=i),
                    due_at=now - timedelta(minutes=i - 60),
                    end_user_name=f"Employee {i}",
                    plan_code="shape_s",
                )
            )
        session.commit()


def order_list_rows(engine: Engine, company_id: int) -> list[tuple[str, str]]:
    """The orders page of a company with 1,000 then 10,000 orders (the submissions above and
    more)."""
    now = datetime.now(UTC)

    def page(**wanted: object) -> None:
        orders_page(engine, company_id, now, **wanted)  # type: ignore[arg-type]

    first_page = {}
    for size in (1_000, 10_000):
        add_orders(engine, company_id, size, now)
        first_page[size] = timed(lambda: page(), 100)
    return [
        (
            "orders page, first page of 1,000 orders, newest first (SQLite)",
            spread(first_page[1_000], "ms", 1e3),
        ),
        (
            "orders page's first page: 10,000 orders beside 1,000",
            ratio_of(first_page, 10_000, 1_000),
        ),
        (
            "orders page, first page of 10,000 orders, newest first (SQLite)",
            spread(first_page[10_000], "ms", 1e3),
        ),
        (
            "orders page, page 200 sorted by expected completion, 10,000 orders (SQLite)",
            spread(
                timed(lambda: page(offset=5000, sort_by="due", descending=False), 100), "ms", 1e3
            ),
        ),
        (
            "orders page, search 'Employee 99' and status received, 10,000 orders (SQLite)",
            spread(
                timed(lambda: page(search="Employee 99", status=OrderStatus.RECEIVED), 100),
                "ms",
                1e3,
            ),
        ),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def connect_clients(base: str, count: int) -> list[socketio.AsyncClient]:
    clients = []
    async with httpx.AsyncClient(base_url=base) as http:
        for _ in range(count):
            page = (await http.get("/login")).text
            client_id = re.search(r"client_id['\"]?:\s*['\"]([^'\"]+)", page)
            assert client_id, "no client id in the page"
            sio = socketio.AsyncClient()
            query = (
                f"client_id={client_id.group(1)}&tab_id=t&document_id=d"
                "&next_message_id=0&implicit_handshake=true"
            )
            await sio.connect(
                f"{base}?{query}", socketio_path="/_nicegui_ws/socket.io", transports=["websocket"]
            )
            clients.append(sio)
    return clients


def app_rows(folder: Path) -> list[tuple[str, str]]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'app.db'}",
        "PORT": str(port),
        "STORAGE_SECRET": "bench",
        "DOCUMENTS_DIR": str(folder / "documents"),
    }
    process = subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 30:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        start_up = time.perf_counter() - started
        with httpx.Client(base_url=base) as http:
            login = timed(lambda: http.get("/login").raise_for_status(), 200)
        idle = rss_mib(process.pid)

        async def with_clients() -> float:
            clients = await connect_clients(base, 100)
            await asyncio.sleep(1)  # let the server settle before reading its memory
            used = rss_mib(process.pid)
            for client in clients:
                await client.disconnect()
            return used

        loaded = asyncio.run(with_clients())
        return [
            ("app start-up until /login answers (one run)", f"{start_up:.2f} s"),
            ("GET /login, sequential (server builds the page)", spread(login, "ms", 1e3)),
            ("app memory, idle after the requests above", f"{idle:.0f} MiB RSS"),
            (
                "app memory with 100 connected /login clients",
                f"{loaded:.0f} MiB RSS ({(loaded - idle) / 100 * 1024:.0f} KiB per client)",
            ),
        ]
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = domain_rows() + storage_rows(folder) + bulk_rows(folder) + app_rows(folder)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {datetime.now(UTC):%Y-%m-%d}: Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}. Median, p10–p90, standard deviation and "
        "sample count; one warm-up run is not counted. Figures vary with the machine's load:",
        "compare runs on the same machine only.",
        "",
        "| what | figure |",
        "|---|---|",
        *(f"| {name} | {figure} |" for name, figure in rows),
        "",
    ]
    out = ROOT / "docs" / "benchmarks.md"
    old = out.read_text() if out.exists() else ""
    sections = old[old.find("\n## ") + 1 :] if "\n## " in old else ""  # the other benchmarks'
    out.write_text("\n".join(lines) + ("\n" + sections if sections else ""))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
