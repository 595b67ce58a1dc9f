"""How every benchmark measures: repeated, after a warm-up, reported with its spread."""

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def spread(samples: list[float], unit: str = "µs", scale: float = 1e6) -> str:
    values = sorted(s * scale for s in samples)
    deciles = statistics.quantiles(values, n=10)
    return (
        f"{statistics.median(values):.1f} {unit} (p10 {deciles[0]:.1f}, p90 {deciles[-1]:.1f}, "
        f"sd {statistics.stdev(values):.1f}, n={len(values)})"
    )


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm-up: imports, caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def rss_mib(pid: int) -> float:
    """The process's resident memory now, in MiB (NaN once it is gone)."""
    match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(match.group(1)) / 1024 if match else float("nan")
