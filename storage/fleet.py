"""Reading a company's fleet. Every query is scoped to one company id."""

from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.catalogue import PLANS
from storage.tables import BillingAccount, FleetLine, SubDivision


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


def fleet_lines(engine: Engine, company_id: int, search: str = "") -> list[FleetLineRow]:
    """The company's lines, newest numbers last; `search` matches number, end user or plan."""
    query = (
        select(FleetLine, BillingAccount, SubDivision)
        .join(BillingAccount, col(FleetLine.billing_account_id) == BillingAccount.id)
        .outerjoin(SubDivision, col(FleetLine.sub_division_id) == SubDivision.id)
        .where(FleetLine.company_id == company_id)
        .order_by(col(FleetLine.number))
    )
    term = search.strip()
    if term:
        digits = "".join(ch for ch in term if ch.isdigit())
        plan_codes = [plan.code for plan in PLANS if term.lower() in plan.name.lower()]
        clauses = [
            col(FleetLine.end_user).icontains(term),
            col(FleetLine.plan_code).in_(plan_codes),
        ]
        if digits:
            clauses.append(col(FleetLine.number).contains(digits.removeprefix("0")))
        query = query.where(or_(*clauses))
    with Session(engine) as session:
        return [
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
