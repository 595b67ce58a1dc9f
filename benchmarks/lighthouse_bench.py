"""Lighthouse's performance and accessibility of every main page, on a phone and a desktop,
beside the framework's floor (benchmarks/floor.py) audited in the same run: the section
"## Lighthouse" of docs/benchmarks.md. `python -m benchmarks.lighthouse_bench`, part of
`make bench` (which installs the pinned Lighthouse of tools/lighthouse first).

Lighthouse throttles as it does by default: mobile is a mid-range phone on a slow 4G
(simulated, 4× CPU slowdown), desktop a desktop on cable. Where the phone's score is below
90, the scripts that cost it the most say why (Lighthouse's bootup-time audit).
"""

import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.floor_compare import machine, serving, write_section
from benchmarks.lighthouse import (
    FORM_FACTORS,
    app_services,
    completed_esim,
    free_port,
    lighthouse,
    lighthouse_version,
    placed_reference,
    prepare,
    running_app,
    signed_in_cookies,
)
from storage.use_cases import Services

HEADING = "## Lighthouse"
CATEGORIES = "performance,accessibility"


@dataclass(frozen=True)
class Audit:
    performance: float
    accessibility: float
    lcp_ms: float
    tbt_ms: float
    scripts: dict[str, float]  # script: main-thread milliseconds (bootup-time)


def audit(url: str, form_factor: str, cookies: str | None, folder: Path) -> Audit:
    report = lighthouse(url, form_factor, cookies, folder / "report.json", CATEGORIES)
    categories, audits = report["categories"], report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    items = audits.get("bootup-time", {}).get("details", {}).get("items", [])
    return Audit(
        performance=round((categories["performance"]["score"] or 0) * 100),
        accessibility=round((categories["accessibility"]["score"] or 0) * 100),
        lcp_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        tbt_ms=float(audits["total-blocking-time"]["numericValue"]),
        scripts={short(item["url"]): float(item.get("scripting", 0)) for item in items},
    )


def short(url: str) -> str:
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return name or url


def app_pages(services: Services, cookies: str) -> list[tuple[str, str, str | None]]:
    reference = placed_reference(services)
    esim, line_id = completed_esim(services)
    return [
        ("Sign-in", "/login", None),
        ("Fleet", "/", cookies),
        ("Wizard: request type", "/add/request_type", cookies),
        ("Wizard: check your answers", "/add/check", cookies),
        ("Orders", "/orders", cookies),
        ("An order", f"/orders/{reference}", cookies),
        ("An eSIM order, completed", f"/orders/{esim}", cookies),
        ("A fleet line with its eSIM", f"/lines/{line_id}", cookies),
    ]


def audit_app(folder: Path) -> dict[str, dict[str, Audit]]:
    audited: dict[str, dict[str, Audit]] = defaultdict(dict)
    with running_app(folder) as (base, database_url):
        services = app_services(database_url, folder)
        for page, path, cookies in app_pages(services, signed_in_cookies(base, services)):
            for form_factor in FORM_FACTORS:
                prepare(services, path)
                audited[page][form_factor] = audit(f"{base}{path}", form_factor, cookies, folder)
                print(page, form_factor, audited[page][form_factor].performance, flush=True)
        services.engine.dispose()
    return audited


def audit_floor(folder: Path) -> dict[str, Audit]:
    with serving("floor", folder, free_port()) as floor:
        return {ff: audit(f"{floor.base}/", ff, None, folder) for ff in FORM_FACTORS}


def row(page: str, audits: dict[str, Audit], floor: dict[str, Audit]) -> str:
    mobile, desktop = audits["mobile"], audits["desktop"]
    lcp_ratio = mobile.lcp_ms / floor["mobile"].lcp_ms
    return (
        f"| {page} | {desktop.performance:.0f} | {mobile.performance:.0f} "
        f"| {mobile.lcp_ms / 1000:.1f} s (×{lcp_ratio:.2f}) | {mobile.tbt_ms:.0f} ms "
        f"| {desktop.accessibility:.0f} / {mobile.accessibility:.0f} |"
    )


def heaviest_scripts(audited: dict[str, dict[str, Audit]]) -> list[str]:
    """The scripts' main-thread time on the phone, summed over the app's pages."""
    totals: dict[str, float] = defaultdict(float)
    for audits in audited.values():
        for script, ms in audits["mobile"].scripts.items():
            totals[script] += ms / len(audited)
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:6]
    return [f"| {script} | {ms:.0f} ms |" for script, ms in ranked]


def section(audited: dict[str, dict[str, Audit]], floor: dict[str, Audit]) -> str:
    lines = [
        HEADING,
        "",
        f"Measured by `python -m benchmarks.lighthouse_bench` (part of `make bench`) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {machine()}; Lighthouse {lighthouse_version()} "
        "with Debian's Chromium, headless, Lighthouse's default throttling (mobile: a "
        "mid-range phone on slow 4G, CPU slowed 4×; desktop: cable). One run a page and form "
        "factor: Lighthouse's scores move by a few points from run to run. The floor is "
        "benchmarks/floor.py's page, audited in the same run; LCP's ratio is to the floor's "
        "on the phone.",
        "",
        "| page | performance, desktop | performance, mobile | LCP, mobile | total blocking "
        "time, mobile | accessibility, desktop / mobile |",
        "|---|---|---|---|---|---|",
        row("the floor (a bare NiceGUI form)", floor, floor),
        *(row(page, audits, floor) for page, audits in audited.items()),
        "",
        "What the phone's main thread spends on each script while a page loads (Lighthouse's "
        "bootup-time, scripting, the average over the app's pages):",
        "",
        "| script | scripting, mobile |",
        "|---|---|",
        *heaviest_scripts(audited),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = audit_floor(folder)
        audited = audit_app(folder)
    text = section(audited, floor)
    write_section(text, HEADING)
    print(text)


if __name__ == "__main__":
    main()
