"""Every path parameter of every route, found by walking the app's routes: an id out of range
or malformed gives the app's own "not found", as an unknown id does, never a server error."""

import re

from nicegui.testing import User
from sqlalchemy.engine import Engine

from storage.use_cases.api_tokens import NewToken, create_api_token
from tests.conftest import NOVA
from tests.order_helpers import documents_beside, manager_of, services_for
from tests.ui.test_route_isolation import app_paths
from tests.ui_helpers import sign_in

UNKNOWN = "424242"
BAD_IDS = [
    "9223372036854775808",  # one past SQLite's INTEGER
    "99999999999999999999999999999999",
    "-1",
    "0",
    "+5",
    "1e3",
    "١٢",  # Arabic-Indic digits: str.isdigit() says yes
    "%00",
    "%C3%28",  # not UTF-8
    "x" * 2000,
    "%F0%9F%93%B1",
    "' OR 1=1 --",
]


def with_id(path: str, value: str) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def api_token(engine: Engine) -> dict[str, str]:
    """The API's routes are called with a token of Nova's, as the pages with its session."""
    services = services_for(engine, documents_beside(engine))
    token = create_api_token(services, manager_of(engine), "HR system", True)
    assert isinstance(token, NewToken)
    return {"Authorization": f"Bearer {token.secret}"}


async def test_a_bad_id_in_any_path_gives_the_same_answer_as_an_unknown_id(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    paths = [path for path in app_paths() if "{" in path]
    assert paths, "the app has routes with path parameters"
    token = api_token(engine)
    for path in paths:
        headers = token if path.startswith("/api/") else {}
        unknown = await user.http_client.get(with_id(path, UNKNOWN), headers=headers)
        # 405: an API path that takes POST only, which a GET of a bad id gets alike.
        assert unknown.status_code in (200, 404, 405), (path, unknown.status_code)
        for value in BAD_IDS:
            response = await user.http_client.get(with_id(path, value), headers=headers)
            assert response.status_code == unknown.status_code, (path, value)
            assert "Error" not in response.text, (path, value)
