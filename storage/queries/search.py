"""The one way a search term becomes a SQL condition: the term is matched as typed.

SQL LIKE reads ``%`` and ``_`` as wildcards and SQLAlchemy does not escape them by itself, so
a search for "%" would match every row; ``autoescape`` makes them plain characters.
"""

from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from domain import fields


def containing(column: Any, term: str) -> ColumnElement[bool]:
    """Rows whose ``column`` contains ``term`` literally, ignoring case."""
    condition: ColumnElement[bool] = column.icontains(term, autoescape=True)
    return condition


def search_term(search: str) -> str:
    """What a search box's text looks for: tidied and cut by the domain's rule."""
    return fields.search_term(search)


NUMBER_CHARACTERS = set("0123456789 +./-()")


def number_digits(term: str) -> str:
    """The digits a number is searched by, when the term reads as a phone number: a
    reference or a name with a few digits in it ("FL-A47B", "Data 10") would otherwise find
    every number holding them. A leading 0 is the national prefix, absent from E.164."""
    if not set(term) <= NUMBER_CHARACTERS:
        return ""
    return "".join(ch for ch in term if ch.isdigit()).removeprefix("0")
