"""Every route with each kind of caller: a read-write token does, a read-only token reads
but cannot write (403), a revoked token and no token are refused (401), another company's
token finds none of Nova's resources (404) and lists none of them."""

import pytest
from fastapi.testclient import TestClient

from api.models import OrderIn
from domain.rejections import RejectionReason
from domain.request import OrderRequest
from storage.use_cases import Services, reject_order
from tests.api.conftest import Tokens, bearer
from tests.order_helpers import NEW_NUMBER, placed

NOVA_NUMBER = "+32470123400"  # Nova's first demo line
NEW_LINE = {
    "request_type": "new_number",
    "customer_number_id": "1",
    "end_user_name": "Lotte Janssens",
    "sim_kind": "sim",
    "sim_digits": "8932000055555",
    "plan_code": "shape_m",
}


def as_body(request: OrderRequest) -> dict[str, object]:
    """The request as the API takes it: the answers a caller gives, not the app's own."""
    return {k: v for k, v in request.to_dict().items() if k in OrderIn.model_fields}


def calls(reference: str) -> list[tuple[str, str, dict[str, object] | None]]:
    return [
        ("GET", "/lines", None),
        ("GET", f"/lines/{NOVA_NUMBER}", None),
        ("GET", "/catalogue", None),
        ("GET", "/orders", None),
        ("GET", f"/orders/{reference}", None),
        ("POST", "/orders", NEW_LINE),
        ("POST", f"/orders/{reference}/cancel", None),
        ("POST", f"/orders/{reference}/resubmit", as_body(NEW_NUMBER)),
    ]


def call(
    api: TestClient, method: str, path: str, body: object, token: str | None, key: str = "k1"
) -> int:
    headers = bearer(token, **{"Idempotency-Key": key}) if token else {"Idempotency-Key": key}
    return api.request(method, path, json=body, headers=headers).status_code


def test_a_read_write_token_reaches_every_route(
    api: TestClient, services: Services, tokens: Tokens
) -> None:
    order = placed(services)
    reject_order(services, order.reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN, "")
    expected = [200, 200, 200, 200, 200, 201, 409, 201]  # a rejected order: resubmit, not cancel
    got = [
        call(api, m, p, b, tokens.write, key=f"k{i}")
        for i, (m, p, b) in enumerate(calls(order.reference))
    ]
    assert got == expected


@pytest.mark.parametrize("kind", ["revoked", "none", "not bearer", "garbage"])
def test_without_a_valid_token_every_route_answers_401(
    api: TestClient, services: Services, tokens: Tokens, kind: str
) -> None:
    token = {"revoked": tokens.revoked, "none": None, "not bearer": None, "garbage": "fs_nope"}[
        kind
    ]
    reference = placed(services).reference
    for method, path, body in calls(reference):
        headers = {"Idempotency-Key": "k"}
        if token:
            headers |= bearer(token)
        if kind == "not bearer":
            headers["Authorization"] = f"Basic {tokens.write}"
        response = api.request(method, path, json=body, headers=headers)
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_read_only_token_reads_and_cannot_write(
    api: TestClient, services: Services, tokens: Tokens
) -> None:
    reference = placed(services).reference
    got = [call(api, m, p, b, tokens.read) for m, p, b in calls(reference)]
    assert got == [200, 200, 200, 200, 200, 403, 403, 403]
    assert (
        api.get(f"/orders/{reference}", headers=bearer(tokens.read)).json()["status"] == "received"
    )


def test_another_companys_token_finds_nothing_of_nova(
    api: TestClient, services: Services, tokens: Tokens
) -> None:
    reference = placed(services).reference
    got = [
        call(api, m, p, b, tokens.other_company, key=f"k{i}")
        for i, (m, p, b) in enumerate(calls(reference))
    ]
    assert got[1] == got[4] == got[6] == got[7] == 404
    listed = api.get("/orders", headers=bearer(tokens.other_company)).json()
    assert reference not in [o["reference"] for o in listed["orders"]]
    lines = api.get("/lines", headers=bearer(tokens.other_company)).json()["lines"]
    assert lines and all(line["number"].startswith("+32498") for line in lines)  # Lumière's
    accounts = api.get("/catalogue", headers=bearer(tokens.other_company)).json()[
        "customer_numbers"
    ]
    assert [a["customer_number"] for a in accounts] == ["7.20077001"]
    assert (
        api.get(f"/orders/{reference}", headers=bearer(tokens.write)).json()["status"] == "received"
    )


def test_a_token_over_its_rate_limit_waits(api: TestClient, tokens: Tokens) -> None:
    answers = [api.get("/catalogue", headers=bearer(tokens.read)).status_code for _ in range(121)]
    assert answers[:120] == [200] * 120 and answers[120] == 429
    other = api.get("/catalogue", headers=bearer(tokens.write))
    assert other.status_code == 200  # per token


def test_every_call_is_logged_with_its_tokens_name(
    api: TestClient, tokens: Tokens, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="api")
    api.get("/catalogue", headers=bearer(tokens.read))
    api.get("/orders?status=received", headers=bearer(tokens.write))
    lines = [r.getMessage() for r in caplog.records if r.name == "api"]
    assert lines == [
        "API GET /catalogue by token 'Expense tool' (company 1)",
        "API GET /orders by token 'HR system' (company 1)",
    ]
