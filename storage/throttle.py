"""Sign-in throttling (ASVS V2.2): failed sign-ins counted per account and per address with
the `limits` library, in memory or, when several instances run, in Redis, so that they share
the counts. A typed e-mail counts whether or not an account has it: the wait tells nothing."""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

PER_ACCOUNT = parse("5 per 15 minutes")
PER_ADDRESS = parse("20 per 15 minutes")
# Employee links that open nothing (unknown secrets), per address: guessing a 256-bit secret
# is hopeless anyway, this keeps a scanner from trying at all.
LINK_MISSES = parse("10 per 15 minutes")
# Each Argon2 check takes about 64 MiB and a core for a tenth of a second: at most this many
# run at once, the others wait their turn (16 parallel tries took 330 MiB more before). One
# core is left to the event loop: with both cores checking passwords, 200 people signing in
# made every open page wait (benchmarks/crowd.py).
ARGON2_AT_ONCE = max(1, (os.cpu_count() or 2) - 1)
_argon2_turns = threading.BoundedSemaphore(ARGON2_AT_ONCE)


@contextmanager
def argon2_turn() -> Iterator[None]:
    with _argon2_turns:
        yield


API_CALLS = parse("120/minute")  # per token: an HR system's burst, not a scraper


class SignInThrottle:
    def __init__(self, storage_uri: str = "memory://", namespace: str = "fleet") -> None:
        self._window = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._namespace = namespace

    def _limits(self, email: str, address: str) -> list[tuple[RateLimitItem, str]]:
        return [
            (PER_ACCOUNT, f"{self._namespace}:sign-in:account:{email}"),
            (PER_ADDRESS, f"{self._namespace}:sign-in:address:{address}"),
        ]

    def wait_until(self, email: str, address: str) -> datetime | None:
        """When the next try may come, if one of the limits is reached now; else None."""
        reached = [
            self._window.get_window_stats(limit, key).reset_time
            for limit, key in self._limits(email, address)
            if not self._window.test(limit, key)
        ]
        return datetime.fromtimestamp(max(reached), UTC) if reached else None

    def failed(self, email: str, address: str) -> None:
        for limit, key in self._limits(email, address):
            self._window.hit(limit, key)

    def forget(self, email: str) -> None:
        """A successful sign-in clears the account's count (not the address's)."""
        self._window.clear(PER_ACCOUNT, f"{self._namespace}:sign-in:account:{email}")

    def link_wait(self, address: str) -> datetime | None:
        """When an address that tried too many unknown employee links may try again."""
        key = f"{self._namespace}:employee-link:address:{address}"
        if self._window.test(LINK_MISSES, key):
            return None
        return datetime.fromtimestamp(
            self._window.get_window_stats(LINK_MISSES, key).reset_time, UTC
        )

    def link_missed(self, address: str) -> None:
        self._window.hit(LINK_MISSES, f"{self._namespace}:employee-link:address:{address}")

    def api_call(self, token_id: int) -> datetime | None:
        """Count one API call of the token; when it may call again if it is over its limit."""
        key = f"{self._namespace}:api:token:{token_id}"
        if self._window.hit(API_CALLS, key):
            return None
        return datetime.fromtimestamp(self._window.get_window_stats(API_CALLS, key).reset_time, UTC)
