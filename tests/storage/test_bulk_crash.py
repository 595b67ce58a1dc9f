"""Sending a sheet is idempotent per row even when the app dies in the middle: the process is
SIGKILLed inside the transaction of its second hundred orders, and sending again makes each
missing order once, none twice."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.db.tables import Order
from storage.queries.bulk import SheetSummary
from storage.use_cases import Services
from storage.use_cases.bulk import ORDERS_AT_ONCE, NoSuchSheet, send_sheet, upload_sheet
from tests.order_helpers import manager_of

LINES = 250
HEADER = "Request type;Customer number for billing;End user;SIM or eSIM;SIM card number;Plan"
# The child sends the sheet; inside the second transaction it says so and waits to be killed.
CHILD = """
import sys, time
from pathlib import Path
from storage.db.engine import make_engine
from storage.use_cases import orders
from storage.use_cases.bulk import send_sheet
from tests.order_helpers import manager_of, services_for

database, documents, public_id, marker, stop_at = sys.argv[1:6]
engine = make_engine(database)
written = orders.write_order_mails
calls = 0

def write_then_stop(*args, **kwargs):
    global calls
    calls += 1
    if calls == int(stop_at):
        Path(marker).write_text("in the middle")
        time.sleep(120)  # killed here, its transaction open
    return written(*args, **kwargs)

orders.write_order_mails = write_then_stop
send_sheet(services_for(engine, Path(documents)), manager_of(engine), public_id)
"""


def _sheet(services: Services) -> str:
    lines = [f"new;7.10045821;Employee {i};sim;{8932000100000 + i};shape_m" for i in range(LINES)]
    data = "\n".join([HEADER, *lines]).encode()
    sheet = upload_sheet(services, manager_of(services.engine), "lines.csv", data)
    assert isinstance(sheet, SheetSummary) and sheet.ready == LINES
    return sheet.public_id


def _orders(services: Services) -> list[str]:
    with Session(services.engine) as session:
        return list(session.exec(select(Order.submission_key).order_by(col(Order.id))).all())


def _wait_for(path: Path, child: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert child.poll() is None, child.stderr.read() if child.stderr else child.returncode
        assert time.monotonic() < deadline, "the child never reached its second transaction"
        time.sleep(0.05)


def test_a_send_killed_in_the_middle_and_sent_again_makes_every_order_exactly_once(
    services: Services, tmp_path: Path
) -> None:
    public_id = _sheet(services)
    marker = tmp_path / "in-the-middle"
    stop_at = ORDERS_AT_ONCE + 50  # the 150th order: half-way through the second hundred
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(services.engine.url),
            str(services.documents_dir),
            public_id,
            str(marker),
            str(stop_at),
        ],
        cwd=Path(__file__).resolve().parents[2],
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(marker, child, 60)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert len(_orders(services)) == ORDERS_AT_ONCE  # the first hundred committed, no more

    again = send_sheet(services, manager_of(services.engine), public_id)
    assert not isinstance(again, NoSuchSheet)
    assert (again.placed, again.refused, again.summary.sent) == (LINES - ORDERS_AT_ONCE, 0, LINES)
    keys = _orders(services)
    assert len(keys) == LINES == len(set(keys))
    with Session(services.engine) as session:
        sims = session.exec(select(func.count(func.distinct(Order.sim_digits)))).one()
    assert sims == LINES
