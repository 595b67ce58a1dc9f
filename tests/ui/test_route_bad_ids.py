"""Every path parameter of every route, found by walking the app's routes: an id out of range
or malformed gives the app's own "not found", as an unknown id does, never a server error."""

import re

from nicegui.testing import User

from tests.conftest import NOVA
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


async def test_a_bad_id_in_any_path_gives_the_same_answer_as_an_unknown_id(user: User) -> None:
    await sign_in(user, NOVA)
    paths = [path for path in app_paths() if "{" in path]
    assert paths, "the app has routes with path parameters"
    for path in paths:
        unknown = await user.http_client.get(with_id(path, UNKNOWN))
        assert unknown.status_code in (200, 404), (path, unknown.status_code)
        for value in BAD_IDS:
            response = await user.http_client.get(with_id(path, value))
            assert response.status_code == unknown.status_code, (path, value)
            assert "Error" not in response.text, (path, value)
