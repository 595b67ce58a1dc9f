"""Builds the domain's FleetContext for one company: its billing and what is already taken."""

import dataclasses
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.context import BillingAccount, FleetContext, InvoiceSplitProfile, SubDivision
from domain.orders import OPEN_STATUSES
from storage.db import tables


def fleet_context(session: Session, company_id: int, sim_digits: str = "") -> FleetContext:
    """The company's billing and what it already uses; ``sim_digits`` (normalised) is also
    looked up in every company, as a SIM card can serve one line only."""
    accounts = session.exec(
        select(tables.BillingAccount)
        .where(tables.BillingAccount.company_id == company_id)
        .order_by(col(tables.BillingAccount.customer_number))
    ).all()
    divisions = session.exec(
        select(tables.SubDivision)
        .where(col(tables.SubDivision.billing_account_id).in_([a.id for a in accounts]))
        .order_by(col(tables.SubDivision.id))
    ).all()
    lines = session.exec(
        select(tables.FleetLine.number, tables.FleetLine.sim_digits).where(
            tables.FleetLine.company_id == company_id
        )
    ).all()
    open_orders = session.exec(
        select(tables.Order.number, tables.Order.sim_digits).where(
            tables.Order.company_id == company_id, col(tables.Order.status).in_(OPEN_STATUSES)
        )
    ).all()
    context = FleetContext(
        billing_accounts=tuple(
            BillingAccount(
                id=str(account.id),
                customer_number=account.customer_number,
                name=account.name,
                sub_divisions=tuple(
                    _sub_division(division)
                    for division in divisions
                    if division.billing_account_id == account.id
                ),
            )
            for account in accounts
        ),
        fleet_numbers=frozenset(number for number, _ in lines),
        open_order_numbers=frozenset(number for number, _ in open_orders if number),
        used_sim_digits=frozenset(sim for _, sim in [*lines, *open_orders] if sim),
    )
    return with_sim_checked(session, context, sim_digits)


def _sub_division(division: tables.SubDivision) -> SubDivision:
    profile = None
    if division.split_company_cap_cents is not None:
        profile = InvoiceSplitProfile(
            Decimal(division.split_company_cap_cents) / 100, division.split_profile_name or ""
        )
    return SubDivision(id=str(division.id), name=division.name, invoice_split=profile)


def company_context(engine: Engine, company_id: int, sim_digits: str = "") -> FleetContext:
    with Session(engine) as session:
        return fleet_context(session, company_id, sim_digits)


def checked_sim(engine: Engine, context: FleetContext, sim_digits: str) -> FleetContext:
    """``context``, knowing whether ``sim_digits`` is used in any company."""
    with Session(engine) as session:
        return with_sim_checked(session, context, sim_digits)


def with_sim_checked(session: Session, context: FleetContext, sim_digits: str) -> FleetContext:
    """A SIM card serves one line in any company: look the entered one up across companies."""
    if not sim_digits or sim_digits in context.used_sim_digits:
        return context
    if not sim_in_use(session, sim_digits):
        return context
    return dataclasses.replace(context, used_sim_digits=context.used_sim_digits | {sim_digits})


def with_sims_checked(
    session: Session, context: FleetContext, sims: Collection[str]
) -> FleetContext:
    """``with_sim_checked`` for many SIM cards at once (a file of lines): two queries in all."""
    wanted = [sim for sim in dict.fromkeys(sims) if sim and sim not in context.used_sim_digits]
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        in_fleet = select(tables.FleetLine.sim_digits).where(
            col(tables.FleetLine.sim_digits).in_(chunk)
        )
        in_order = select(tables.Order.sim_digits).where(
            col(tables.Order.sim_digits).in_(chunk), col(tables.Order.status).in_(OPEN_STATUSES)
        )
        found |= {sim for sim in [*session.exec(in_fleet), *session.exec(in_order)] if sim}
    if not found:
        return context
    return dataclasses.replace(context, used_sim_digits=context.used_sim_digits | found)


def sim_in_use(session: Session, sim_digits: str) -> bool:
    """Whether a line of any company, or an open order of any company, has this SIM card."""
    in_fleet = select(tables.FleetLine.id).where(tables.FleetLine.sim_digits == sim_digits)
    in_order = select(tables.Order.id).where(
        tables.Order.sim_digits == sim_digits, col(tables.Order.status).in_(OPEN_STATUSES)
    )
    return bool(session.exec(in_fleet).first() or session.exec(in_order).first())
