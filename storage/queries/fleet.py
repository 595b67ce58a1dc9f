"""Reading a company's fleet. Every query is scoped to one company id."""

from dataclasses import dataclass

from sqlalchemy import case, func, or_
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from domain.catalogue import PLANS
from storage.db.tables import BillingAccount, FleetLine, SubDivision
from storage.queries.keys import page_window
from storage.queries.search import containing, number_digits, search_term


@dataclass(frozen=True)
class FleetLineRow:
    id: int
    number: str  # E.164
    end_user: str
    plan_code: str
    options: tuple[str, ...]
    sim_kind: str
    customer_number: str
    sub_division: str | None
    travel_data_control: int | None


@dataclass(frozen=True)
class FleetPage:
    rows: list[FleetLineRow]
    total: int  # lines matching the search, over all pages


# What the fleet table may be sorted by; plans sort by their name, not their code.
COLUMNS = FleetLine.__table__.c  # type: ignore[attr-defined]  # SQLModel does not type it
SORT_KEYS: dict[str, ColumnElement[str]] = {
    "number": COLUMNS.number,
    "end_user": COLUMNS.end_user,
    "plan": case({p.code: p.name for p in PLANS}, value=col(FleetLine.plan_code), else_=""),
}


def fleet_page(
    engine: Engine,
    company_id: int,
    search: str = "",
    *,
    offset: int = 0,
    limit: int | None = 25,
    sort_by: str = "number",
    descending: bool = False,
) -> FleetPage:
    """One page of the company's lines matching `search`, sorted, with the number matching."""
    matching = _matching(company_id, search)
    key = SORT_KEYS.get(sort_by, SORT_KEYS["number"])
    query = (
        select(FleetLine, BillingAccount, SubDivision)
        .join(BillingAccount, col(FleetLine.billing_account_id) == BillingAccount.id)
        .outerjoin(SubDivision, col(FleetLine.sub_division_id) == SubDivision.id)
        .where(*matching)
        .order_by(key.desc() if descending else key, col(FleetLine.id))
        .offset(page_window(offset, limit)[0])
        .limit(page_window(offset, limit)[1])
    )
    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(FleetLine).where(*matching)).one()
        rows = [
            FleetLineRow(
                id=line.id or 0,
                number=line.number,
                end_user=line.end_user,
                plan_code=line.plan_code,
                options=tuple(line.options),
                sim_kind=line.sim_kind,
                customer_number=account.customer_number,
                sub_division=division.name if division else None,
                travel_data_control=line.travel_data_control,
            )
            for line, account, division in session.exec(query).all()
        ]
    return FleetPage(rows, total)


def _matching(company_id: int, search: str) -> list[ColumnElement]:  # type: ignore[type-arg]
    conditions: list[ColumnElement] = [col(FleetLine.company_id) == company_id]  # type: ignore[type-arg]
    term = search_term(search)
    if term:
        digits = number_digits(term)  # "0" alone searches no number
        plan_codes = [plan.code for plan in PLANS if term.lower() in plan.name.lower()]
        clauses = [
            containing(col(FleetLine.end_user), term),
            col(FleetLine.plan_code).in_(plan_codes),
        ]
        if digits:
            clauses.append(containing(col(FleetLine.number), digits))
        conditions.append(or_(*clauses))
    return conditions


@dataclass(frozen=True)
class LineOptions:
    id: int
    number: str  # E.164
    end_user: str
    options: tuple[str, ...]


def lines_with_options(engine: Engine, company_id: int) -> list[LineOptions]:
    """Each line's options, for "copy the options of an existing number" (no joins: it lists
    the whole fleet)."""
    query = (
        select(FleetLine.id, FleetLine.number, FleetLine.end_user, FleetLine.options)
        .where(FleetLine.company_id == company_id)
        .order_by(col(FleetLine.number))
    )
    with Session(engine) as session:
        return [
            LineOptions(line_id or 0, number, end_user, tuple(options))
            for line_id, number, end_user, options in session.exec(query).all()
        ]
