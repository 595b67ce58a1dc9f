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
