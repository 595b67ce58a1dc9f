"""The load balancer's checks on the running app (simulated browser's HTTP client): public,
no data, not cached."""

from nicegui.testing import User


async def test_healthz_and_readyz_answer_without_signing_in(user: User) -> None:
    await user.open("/login")
    alive = await user.http_client.get("/healthz")
    ready = await user.http_client.get("/readyz")
    assert (alive.status_code, alive.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ready", "database": True, "redis": None},
    )
    assert ready.headers["cache-control"] == "no-store"
