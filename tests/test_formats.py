"""Dates as a Belgian reader of each language expects them (locales/formats.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from locales.formats import format_day, format_moment

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("fr", "mardi 1er décembre 2026 à 10:30"),
        ("nl", "dinsdag 1 december 2026 om 10:30"),
        ("en", "Tuesday, 1 December 2026 at 10:30"),
    ],
)
def test_the_first_of_the_month_reads_1er_in_french_only(language: str, shown: str) -> None:
    assert format_moment(datetime(2026, 12, 1, 10, 30, tzinfo=BRUSSELS), language) == shown


def test_other_days_in_french_keep_their_plain_number() -> None:
    moment = datetime(2026, 12, 2, 10, 30, tzinfo=BRUSSELS)
    assert format_moment(moment, "fr") == "mercredi 2 décembre 2026 à 10:30"
    assert format_day(date(2026, 12, 11), "long", "fr") == "11 décembre 2026"
    assert format_day(date(2026, 12, 21), "long", "fr") == "21 décembre 2026"


def test_the_contracts_long_date_says_1er_too() -> None:
    assert format_day(date(2027, 1, 1), "long", "fr") == "1er janvier 2027"
    assert format_day(date(2027, 1, 1), "long", "nl") == "1 januari 2027"
