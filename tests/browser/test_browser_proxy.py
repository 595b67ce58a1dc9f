"""Two instances of the app on PostgreSQL and Redis behind nginx (deploy/nginx.conf, as
committed): in a real browser through the proxy, the fleet manager signs in and starts a
draft; the instance serving them is stopped (SIGTERM), then the other is killed (SIGKILL),
and each time the page carries on at the instance left, with every answer kept."""

import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from string import Template

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ROOT, VIEWPORT, RunningApp, free_port, launch_app, stop
from tests.browser.steps import choose, continue_to, open_wizard, sign_in
from tests.conftest import NOVA
from tests.postgres import seeded_schema

REDIS = "redis://127.0.0.1:6379/7"  # a database of its own on the machine's Redis


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
        apps = [
            launch_app(tmp_path / f"app{i}", database, ports[i], tmp_path / f"app{i}.log", env)
            for i in (0, 1)
        ]
        try:
            with nginx(listen, ports[0], ports[1], tmp_path) as url:
                yield url, apps, tmp_path, database, env
        finally:
            for app in apps:
                stop(app.process)


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
    page = context.new_page()
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    choose(page, "Customer number for billing", "7.10045821")
    page.get_by_label("End user", exact=True).fill("Noor El Amrani")
    page.get_by_label("End user", exact=True).press("Tab")
    stop(apps[0].process)  # SIGTERM: the first instance goes away
    answers_kept(page)
    apps[0] = launch_app(
        folder / "app0",
        database,
        int(apps[0].url.rsplit(":", 1)[1]),
        folder / "app0-again.log",
        env,
    )
    # By now the page is the second instance's (the first was gone): killing it reloads the
    # page at the first, started again. The mark is gone once the new page is there.
    page.evaluate("window.beforeTheKill = true")
    apps[1].process.send_signal(signal.SIGKILL)  # and now the other dies
    apps[1].process.wait(10)
    page.wait_for_function("() => !window.beforeTheKill", timeout=30_000)
    answers_kept(page)
    page.get_by_role("radio", name="SIM card").click()
    expect(page.get_by_label("SIM card number", exact=True)).to_be_visible()
    context.close()
