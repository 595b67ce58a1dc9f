"""Lighthouse's accessibility score of the main pages, on a phone and a desktop; writes
docs/accessibility.md. Run with `make lighthouse` (it installs the pinned Lighthouse of
tools/lighthouse with `npm ci` first); `.venv/bin/python -m benchmarks.lighthouse order 404`
audits only the pages whose name has one of those words. Not part of `make test` or CI.

The app runs as its own process (`python main.py`, demo mode) on a free port with a fresh
database. Sofie (Nova Logistics) is signed in without the sign-in page: a session is opened
through the use cases and exchanged at /session/start, and Lighthouse sends its cookies with
every request (--extra-headers). Each page is audited in a new headless Chromium.
"""

import dataclasses
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlmodel import Session, select

from domain.orders import PlacedOrder
from storage.db.engine import make_engine
from storage.db.tables import Order
from storage.queries.drafts import DraftState, new_draft_state
from storage.use_cases import (
    Services,
    complete_order,
    discard_draft,
    place_order,
    save_draft,
    start_order,
)
from storage.use_cases.sessions import open_session
from tests.conftest import NOVA
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, manager_of

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
STARTUP_SECONDS = 90  # the app seeds the demo data (Argon2 hashes) before it listens


@dataclass(frozen=True)
class Audited:
    page: str
    path: str
    scores: dict[str, float]  # form factor: score (0 to 100)
    failing: dict[str, list[str]]  # form factor: the audits that failed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(
    base: str, process: subprocess.Popen[bytes], path: str = "/login", poll: float = 0.2
) -> None:
    """Until ``path`` answers 200 (every ``poll`` seconds: finer where start-up is a figure)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{base} exited while starting (code {process.returncode})")
        try:
            if httpx.get(f"{base}{path}", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(poll)
    raise RuntimeError(f"{base} did not answer within {STARTUP_SECONDS} s")


@contextmanager
def running_app(folder: Path) -> Iterator[tuple[str, str]]:
    """The app on a free port, with its database and documents in ``folder``: its address
    and its database URL."""
    port, database_url = free_port(), f"sqlite:///{folder / 'fleet.db'}"
    env = {
        **{name: value for name, value in os.environ.items() if not name.endswith("REDIS_URL")},
        "DATABASE_URL": database_url,
        "DOCUMENTS_DIR": str(folder / "documents"),
        "NICEGUI_STORAGE_PATH": str(folder / "nicegui"),
        "STORAGE_SECRET": "lighthouse",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DEMO": "true",
    }
    env.pop("SMTP_URL", None)
    with (folder / "app.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "main.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process)
        yield base, database_url
    finally:
        process.terminate()
        process.wait(10)


def signed_in_cookies(base: str, services: Services) -> str:
    """A Cookie header of a browser where Sofie has signed in (NiceGUI's and the session's)."""
    ticket = open_session(services, manager_of(services.engine, NOVA))
    with httpx.Client(base_url=base) as browser:
        browser.get("/login").raise_for_status()  # NiceGUI's own cookie: the language
        started = browser.get("/session/start", params={"ticket": ticket, "to": "/"})
        assert started.status_code == 303, started
        return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def lighthouse(
    url: str,
    form_factor: str,
    cookies: str | None,
    report: Path,
    categories: str = "accessibility",
) -> dict[str, object]:
    """Lighthouse's report of ``url``: accessibility only (the load not throttled), or with
    performance too (Lighthouse's own simulated throttling: a mid-range phone on 4G for
    mobile, a desktop on cable)."""
    throttling = [] if "performance" in categories else ["--throttling-method=provided"]
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={categories}",
        f"--chrome-flags={CHROME_FLAGS}",
        *throttling,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--ignore-status-code",  # the not-found page is audited too
        *FORM_FACTORS[form_factor],
    ]
    if cookies:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookies})}")
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=180)
    report_data: dict[str, object] = json.loads(report.read_text())
    shown = str(report_data.get("finalDisplayedUrl", ""))
    assert shown == url, f"Lighthouse audited {shown}, not {url} (signed out?)"
    return report_data


def score_and_failures(report: dict[str, object]) -> tuple[float, list[str]]:
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    category = categories["accessibility"]
    failing = [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") not in (None, 1)
    ]
    return round((category["score"] or 0) * 100), failing


def draft_of(request: object, step: str) -> DraftState:
    return dataclasses.replace(new_draft_state(), request=request, step=step)


def prepare(services: Services, path: str) -> None:
    """The wizard's pages: the first step of a new draft; check your answers of a whole one."""
    manager = manager_of(services.engine, NOVA)
    if path.startswith("/add/request_type"):
        discard_draft(services, manager)
    elif path.startswith("/add/check"):
        discard_draft(services, manager)
        save_draft(services, manager, draft_of(ESIM_TRANSFER, "check"))


def audit_pages(base: str, services: Services, folder: Path, wanted: list[str]) -> list[Audited]:
    reference = placed_reference(services)
    esim, line_id = completed_esim(services)
    cookies = signed_in_cookies(base, services)
    pages = [
        ("Sign-in", "/login", None),
        ("Fleet", "/", cookies),
        ("Wizard: request type", "/add/request_type", cookies),
        ("Wizard: check your answers", "/add/check", cookies),
        ("Confirmation", f"/add/done/{reference}", cookies),
        ("Orders", "/orders", cookies),
        ("An order", f"/orders/{reference}", cookies),
        ("An eSIM order, completed", f"/orders/{esim}", cookies),
        ("A fleet line with its eSIM", f"/lines/{line_id}", cookies),
        ("Mailbox", "/mailbox", cookies),
        ("Page not found (404)", "/no-such-page", cookies),
    ]
    audited = []
    for page, path, cookie in pages:
        if wanted and not any(word.lower() in page.lower() for word in wanted):
            continue
        scores, failing = {}, {}
        for form_factor in FORM_FACTORS:
            prepare(services, path)
            report = lighthouse(f"{base}{path}", form_factor, cookie, folder / "report.json")
            scores[form_factor], failing[form_factor] = score_and_failures(report)
            print(f"{page:30} {path:28} {form_factor:8} {scores[form_factor]:5.0f}", flush=True)
            for failure in failing[form_factor]:
                print(f"    {failure}", flush=True)
        audited.append(Audited(page, path, scores, failing))
    return audited


def placed_reference(services: Services) -> str:
    request = dataclasses.replace(NEW_NUMBER, sim_digits=f"8932{secrets.randbelow(10**9):09d}")
    placed = place_order(services, manager_of(services.engine, NOVA), request, "lighthouse")
    assert isinstance(placed, PlacedOrder), placed
    return placed.reference


def completed_esim(services: Services) -> tuple[str, int]:
    """An eSIM transfer, completed: its order page has the eSIM's card, its line's page too."""
    request = dataclasses.replace(ESIM_TRANSFER, transfer_number="0475 31 41 59")
    placed = place_order(services, manager_of(services.engine, NOVA), request, "lighthouse-esim")
    assert isinstance(placed, PlacedOrder), placed
    start_order(services, placed.reference)
    complete_order(services, placed.reference)
    with Session(services.engine) as session:
        line_id = session.exec(
            select(Order.fleet_line_id).where(Order.reference == placed.reference)
        ).one()
    assert line_id is not None
    return placed.reference, line_id


def lighthouse_version() -> str:
    package = TOOL / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text())["version"])


def write_report(audited: list[Audited]) -> Path:
    rows = [
        f"| {a.page} | `{a.path}` | {a.scores['mobile']:.0f} | {a.scores['desktop']:.0f} |"
        for a in audited
    ]
    failures = [
        f"- {a.page} ({form_factor}): {failure}"
        for a in audited
        for form_factor, failing in a.failing.items()
        for failure in failing
    ]
    out = ROOT / "docs" / "accessibility.md"
    template = (ROOT / "benchmarks" / "accessibility.md.in").read_text()
    out.write_text(
        template.format(
            date=f"{datetime.now(UTC):%Y-%m-%d}",
            version=lighthouse_version(),
            rows="\n".join(rows),
            failures="\n\n" + "\n".join(failures) if failures else "none.",
        )
    )
    return out


def app_services(database_url: str, folder: Path) -> Services:
    """The running app's use cases on its database, to set pages up and sign Sofie in."""
    return Services(
        engine=make_engine(database_url),
        documents_dir=folder / "documents",
        smdp_address="smdp.example.be",
        clock=lambda: datetime.now(UTC),  # the app's sessions expire on its clock
        demo=True,
    )


def main() -> None:
    """Every page, or those whose name contains one of the words given (docs not written)."""
    wanted = sys.argv[1:]
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed: run `npm ci` in {TOOL} (or `make lighthouse`)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with running_app(folder) as (base, database_url):
            services = app_services(database_url, folder)
            audited = audit_pages(base, services, folder, wanted)
            services.engine.dispose()
    if not wanted:  # the document lists every page
        print(f"\nWritten to {write_report(audited).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
