"""Real-browser tests: the app runs as its own process (`python main.py`) on a free port with a
fresh database, and Debian's Chromium, driven by Playwright, uses it as a person would.

Each xdist worker starts one app for its browser tests; every test gets its own Chromium (no
cookies: a new visitor) and starts with no wizard draft in the database.
Without Chromium the tests fail under CI=true and are skipped, loudly, elsewhere.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import delete
from sqlalchemy.engine import Engine

from storage.db.engine import make_engine
from storage.db.tables import Draft

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 90  # the app seeds the demo data (Argon2 hashes) before it listens
VIEWPORT = {"width": 1280, "height": 900}
NO_CHROMIUM = (
    "Chromium is not installed, so the real-browser tests (end-to-end, axe-core accessibility, "
    "keyboard-only) did NOT run. Install it with `apt-get install -y chromium` (.ci/run does)."
)

# Playwright's auto-waiting assertions: generous, as CI runs the other tests alongside.
expect.set_options(timeout=15_000)


@dataclass(frozen=True)
class RunningApp:
    url: str
    database_url: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(
                f"The app process died (exit code {self.process.returncode}). Its log:\n"
                + self.log_text(),
                pytrace=False,
            )


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium (never a browser that Playwright would download)."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(NO_CHROMIUM, pytrace=False)
        warnings.warn(NO_CHROMIUM, stacklevel=1)
        print(f"\n{'!' * 100}\n{NO_CHROMIUM}\n{'!' * 100}", file=sys.stderr)
        pytest.skip(NO_CHROMIUM)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the sign-in page until it answers, failing at once if the process ends."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"The app exited while starting (code {process.returncode}). Its log:\n"
                + log.read_text(errors="replace"),
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval, not a guess at how long the start takes
    pytest.fail(
        f"The app did not answer within {STARTUP_SECONDS} s. Its log:\n"
        + log.read_text(errors="replace"),
        pytrace=False,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the app's whole process group: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def launch_app(
    data: Path, database_url: str, port: int, log: Path, extra_env: dict[str, str] | None = None
) -> RunningApp:
    """Start the real app (python main.py) on ``port``, with ``database_url`` and its own
    documents and NiceGUI storage under ``data``, its output in ``log``; return once it
    answers (a crash test starts it again on the same port and data)."""
    env = {
        # Not pytest's variables: NiceGUI takes PYTEST_CURRENT_TEST as "run by the user fixture".
        **{name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")},
        "DATABASE_URL": database_url,
        "DOCUMENTS_DIR": str(data / "documents"),
        "STORAGE_SECRET": "browser tests",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DEMO": "true",
        "NICEGUI_STORAGE_PATH": str(data / "nicegui"),  # not the work tree's .nicegui/
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("SMTP_URL", "REDIS_URL", "NICEGUI_REDIS_URL"):
        env.pop(name, None)
    env |= extra_env or {}  # several instances: REDIS_URL
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "main.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended as a whole
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, process, log)
    except BaseException:
        stop(process)
        raise
    return RunningApp(url, database_url, log, process)


@contextmanager
def running_app(data: Path, database_url: str) -> Iterator[RunningApp]:
    """The real app (python main.py) on a free port, with ``database_url`` and its own
    documents and NiceGUI storage under ``data``; stopped at the end."""
    running = launch_app(data, database_url, free_port(), data / "app.log")
    try:
        yield running
        running.check_alive()
    finally:
        stop(running.process)


@pytest.fixture(scope="session")
def app(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The real app on a free port, with its own database, documents and NiceGUI storage."""
    data = tmp_path_factory.mktemp("app")
    with running_app(data, f"sqlite:///{data / 'fleet.db'}") as running:
        yield running


@pytest.fixture(scope="session")
def app_engine(app: RunningApp) -> Iterator[Engine]:
    """The app's database, for setting up a test and reading what the app stored."""
    engine = make_engine(app.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def browser(chromium: str) -> Iterator[Browser]:
    """Chromium for one test. Not for the session: Playwright's sync API keeps an event loop
    running while it is open, and the async tests that xdist gives the same worker need theirs."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _trace(started: float, what: str) -> None:
    print(f"[{time.monotonic() - started:7.3f} s] {what}")


@pytest.fixture
def page(app: RunningApp, app_engine: Engine, browser: Browser) -> Iterator[Page]:
    """A new visitor's tab, on an app with no wizard draft; fails on a server or page error."""
    with app_engine.begin() as connection:  # tests do not depend on each other's drafts
        connection.execute(delete(Draft))
    log_start = app.log.stat().st_size
    context = browser.new_context(viewport=VIEWPORT, base_url=app.url)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    # Shown by pytest only when the test fails: what the page did, to tell a lost click from a
    # reload (NiceGUI logs why it reloads) or a redirect.
    started = time.monotonic()
    page.on("console", lambda message: _trace(started, f"console {message.type}: {message.text}"))
    page.on("framenavigated", lambda frame: _trace(started, f"navigated to {frame.url}"))
    page.on(
        "request",
        lambda request: (
            request.is_navigation_request() and _trace(started, f"{request.method} {request.url}")
        ),
    )
    yield page
    context.close()
    app.check_alive()
    with app.log.open("rb") as log:
        log.seek(log_start)
        new_log = log.read().decode(errors="replace")
    print(f"The app's log during the test:\n{new_log}")
    assert "Traceback" not in new_log, f"The app logged an error during the test:\n{new_log}"
    assert page_errors == [], f"JavaScript errors in the page: {page_errors}"
