"""`make run` (python main.py) says where to go once it is up: the address, the demo logins,
where the data is kept."""

from storage.db.seed import DEMO_AGENT, DEMO_LOGINS
from tests.browser.conftest import RunningApp


def test_the_started_app_prints_its_address_the_demo_logins_and_its_data(
    app: RunningApp,
) -> None:
    log = app.log_text()  # the fixture returns once the app answers: the lines are out by then
    assert f"Fleet self-service is ready: {app.url}" in log
    for login in (*DEMO_LOGINS, DEMO_AGENT):
        assert f"{login.email} / {login.password}" in log
    assert f"Database: {app.database_url}" in log
    assert "Documents: " in log
    assert log.count("is ready") == 1
