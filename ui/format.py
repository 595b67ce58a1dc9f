"""How values are shown: numbers, money and dates in the user's language."""

import phonenumbers


def display_number(e164: str) -> str:
    """+32 4xx xx xx xx; the raw value if it does not parse."""
    try:
        number = phonenumbers.parse(e164, "BE")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
