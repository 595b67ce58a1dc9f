"""Concurrent users: N people, each with their own account and their own NiceGUI page over the
websocket as a browser has it (benchmarks/browserless.py), sign in and complete the wizard
(a new number on a SIM card) with a person's pauses, all on one app process.

`python -m benchmarks.crowd` (part of `make bench`) writes the section "## Concurrent users"
of docs/benchmarks.md. CROWD="50,200,500" (the default) says how many people, one run each,
on a fresh database. The people arrive ARRIVALS_PER_S a second; each waits 1-3 s between
actions (seeded), types the SIM card number in three goes. Port 18140 on 127.0.0.1 only.

Not locust: its users are gevent greenlets with their own socket.io framing to write, while
python-socketio (the protocol's own library, NiceGUI's server side) gives an asyncio client;
the load is bounded in count (N) and time (STEP_TIMEOUT per step, RUN_TIMEOUT per run).
"""

import asyncio
import os
import random
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlmodel import Session, func, select

from benchmarks.browserless import PageGone, Tab
from benchmarks.floor_compare import machine, serving, write_section
from benchmarks.measure import rss_mib
from storage.db.engine import make_engine
from storage.db.seed import seed_crowd
from storage.db.tables import Order

HEADING = "## Concurrent users"
# Plain HTTP on loopback; httpx would load the CA certificates for each person (a third of
# the load generator's time, py-spy said), so they share one context.
NO_TLS = ssl.create_default_context()
PORT = 18140
PASSWORD = "Crowd-bench-2026"
ARRIVALS_PER_S = 5.0
PAUSE_S = (1.0, 3.0)
STEP_TIMEOUT, RUN_TIMEOUT = 60.0, 600.0
STEPS = (  # the wizard's Continue buttons, in the order a new number on a SIM meets them
    ("request_type", "sim_and_billing"),
    ("sim_and_billing", "plan_and_options"),
    ("plan_and_options", "invoice_split"),
    ("invoice_split", "check"),
)


@dataclass
class Crowd:
    """What the people met, together."""

    steps: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    done: int = 0
    reconnects: int = 0
    own_lags: list[float] = field(default_factory=list)  # the load generator's loop


@dataclass
class Person:
    number: int
    email: str
    base: str
    crowd: Crowd
    rng: random.Random

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(*PAUSE_S))

    def timed(self, step: str, started: float) -> None:
        self.crowd.steps[step].append(time.perf_counter() - started)

    async def open(self, http: httpx.AsyncClient, path: str, step: str) -> Tab:
        started = time.perf_counter()
        tab = Tab(self.base, http)
        await tab.open(path)
        self.timed(step, started)
        self.crowd.steps[f"{step}: the GET"].append(tab.got_in)
        return tab

    async def sign_in(self, http: httpx.AsyncClient) -> str:
        tab = await self.open(http, "/login", "open the sign-in page")
        try:
            await self.pause()
            await tab.type(tab.with_prop("type", "email"), self.email)
            await tab.type(tab.with_prop("type", "password"), PASSWORD)
            started = time.perf_counter()
            await tab.click(tab.labelled("Se connecter"))  # a new visitor's page is in French
            address = await tab.next_address(STEP_TIMEOUT)
            self.timed("sign in (Argon2 check)", started)
            return address
        finally:
            self.crowd.reconnects += tab.reconnects
            await tab.close()

    async def answer_first_steps(self, tab: Tab) -> None:
        await tab.emit(tab.options_of("A new number"), "update:modelValue", 0)
        await self.next_step(tab, *STEPS[0])
        customer = tab.options_of("7.10045821")
        await tab.emit(customer, "update:modelValue", tab.option(customer, 0))
        await tab.emit(tab.options_of("SIM card"), "update:modelValue", 0)
        await self.pause()
        sim = f"89327{self.number:08d}"
        for end in (4, 9, 13):  # typed in three goes: the draft is saved while it is typed
            await tab.type(tab.with_prop("data-keep", "sim_digits"), sim[:end])
            await asyncio.sleep(0.3)
        await tab.type(tab.with_prop("data-keep", "end_user_name"), f"Crowd {self.number}")
        await self.next_step(tab, *STEPS[1])

    async def answer_last_steps(self, tab: Tab) -> str:
        plan = tab.options_of("Shape Medium")
        await tab.emit(plan, "update:modelValue", tab.option(plan, 1))
        await self.next_step(tab, *STEPS[2])
        await self.next_step(tab, *STEPS[3])
        started = time.perf_counter()
        await tab.until(lambda t: t.has_label("Send the request"), STEP_TIMEOUT)
        await tab.click(tab.labelled("Send the request"))
        address = await tab.next_address(STEP_TIMEOUT)
        self.timed("send the request", started)
        return address

    async def next_step(self, tab: Tab, step: str, following: str) -> None:
        await self.pause()
        started = time.perf_counter()
        await tab.click(tab.in_step(step, "Continue"))
        await tab.until(lambda t: t.stepper_at() == following, STEP_TIMEOUT)
        self.timed(f"Continue from {step}", started)

    async def complete(self) -> None:
        async with httpx.AsyncClient(
            base_url=self.base, follow_redirects=True, timeout=STEP_TIMEOUT, verify=NO_TLS
        ) as http:
            fleet = await self.open(http, await self.sign_in(http), "open the fleet page")
            await self.pause()
            await fleet.close()
            wizard = await self.open(http, "/add", "open the wizard")
            try:
                await self.answer_first_steps(wizard)
                done = await self.answer_last_steps(wizard)
            finally:
                self.crowd.reconnects += wizard.reconnects
                await wizard.close()
            confirmation = await self.open(http, done, "open the confirmation")
            await confirmation.close()
        self.crowd.done += 1


async def person(number: int, email: str, base: str, crowd: Crowd) -> None:
    try:
        await Person(number, email, base, crowd, random.Random(number)).complete()
    except PageGone:
        crowd.errors["page dropped by the server"] += 1
    except TimeoutError:
        crowd.errors[f"no answer within {STEP_TIMEOUT:.0f} s"] += 1
    except Exception as error:  # counted and named: the run goes on for the others
        if not crowd.errors:
            traceback.print_exc()  # the first one whole, to see why
        crowd.errors[type(error).__name__] += 1


async def probe(base: str, lags: list[float], stop: asyncio.Event) -> None:
    """The server's event loop, as a page feels it: /healthz answered, every 0.25 s."""
    async with httpx.AsyncClient(base_url=base, timeout=STEP_TIMEOUT) as http:
        while not stop.is_set():
            started = time.perf_counter()
            await http.get("/healthz")
            lags.append(time.perf_counter() - started)
            await asyncio.sleep(0.25)


async def own_lag(lags: list[float], stop: asyncio.Event) -> None:
    """The load generator's own event loop: how late a 0.1 s sleep wakes (if it is late,
    every step it times is too, and the server is not to blame)."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.1)
        lags.append(time.perf_counter() - started - 0.1)


def machine_busy() -> tuple[float, float]:
    """The machine's busy and total CPU time so far (all cores, in clock ticks)."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return sum(ticks) - idle, sum(ticks)


@dataclass
class Server:
    machine_busy: float = 0.0  # of all the machine's cores, during the run
    generator_s: float = 0.0  # CPU seconds of the load generator (this process)
    cpu_s: float = 0.0  # user + system seconds the server process used during the run
    peak_mib: float = 0.0
    end_mib: float = 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def watch(pid: int, server: Server, stop: asyncio.Event) -> None:
    while not stop.is_set():
        server.peak_mib = max(server.peak_mib, rss_mib(pid))
        await asyncio.sleep(0.5)


async def crowd_run(
    base: str, pid: int, emails: list[str]
) -> tuple[Crowd, Server, list[float], float]:
    crowd, server, lags, stop = Crowd(), Server(), [], asyncio.Event()
    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    busy_before, own_before = machine_busy(), time.process_time()
    side = [
        asyncio.create_task(probe(base, lags, stop)),
        asyncio.create_task(watch(pid, server, stop)),
        asyncio.create_task(own_lag(crowd.own_lags, stop)),
    ]
    people = []
    for number, email in enumerate(emails, start=1):
        people.append(asyncio.create_task(person(number, email, base, crowd)))
        await asyncio.sleep(1 / ARRIVALS_PER_S)
    await asyncio.wait(people, timeout=RUN_TIMEOUT)
    took = time.perf_counter() - started
    stop.set()
    await asyncio.gather(*side)
    server.cpu_s, server.end_mib = cpu_seconds(pid) - cpu_before, rss_mib(pid)
    busy_after = machine_busy()
    server.machine_busy = (busy_after[0] - busy_before[0]) / (busy_after[1] - busy_before[1])
    server.generator_s = time.process_time() - own_before
    return crowd, server, lags, took


def orders_placed(folder: Path) -> int:
    engine = make_engine(f"sqlite:///{folder / 'fleet.db'}")
    try:
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(Order)).one()
    finally:
        engine.dispose()


@contextmanager
def profiled(pid: int, into: Path | None) -> Iterator[None]:
    """py-spy samples the server meanwhile (its stacks, collapsed, into ``into``)."""
    if into is None:
        yield
        return
    spy = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(pid),
            "--rate",
            "50",
            "--nonblocking",
            "--format",
            "raw",
            "--output",
            str(into),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(60)


def one_run(count: int, profile: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with serving("app", folder, PORT + count % 50) as app:
            engine = make_engine(f"sqlite:///{folder / 'fleet.db'}")
            emails = seed_crowd(engine, count, PASSWORD)
            engine.dispose()
            before = orders_placed(folder)
            with profiled(app.process.pid, profile):
                crowd, server, lags, took = asyncio.run(
                    crowd_run(app.base, app.process.pid, emails)
                )
            placed = orders_placed(folder) - before
    return {
        "count": count,
        "crowd": crowd,
        "server": server,
        "lags": lags,
        "took": took,
        "placed": placed,
    }


def p(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


SIGN_IN = "sign in (Argon2 check)"


def run_row(run: dict[str, object]) -> str:
    crowd, server, lags = run["crowd"], run["server"], run["lags"]
    assert isinstance(crowd, Crowd) and isinstance(server, Server) and isinstance(lags, list)
    took = float(str(run["took"]))
    others = {step: times for step, times in crowd.steps.items() if step != SIGN_IN}
    slowest = max(others, key=lambda step: p(others[step], 95)) if others else "–"
    every = [t for times in others.values() for t in times]
    errors = ", ".join(f"{n} {why}" for why, n in crowd.errors.items()) or "0"
    return (
        f"| {run['count']} | {crowd.done} | {run['placed']} | {errors} | {crowd.reconnects} "
        f"| {ms(p(crowd.steps[SIGN_IN], 50))} / {ms(p(crowd.steps[SIGN_IN], 95))} "
        f"| {ms(p(every, 50))} / {ms(p(every, 95))} "
        f"| {ms(p(others.get(slowest, []), 95))} ({slowest}) "
        f"| {ms(p(lags, 95))} / {ms(max(lags, default=float('nan')))} "
        f"| {ms(p(crowd.own_lags, 95))} / {ms(max(crowd.own_lags, default=float('nan')))} "
        f"| {server.cpu_s / took * 100:.0f} % | {server.generator_s / took * 100:.0f} % "
        f"| {server.machine_busy * 100:.0f} % | {server.peak_mib:.0f} MiB | {took:.0f} s |"
    )


def step_rows(run: dict[str, object]) -> list[str]:
    crowd = run["crowd"]
    assert isinstance(crowd, Crowd)
    return [
        f"| {step} | {len(times)} | {ms(p(times, 50))} | {ms(p(times, 95))} | {ms(max(times))} |"
        for step, times in crowd.steps.items()
    ]


def section(runs: list[dict[str, object]]) -> str:
    largest = runs[-1]
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured by `python -m benchmarks.crowd` (part of `make bench`) on "
            f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: {machine()}. One app process "
            "(SQLite), the people's load generator on the same cores. Each person has an account, "
            "opens the sign-in page, signs in, opens the fleet and the wizard, answers a new "
            f"number on a SIM card and sends it, pausing {PAUSE_S[0]:.0f}-{PAUSE_S[1]:.0f} s "
            f"between actions; {ARRIVALS_PER_S:.0f} people arrive a second. A step is timed from "
            "the event sent (or the GET) to the page's answer over the socket (the next step "
            "shown, the address sent to) or the socket connected.",
            "",
            "| people | completed | orders placed | errors | socket reconnects | sign-in p50 / p95 "
            "| other steps p50 / p95 | slowest other step, p95 | /healthz answered p95 / max "
            "| load generator's loop late, p95 / max | server CPU (of one core) "
            "| load generator CPU (of one core) | machine busy (both cores) "
            "| server RSS, peak | run |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            *(run_row(run) for run in runs),
            "",
            f"Each step with {largest['count']} people:",
            "",
            "| step | n | p50 | p95 | max |",
            "|---|---|---|---|---|",
            *step_rows(largest),
            "",
        ]
    )


def main() -> None:
    counts = [int(n) for n in os.environ.get("CROWD", "50,200,500").split(",") if n.strip()]
    runs = []
    for count in counts:
        print(f"{count} people", flush=True)
        runs.append(one_run(count))
        print(run_row(runs[-1]), flush=True)
    text = section(runs)
    write_section(text, HEADING)
    print(text)


if __name__ == "__main__":
    main()
