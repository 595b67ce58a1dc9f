"""Belgian formats for money and moments, in a given language (Babel)."""

from datetime import datetime
from decimal import Decimal

from babel.dates import format_date, format_time
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
        date=format_date(local, "full", locale=locale),
        time=format_time(local, "short", locale=locale),
    )


def _locale(language: str) -> str:
    return BABEL_LOCALES.get(language, BABEL_LOCALES[DEFAULT_LANGUAGE])
