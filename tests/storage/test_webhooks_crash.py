"""A webhook delivery survives the app dying in the middle of it: the sending process is
SIGKILLed while the receiver holds its request, or after it claimed the delivery and before
it sent it. After the restart the event goes again with the same webhook-id (receivers
deduplicate on it, as Standard Webhooks says): exactly one delivery per event reaches the
receiver's processing, every one signed, in order."""

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.webhooks import ORDER_EVENTS
from storage.use_cases import Services, start_order
from storage.use_cases.webhooks import NewSecret, add_webhook
from storage.webhooks.delivery import LEASE, deliver_webhooks
from tests.order_helpers import NOW, manager_of, placed
from tests.webhook_receiver import receiver_on_loopback

CHILD = """
import sys, time, threading
from pathlib import Path
from datetime import datetime
import httpx
from storage.db.engine import make_engine
from storage.webhooks.delivery import deliver_webhooks

database, now, marker, mode = sys.argv[1:5]
if mode == "before-sending":  # dies once the delivery is claimed, before the request goes
    def stop(*args, **kwargs):
        Path(marker).write_text("claimed")
        time.sleep(120)
    httpx.Client.post = stop
deliver_webhooks(make_engine(database), datetime.fromisoformat(now), allow_private=True)
"""


def _wait_for(check: object, child: subprocess.Popen[bytes], seconds: float = 60) -> None:
    assert callable(check)
    deadline = time.monotonic() + seconds
    while not check():
        assert child.poll() is None, child.stderr.read() if child.stderr else child.returncode
        assert time.monotonic() < deadline, "the child never reached the moment to die"
        time.sleep(0.05)


@pytest.mark.parametrize("mode", ["receiver-holding", "before-sending"])
def test_a_delivery_killed_in_the_middle_goes_once_after_the_restart(
    services: Services, tmp_path: Path, mode: str
) -> None:
    with receiver_on_loopback() as receiver:
        allowed = dataclasses.replace(services, webhooks_allow_private=True)
        endpoint = add_webhook(
            allowed, manager_of(services.engine), receiver.url, [e.value for e in ORDER_EVENTS]
        )
        assert isinstance(endpoint, NewSecret)
        receiver.secret = endpoint.secret
        reference = placed(services).reference
        start_order(services, reference)
        marker = tmp_path / "claimed"
        if mode == "receiver-holding":
            receiver.hold = __import__("threading").Event()
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(services.engine.url),
                NOW.isoformat(),
                str(marker),
                mode,
            ],
            cwd=Path(__file__).resolve().parents[2],
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for(
                receiver.holding.is_set if mode == "receiver-holding" else marker.exists, child
            )
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(10)
        assert child.returncode == -signal.SIGKILL
        if receiver.hold is not None:
            receiver.hold.set()  # the sender is gone: its answer goes nowhere

        # The restarted app: the dead worker's lease runs out, then the event goes again.
        assert deliver_webhooks(services.engine, NOW + LEASE / 2, allow_private=True).delivered == 0
        for _ in range(3):
            deliver_webhooks(services.engine, NOW + LEASE + LEASE, allow_private=True)
        processed = list(dict.fromkeys(receiver.event_ids()))  # deduplicated by webhook-id
        types = {r.event_id: r.event_type for r in receiver.received}
        assert [types[i] for i in processed] == ["order.received", "order.in_progress"]
        assert all(r.verified for r in receiver.received)
        seen = receiver.event_ids().count(processed[0])
        assert seen == (2 if mode == "receiver-holding" else 1)  # the same id, never a new one
