"""How values are shown to the signed-in user: the Belgian formats of `locales.formats` in the
user's language, and numbers as the domain writes them."""

from datetime import datetime
from decimal import Decimal

from domain.business_calendar import to_brussels
from domain.fields import format_mobile_number
from locales.formats import format_cents, format_moment, format_money
from ui.i18n import current_language

display_number = format_mobile_number  # +32 4xx xx xx xx


def display_money(amount: Decimal | int) -> str:
    return format_money(amount, current_language())


def display_cents(cents: int) -> str:
    return format_cents(cents, current_language())


def display_datetime(moment: datetime) -> str:
    return format_moment(to_brussels(moment), current_language())


def display_time(moment: datetime) -> str:
    """The time of day in Brussels, e.g. 14:05: for waits shorter than a day."""
    return to_brussels(moment).strftime("%H:%M")
