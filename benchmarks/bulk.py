"""Bulk onboarding at its limit: a file of 1,000 lines read, judged, corrected and sent, each
through the same use case the page calls; and how late a page's event loop runs meanwhile."""

import asyncio
import statistics
import threading
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

from benchmarks.measure import spread, timed
from domain.bulk import MAX_ROWS, Column, SheetRow, judge_rows
from storage.bulk.sheets import read_sheet
from storage.bulk.words import vocabulary
from storage.db.engine import create_schema, make_engine
from storage.db.seed import DEMO_LOGINS, seed_demo
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import SheetSummary
from storage.queries.fleet_context import company_context
from storage.use_cases import Services, sign_in
from storage.use_cases.bulk import NoSuchSheet, correct_cell, send_sheet, upload_sheet
from tests.fixtures.bulk import as_xlsx

HEADER = (
    "Request type;Customer number for billing;Sub-division;End user;SIM or eSIM;SIM card number;"
    "End user's e-mail address;Language of the eSIM e-mail;Device supports eSIM;Plan;Options"
)


def lines_file(first_sim: int, esims: bool = True) -> bytes:
    """1,000 new lines on SIM cards (from ``first_sim`` on), or half of them on an eSIM."""
    lines = [
        f"new;7.10045821;Head office;Employee {i};sim;{first_sim + i};;;;shape_m;secure_net"
        if i % 2 or not esims
        # each file's eSIM lines its own: a line a file sent already is refused when it comes again
        else f"new;7.10045821;;Employee {i}-{first_sim};esim;;e{i}-{first_sim}@nova-logistics.be;nl;yes;shape_s;"
        for i in range(MAX_ROWS)
    ]
    return "\n".join([HEADER, *lines]).encode()


def seconds(samples: list[float]) -> str:
    return spread(samples, "ms", 1e3)


def bulk_rows(folder: Path) -> list[tuple[str, str]]:
    engine = make_engine(f"sqlite:///{folder / 'bulk.db'}")
    create_schema(engine)
    seed_demo(engine)
    services = Services(engine, folder / "bulk-documents", "smdp.example.be")
    manager = sign_in(services, DEMO_LOGINS[0].email, DEMO_LOGINS[0].password)
    assert isinstance(manager, SignedInManager)
    sims: Iterator[int] = (8932000100000 + 1000 * n for n in count())
    rows = _reading_rows(services, manager, sims)
    rows += _sending_rows(services, manager, sims)
    engine.dispose()
    return rows


def _upload(services: Services, manager: SignedInManager, data: bytes, name: str) -> str:
    sheet = upload_sheet(services, manager, name, data)
    assert isinstance(sheet, SheetSummary) and sheet.ready == MAX_ROWS, sheet
    return sheet.public_id


def _reading_rows(
    services: Services, manager: SignedInManager, sims: Iterator[int]
) -> list[tuple[str, str]]:
    data = lines_file(next(sims))
    lines = read_sheet(data, vocabulary())
    assert isinstance(lines, list)
    context = company_context(services.engine, manager.company_id)
    rows: list[SheetRow] = lines
    public_id = _upload(services, manager, data, "lines.csv")
    return [
        (
            "judge 1,000 rows with the wizard's rules (domain)",
            seconds(timed(lambda: judge_rows(rows, context, vocabulary()), 10)),
        ),
        (
            "read a 1,000-row CSV in its own process",
            seconds(timed(lambda: read_sheet(data, vocabulary()), 10)),
        ),
        (
            "read a 1,000-row XLSX in its own process",
            seconds(timed(lambda: read_sheet(as_xlsx(data), vocabulary()), 10)),
        ),
        (
            "upload a 1,000-row CSV: read, judged, stored (SQLite)",
            seconds(timed(lambda: _upload(services, manager, data, "lines.csv"), 5)),
        ),
        (
            "correct one cell of a 1,000-row file: every row judged again (SQLite)",
            seconds(
                timed(
                    lambda: correct_cell(
                        services, manager, public_id, 5, Column.END_USER, "Lotte J"
                    ),
                    10,
                )
            ),
        ),
    ]


def _sending_rows(
    services: Services, manager: SignedInManager, sims: Iterator[int]
) -> list[tuple[str, str]]:
    durations: dict[bool, list[float]] = {True: [], False: []}

    def send(esims: bool = True) -> None:
        public_id = _upload(services, manager, lines_file(next(sims), esims), "lines.csv")
        start = time.perf_counter()
        sent = send_sheet(services, manager, public_id)
        durations[esims].append(time.perf_counter() - start)
        assert not isinstance(sent, NoSuchSheet) and sent.placed == MAX_ROWS, sent

    for _ in range(3):
        send(esims=False)
        send(esims=True)
    lags = asyncio.run(_loop_lag_during(send))
    return [
        (
            "send 1,000 rows on SIM cards: 1,000 orders and their e-mails (SQLite)",
            seconds(durations[False]),
        ),
        (
            "send 1,000 rows, 500 on an eSIM: 1,000 orders, 1,500 e-mails, 500 QR codes (SQLite)",
            seconds(durations[True]),
        ),
        (
            "a page's event loop while a 1,000-row file is read, stored and sent in a worker thread: lateness of a 10 ms timer",
            f"median {statistics.median(lags) * 1e3:.1f} ms, p99 {statistics.quantiles(lags, n=100)[-1] * 1e3:.1f} ms, "
            f"max {max(lags) * 1e3:.1f} ms (n={len(lags)})",
        ),
    ]


async def _loop_lag_during(work: object) -> list[float]:
    """How late a 10 ms timer fires on this event loop while ``work`` runs in a thread, as
    `run.io_bound` runs it for the page (Python's GIL is what the two share)."""
    assert callable(work)
    done = threading.Event()

    def run() -> None:
        try:
            work()
        finally:
            done.set()

    thread = threading.Thread(target=run)
    thread.start()
    lags: list[float] = []
    while not done.is_set():
        start = time.perf_counter()
        await asyncio.sleep(0.010)
        lags.append(time.perf_counter() - start - 0.010)
    thread.join()
    return lags
