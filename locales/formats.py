"""Belgian formats for money and moments, in a given language (Babel)."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from babel.dates import format_date, format_time, get_date_format
from babel.numbers import format_currency

from locales import BABEL_LOCALES, DEFAULT_LANGUAGE, translate_to


def format_money(amount: Decimal | int, language: str) -> str:
    """e.g. '30,00 €' in French and Dutch, '€30.00' in English."""
    return format_currency(amount, "EUR", locale=_locale(language))


def format_cents(cents: int, language: str) -> str:
    return format_money(Decimal(cents) / 100, language)


def format_moment(moment: datetime, language: str) -> str:
    """A moment as the clock of its own time zone shows it, e.g. 'jeudi 26 novembre 2026 à
    15:30'; pass it in Brussels time (domain.business_calendar.to_brussels)."""
    if moment.tzinfo is None:
        raise ValueError("a moment to show needs its time zone")
    local = moment
    locale = _locale(language)
    return translate_to(
        language,
        "{date} at {time}",
        date=format_day(local, "full", language),
        time=format_time(local, "short", locale=locale),
    )


def format_day(day: date, length: Literal["full", "long"], language: str) -> str:
    """A date as Babel writes it in `language` ("full": 'jeudi 26 novembre 2026', "long":
    '26 novembre 2026'), but the first of the month in French is '1er' (mardi 1er décembre),
    which Babel's CLDR patterns do not say."""
    locale = _locale(language)
    pattern = get_date_format(length, locale=locale).pattern
    if day.day == 1 and locale.startswith("fr"):
        pattern = re.sub(r"(?<!d)d(?!d)", "d'er'", pattern)  # the day of the month, unpadded
    return format_date(day, pattern, locale=locale)


def _locale(language: str) -> str:
    return BABEL_LOCALES.get(language, BABEL_LOCALES[DEFAULT_LANGUAGE])
