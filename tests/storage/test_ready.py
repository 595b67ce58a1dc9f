"""The start-up lines: the database's password never shows, demo logins only in demo mode."""

from dataclasses import replace

from sqlalchemy import create_engine

from storage.db.seed import DEMO_LOGINS
from storage.ready import ready_message
from storage.use_cases import Services


def test_the_database_url_is_shown_without_its_password(services: Services) -> None:
    engine = create_engine("postgresql+psycopg://fleet:s3cret@db.example.be/fleet")
    message = ready_message("https://fleet.example.be", replace(services, engine=engine))
    assert "Database: postgresql+psycopg://fleet:***@db.example.be/fleet" in message
    assert "s3cret" not in message
    assert message.startswith("Fleet self-service is ready: https://fleet.example.be")


def test_the_demo_logins_are_listed_only_in_demo_mode(services: Services) -> None:
    assert DEMO_LOGINS[0].password in ready_message("http://x", replace(services, demo=True))
    assert DEMO_LOGINS[0].password not in ready_message("http://x", replace(services, demo=False))
