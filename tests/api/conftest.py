"""The API on its own FastAPI application (the one the app mounts), over FastAPI's test
client: no browser, no NiceGUI page."""

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from fastapi.testclient import TestClient

from api.app import api_app
from storage.use_cases import Services
from storage.use_cases.api_tokens import NewToken, create_api_token, revoke_api_token
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import manager_of


@dataclass(frozen=True)
class Tokens:
    write: str
    read: str
    revoked: str
    other_company: str


@pytest.fixture
def api(services: Services) -> Iterator[TestClient]:
    with TestClient(api_app(replace(services, webhooks_allow_private=True))) as client:
        yield client


def made(services: Services, name: str, can_write: bool, login: object = NOVA) -> str:
    token = create_api_token(services, manager_of(services.engine, login), name, can_write)  # type: ignore[arg-type]
    assert isinstance(token, NewToken)
    return token.secret


@pytest.fixture
def tokens(services: Services) -> Tokens:
    revoked = create_api_token(services, manager_of(services.engine), "Old HR", True)
    assert isinstance(revoked, NewToken)
    revoke_api_token(services, manager_of(services.engine), revoked.info.id)
    return Tokens(
        write=made(services, "HR system", True),
        read=made(services, "Expense tool", False),
        revoked=revoked.secret,
        other_company=made(services, "Lumière HR", True, LUMIERE),
    )


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}
