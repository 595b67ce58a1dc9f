"""The app beside the framework's floor (benchmarks/floor.py), measured in the same run.

`python -m benchmarks.floor_compare` (part of `make bench`) starts both servers, measures
cold start, page loads, click-to-section latency and server memory per open page, and writes
the section "## Beside the framework's floor" of docs/benchmarks.md (the rest is left alone).
Every figure is the app's value and its ratio to the floor's: the ratio is what compares
across machines and loads, the absolute figures are of this machine at this moment.

Ports 18100-18199 on 127.0.0.1 only. FLOOR_BURSTS="20,200" also measures 200 open pages
(default 20: 200 browser contexts take minutes on a small machine).
"""

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.lighthouse import (
    app_services,
    draft_of,
    placed_reference,
    signed_in_cookies,
    wait_until_ready,
)
from benchmarks.measure import p95, rss_mib, spread
from domain.request import OrderRequest
from storage.use_cases import Services, discard_draft, save_draft
from tests.conftest import NOVA
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, manager_of

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Beside the framework's floor"
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
APP_PORT, FLOOR_PORT = 18101, 18102  # the two servers measured side by side
COLD_PORTS = 18110  # cold starts: 18110-18129, a fresh port each (no TIME_WAIT in the way)
STARTS, LOADS, CLICKS, WARM_CLICKS = 5, 5, 50, 3
SLOW_MS = 50.0

# Resolves with the milliseconds from the next click (captured on the document, before any
# handler) to the moment the section matching `selector` is shown (or hidden), as the DOM says.
ARM = """([selector, wanted]) => {
  window.__benchDone = new Promise((resolve, reject) => {
    let clicked = null;
    const shown = () => {
      const e = document.querySelector(selector);
      return !!e && e.getClientRects().length > 0;
    };
    const check = () => {
      if (clicked === null || shown() !== wanted) return;
      observer.disconnect();
      resolve(performance.now() - clicked);
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {subtree: true, childList: true, attributes: true});
    document.addEventListener('click', () => { clicked = performance.now(); check(); },
                              {capture: true, once: true});
    setTimeout(() => reject(new Error('no change within 10 s')), 10000);
  });
}"""

# The page's largest contentful paint (ms since navigation), from the buffered entries.
LCP = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(null), 3000);
})"""

WIZARD_READY = '[data-step-heading="sim_and_billing"]'
H1 = '[role=heading][aria-level="1"]'  # the kit's headings (ui/kit.py)
CONNECTED = "() => window.did_handshake === true && window.socket && window.socket.connected"


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    base: str
    started_in: float  # seconds from the process's start to its first 200


@dataclass(frozen=True)
class Row:
    measure: str
    floor: str
    app: str
    ratio: str


def server_env(kind: str, folder: Path, port: int) -> dict[str, str]:
    """The app's environment as benchmarks/lighthouse.py gives it; the floor needs a port."""
    env = {k: v for k, v in os.environ.items() if not k.endswith(("REDIS_URL", "SMTP_URL"))}
    env |= {"PORT": str(port), "HOST": "127.0.0.1"}
    if kind == "app":
        env |= {
            "DATABASE_URL": f"sqlite:///{folder / 'fleet.db'}",
            "DOCUMENTS_DIR": str(folder / "documents"),
            "NICEGUI_STORAGE_PATH": str(folder / "nicegui"),
            "STORAGE_SECRET": "floor-compare",
            "DEMO": "true",
        }
    return env


@contextmanager
def serving(kind: str, folder: Path, port: int) -> Iterator[Server]:
    """The app (`python main.py`) or the floor (`python -m benchmarks.floor`) on ``port``."""
    command = (
        [sys.executable, "main.py"] if kind == "app" else [sys.executable, "-m", "benchmarks.floor"]
    )
    base = f"http://127.0.0.1:{port}"
    with (folder / f"{kind}-{port}.log").open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env(kind, folder, port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        try:
            # fine polling: the start-up time is a figure
            wait_until_ready(base, process, "/login" if kind == "app" else "/", poll=0.02)
        except RuntimeError as error:  # say why: the server's last words
            tail = (folder / f"{kind}-{port}.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{error}\n{tail}") from error
        yield Server(process, base, time.perf_counter() - started)
    finally:
        process.terminate()
        process.wait(15)


def cold_starts(folder: Path) -> dict[str, list[float]]:
    """Process start to the first 200 of the page, alternating app and floor. The first start
    of each is a warm-up (the app's seeds its database; both fill the OS's file cache)."""
    times: dict[str, list[float]] = {"app": [], "floor": []}
    for run in range(STARTS + 1):
        for kind in ("app", "floor"):
            port = COLD_PORTS + 2 * run + (kind == "floor")
            with serving(kind, folder, port) as server:
                if run:
                    times[kind].append(server.started_in)
    return times


def cookie_list(header: str, base: str) -> list[dict[str, str]]:
    """Playwright's cookies from a Cookie header (lighthouse.signed_in_cookies's)."""
    pairs = (part.split("=", 1) for part in header.split("; ") if "=" in part)
    return [{"name": name, "value": value, "url": base} for name, value in pairs]


@dataclass
class Site:
    """One server as the browser sees it: where it is, and how a new visitor gets in."""

    server: Server
    cookies: Callable[[], str] | None  # a signed-in session's Cookie header, if one is needed

    def context(self, browser: Browser) -> BrowserContext:
        context = browser.new_context()
        if self.cookies is not None:
            context.add_cookies(cookie_list(self.cookies(), self.server.base))  # type: ignore[arg-type]
        return context


def open_page(site: Site, context: BrowserContext, path: str, ready: str) -> Page:
    """``path`` opened and connected, with ``ready`` shown (not sent back to sign in)."""
    page = context.new_page()
    page.goto(f"{site.server.base}{path}", wait_until="load")
    page.wait_for_function(CONNECTED)
    page.locator(ready).first.wait_for(state="visible")
    assert path == "/login" or "/login" not in page.url, f"{path}: sent to sign in"
    return page


def load_sample(browser: Browser, site: Site, path: str, ready: str) -> tuple[float, float, float]:
    """LCP (ms), bytes on the wire (KiB) and requests of one load in a fresh context."""
    context = site.context(browser)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    wire = {"bytes": 0.0, "requests": 0.0}

    def finished(event: dict[str, float]) -> None:
        wire["bytes"] += event["encodedDataLength"]

    def sent(_event: object) -> None:
        wire["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestWillBeSent", sent)
    cdp.send("Network.enable")
    page.goto(f"{site.server.base}{path}", wait_until="load")
    page.wait_for_function(CONNECTED)
    page.locator(ready).first.wait_for(state="visible")
    assert path == "/login" or "/login" not in page.url, f"{path}: sent to sign in"
    page.wait_for_timeout(500)  # late paints and requests belong to the load
    lcp = page.evaluate(LCP)
    context.close()
    return float(lcp if lcp is not None else "nan"), wire["bytes"] / 1024, wire["requests"]


def loads(
    browser: Browser, site: Site, path: str, ready: str, before: Callable[[], None]
) -> list[tuple[float, float, float]]:
    load_sample(browser, site, path, ready)  # warm-up: the server's first build of the page
    samples = []
    for _ in range(LOADS):
        before()
        samples.append(load_sample(browser, site, path, ready))
    return samples


def clicks(page: Page, show: Locator, hide: Locator, section: str) -> dict[str, list[float]]:
    """Milliseconds from a click to the section shown, and hidden again, CLICKS times each."""
    times: dict[str, list[float]] = {"show": [], "hide": []}
    for run in range(WARM_CLICKS + CLICKS):
        for way, target in (("show", show), ("hide", hide)):
            page.evaluate(ARM, [section, way == "show"])
            target.click()
            took = float(page.evaluate("() => window.__benchDone"))
            if run >= WARM_CLICKS:
                times[way].append(took)
            page.wait_for_timeout(30)  # let the server finish the answer's work (draft saved)
    return times


def click_figure(samples: list[float]) -> str:
    slow = sum(1 for s in samples if s > SLOW_MS)
    return f"{spread(samples, 'ms', 1)}; p95 {p95(samples):.1f} ms; {slow} over {SLOW_MS:.0f} ms"


def ratio(app: float, floor: float) -> str:
    return f"×{app / floor:.2f}" if floor else "–"


def sampled_row(measure: str, floor: list[float], app: list[float], unit: str) -> Row:
    return Row(
        measure,
        spread(floor, unit, 1),
        spread(app, unit, 1),
        ratio(statistics.median(app), statistics.median(floor)),
    )


def burst(browser: Browser, site: Site, path: str, ready: str, count: int) -> list[float]:
    """RSS (MiB): before, with ``count`` pages open, just after they close, ~12 s later; and
    how many opened (it stops at the first page not shown within Playwright's 30 s)."""
    pid = site.server.process.pid
    before = rss_mib(pid)
    contexts = []
    for _ in range(count):
        context = site.context(browser)
        try:
            open_page(site, context, path, ready)
        except PlaywrightTimeout:  # a server this slow is a finding, not a failed run
            context.close()
            break
        contexts.append(context)
    time.sleep(1)  # the server settles before its memory is read
    loaded = rss_mib(pid)
    for context in contexts:
        context.close()
    time.sleep(0.5)
    closed = rss_mib(pid)
    time.sleep(12)  # a closed page is deleted after the reconnect timeout (the app's: 10 s)
    return [before, loaded, closed, rss_mib(pid), float(len(contexts))]


def memory_rows(browser: Browser, floor: Site, app: Site, count: int) -> list[Row]:
    """Two bursts of ``count`` open pages on each server, one after the other."""
    measured: dict[str, list[list[float]]] = {"floor": [], "app": []}
    for _ in range(2):
        measured["floor"].append(burst(browser, floor, "/", "[data-testid=ready]", count))
        measured["app"].append(burst(browser, app, "/add", WIZARD_READY, count))
    f1, f2 = measured["floor"]
    a1, a2 = measured["app"]

    def per_page(b: list[float]) -> float:
        return (b[1] - b[0]) / max(b[4], 1) * 1024

    def row(measure: str, f: float, a: float, unit: str, compared: bool = True) -> Row:
        # A growth near zero makes no ratio worth reading: only the two figures are shown.
        return Row(measure, f"{f:.0f} {unit}", f"{a:.0f} {unit}", ratio(a, f) if compared else "–")

    n = count
    opened = Row(
        f"pages shown within 30 s, of {n} (first burst, second)",
        f"{f1[4]:.0f}, {f2[4]:.0f}",
        f"{a1[4]:.0f}, {a2[4]:.0f}",
        "–",
    )
    return [
        opened,
        row(f"server RSS before the first {n} pages", f1[0], a1[0], "MiB"),
        row(f"RSS per open page ({n} open, wizard for the app)", per_page(f1), per_page(a1), "KiB"),
        row(f"RSS with {n} pages open", f1[1], a1[1], "MiB"),
        row(f"RSS just after the {n} pages close", f1[2], a1[2], "MiB"),
        row("RSS ~12 s after they close", f1[3], a1[3], "MiB"),
        row(f"second burst of {n}: RSS per open page", per_page(f2), per_page(a2), "KiB", False),
        row(
            f"second burst of {n}: peak above the first's",
            f2[1] - f1[1],
            a2[1] - a1[1],
            "MiB",
            False,
        ),
        row(f"second burst of {n}: RSS ~12 s after it closes", f2[3], a2[3], "MiB"),
    ]


def wizard_at(services: Services, step: str, request: OrderRequest) -> Callable[[], None]:
    """Puts Sofie's draft at ``step`` (with ``request``'s answers): /add opens there."""

    def prepare() -> None:
        manager = manager_of(services.engine, NOVA)
        discard_draft(services, manager)
        save_draft(services, manager, draft_of(request, step))

    return prepare


def nothing() -> None:
    pass


def load_rows(browser: Browser, floor: Site, app: Site, services: Services) -> list[Row]:
    reference = placed_reference(services)
    visitor = Site(app.server, None)
    pages: list[tuple[str, Site, str, str, Callable[[], None]]] = [
        ("sign-in /login", visitor, "/login", "input", nothing),
        ("fleet /", app, "/", H1, nothing),
        (
            "wizard /add (draft at SIM and billing)",
            app,
            "/add",
            WIZARD_READY,
            wizard_at(services, "sim_and_billing", NEW_NUMBER),
        ),
        ("orders /orders", app, "/orders", H1, nothing),
        ("an order /orders/<reference>", app, f"/orders/{reference}", H1, nothing),
    ]
    base = loads(browser, floor, "/", "[data-testid=ready]", nothing)
    rows = []
    for name, site, path, ready, before in pages:
        print(f"loading {path}", flush=True)
        before()
        measured = loads(browser, site, path, ready, before)
        for i, (figure, unit) in enumerate(
            (("LCP", "ms"), ("bytes on the wire", "KiB"), ("requests", "req"))
        ):
            rows.append(
                sampled_row(
                    f"{figure}, {name}", [s[i] for s in base], [s[i] for s in measured], unit
                )
            )
    return rows


@dataclass(frozen=True)
class Toggle:
    """A conditional section: what shows it, what hides it, and the page it is on."""

    name: str
    show: str  # the control's role and accessible name, as "radio:eSIM"
    hide: str
    floor_section: str
    app_step: str
    app_request: OrderRequest
    app_show: str
    app_hide: str
    app_anchor: str  # an element inside the app's section (its column is the section)


def control(page: Page, spec: str) -> Locator:
    role, name = spec.split(":", 1)
    return page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]


# The app's sections are Sections.when columns (ui/wizard/sections.py); the measurement marks
# the one around the anchor, in the page only: the app is measured unchanged.
TAG_SECTION = """(anchor) => {
  const inside = document.querySelector(anchor);
  const section = inside && inside.closest('.pl-4.border-l-4');
  if (!section) throw new Error('no section around ' + anchor);
  section.setAttribute('data-bench-section', '');
}"""

TOGGLES = (
    Toggle(
        "transfer",
        "radio:Transfer a number",
        "radio:A new number",
        "[data-testid=transfer-section]",
        "request_type",
        NEW_NUMBER,
        "radio:Transfer an existing number",
        "radio:A new number",
        ".q-stepper .pl-4.border-l-4 > *",
    ),
    Toggle(
        "eSIM",
        "radio:eSIM",
        "radio:SIM card",
        "[data-testid=esim-section]",
        "sim_and_billing",
        NEW_NUMBER,
        "radio:eSIM",
        "radio:SIM card",
        '.q-stepper input[type="email"]',
    ),
    Toggle(
        "Invoice Split",
        "checkbox:Invoice Split",
        "checkbox:Invoice Split",
        "[data-testid=invoice-split-section]",
        "invoice_split",
        ESIM_TRANSFER,
        "checkbox:Split the bill between the company and the employee (Invoice Split)",
        "checkbox:Split the bill between the company and the employee (Invoice Split)",
        ".q-stepper .pl-4.border-l-4 > *",
    ),
)


def toggle_times(
    browser: Browser, floor: Site, app: Site, services: Services, toggle: Toggle
) -> dict[str, dict[str, list[float]]]:
    context = floor.context(browser)
    page = open_page(floor, context, "/", "[data-testid=ready]")
    measured = {
        "floor": clicks(
            page, control(page, toggle.show), control(page, toggle.hide), toggle.floor_section
        )
    }
    context.close()
    wizard_at(services, toggle.app_step, toggle.app_request)()
    context = app.context(browser)
    page = open_page(app, context, "/add", f'[data-step-heading="{toggle.app_step}"]')
    page.evaluate(TAG_SECTION, toggle.app_anchor)
    measured["app"] = clicks(
        page, control(page, toggle.app_show), control(page, toggle.app_hide), "[data-bench-section]"
    )
    context.close()
    return measured


def click_rows(browser: Browser, floor: Site, app: Site, services: Services) -> list[Row]:
    rows = []
    for toggle in TOGGLES:
        print(f"clicking {toggle.name}", flush=True)
        measured = toggle_times(browser, floor, app, services, toggle)
        for way in ("show", "hide"):
            f, a = measured["floor"][way], measured["app"][way]
            rows.append(
                Row(
                    f"click → {toggle.name} section {'shown' if way == 'show' else 'hidden'}",
                    click_figure(f),
                    click_figure(a),
                    f"×{statistics.median(a) / statistics.median(f):.2f} (p95 ×{p95(a) / p95(f):.2f})",
                )
            )
    return rows


def start_rows(starts: dict[str, list[float]]) -> list[Row]:
    return [
        sampled_row(
            "cold start → first 200 (app /login, floor /)", starts["floor"], starts["app"], "s"
        )
    ]


def bursts() -> list[int]:
    return [int(n) for n in os.environ.get("FLOOR_BURSTS", "20").split(",") if n.strip()]


def measure_all(folder: Path) -> tuple[list[Row], str]:
    """Every row, and the browser's version."""
    starts = cold_starts(folder)
    rows = start_rows(starts)
    with (
        serving("app", folder, APP_PORT) as app_server,
        serving("floor", folder, FLOOR_PORT) as floor_server,
        sync_playwright() as playwright,
    ):
        services = app_services(f"sqlite:///{folder / 'fleet.db'}", folder)
        cookies = lambda: signed_in_cookies(app_server.base, services)  # noqa: E731
        app, floor = Site(app_server, cookies), Site(floor_server, None)
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            rows += load_rows(browser, floor, app, services)
            rows += click_rows(browser, floor, app, services)
            wizard_at(services, "sim_and_billing", NEW_NUMBER)()
            for count in bursts():
                print(f"memory, {count} pages", flush=True)
                rows += memory_rows(browser, floor, app, count)
            version = browser.version
        finally:
            browser.close()
            services.engine.dispose()
    return rows, version


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return (
        f"{cpu.group(1) if cpu else platform.processor()}, {os.cpu_count()} cores, "
        f"{int(memory.group(1)) / 1024**2 if memory else float('nan'):.0f} GiB, {platform.system()} {platform.release()}"
    )


def section(rows: list[Row], browser: str, took: float, loads_seen: list[float]) -> str:
    import nicegui

    lines = [
        HEADING,
        "",
        f"Measured by `{command()}` (part of `make bench`) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC in {took / 60:.1f} min: {machine()}; "
        f"Python {platform.python_version()}, NiceGUI {nicegui.__version__}, headless Chromium {browser}. "
        f"Load average {loads_seen[0]:.1f} at the start, {loads_seen[1]:.1f} at the end: the figures "
        "vary with the machine's load, the ratios much less.",
        "",
        "The floor is benchmarks/floor.py: a bare NiceGUI page with the wizard's three conditional "
        "sections, NiceGUI's defaults (Tailwind compiled in the browser; the app serves its CSS "
        "compiled). Both servers run side by side in the same run. Samples: "
        "median (p10, p90, sd, n); ratio = app's median / floor's median. Page loads are in a fresh "
        "browser context each (cold cache); bytes are what came over the network "
        "(CDP encodedDataLength), the websocket's messages not counted. A click is timed in the page, "
        "from a capturing click listener to the MutationObserver that sees the section shown or hidden.",
        "",
        "| measure | floor | app | ratio |",
        "|---|---|---|---|",
        *(f"| {r.measure} | {r.floor} | {r.app} | {r.ratio} |" for r in rows),
        "",
    ]
    return "\n".join(lines)


def command() -> str:
    sizes = os.environ.get("FLOOR_BURSTS")
    return f"{f'FLOOR_BURSTS={sizes} ' if sizes else ''}python -m benchmarks.floor_compare"


def write_section(text: str, heading: str = HEADING) -> None:
    """Replace the section under ``heading`` of docs/benchmarks.md (benchmarks/run.py writes
    the top, each other benchmark its section)."""
    old = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    start = old.find(heading)
    if start >= 0:
        after = old.find("\n## ", start + len(heading))
        old = old[:start] + (old[after + 1 :] if after >= 0 else "")
    DOC.write_text(old.rstrip("\n") + "\n\n" + text)


def main() -> None:
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        rows, browser = measure_all(Path(tmp))
    text = section(rows, browser, time.perf_counter() - started, [load_before, os.getloadavg()[0]])
    write_section(text)
    print(text)


if __name__ == "__main__":
    main()
