"""Demo data: two companies; the second one's data must never show to the first.

Seeding is idempotent: each record is looked up by its natural key before it is added.
"""

from dataclasses import dataclass
from functools import cache

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.engine import one_instance_at_a_time
from storage.db.passwords import hash_password
from storage.db.tables import (
    BillingAccount,
    Company,
    FleetLine,
    FleetManager,
    OperatorAgent,
    SubDivision,
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    company: str


DEMO_LOGINS = (
    DemoLogin("sofie.peeters@nova-logistics.be", "Nova-demo-2026", "Nova Logistics NV"),
    DemoLogin("marc.dubois@atelier-lumiere.be", "Lumiere-demo-2026", "Atelier Lumière SRL"),
)
# The operator's back-office: every company's orders (not a fleet manager of any).
DEMO_AGENT = DemoLogin("olivier.martin@operator.example.be", "Operator-demo-2026", "Back-office")

_END_USERS = (
    "Lotte Janssens",
    "Thomas Maes",
    "Julie Jacobs",
    "Nicolas Willems",
    "Emma Claes",
    "Lucas Goossens",
    "Sarah Wouters",
    "Mathis De Smet",
    "Laura Dubois",
    "Arne Lambert",
    "Camille Martin",
    "Jonas Hermans",
    "Elise Peeters",
    "Wout Vermeulen",
    "Chloé Leroy",
    "Pieter Mertens",
    "Manon Renard",
    "Bram Van den Broeck",
    "Inès Simon",
    "Ruben Desmet",
)
# (plan, options) cycled over the demo lines; mobile-data plans carry no voice/SMS options.
_LINE_PROFILES: tuple[tuple[str, list[str]], ...] = (
    ("shape_m", ["intl_calls", "secure_net"]),
    ("shape_l", ["roaming_voice", "data_boost"]),
    ("shape_s", []),
    ("business_pro", ["voicemail_pro", "intl_calls"]),
    ("data_10", ["secure_net"]),
    ("shape_xl", ["roaming_voice", "multi_sim", "secure_net"]),
    ("business_go", ["sms_bundle"]),
    ("data_50", ["data_boost"]),
)


def seed_demo(engine: Engine) -> None:
    """Add the demo companies, billing, managers and fleets where they are missing."""
    with Session(engine) as session:
        one_instance_at_a_time(session.connection())  # what is missing is seen, and added, once
        seed_into(session)
        session.commit()


def seed_crowd(engine: Engine, count: int, password: str) -> list[str]:
    """``count`` more fleet managers of Nova Logistics, in English, all with ``password``: the
    people of the concurrent-users benchmark (benchmarks/crowd.py). Their e-mail addresses."""
    emails = [f"crowd-{number}@nova-logistics.be" for number in range(1, count + 1)]
    with Session(engine) as session:
        nova = session.exec(select(Company).where(Company.name == "Nova Logistics NV")).one()
        for email in emails:
            name = email.split("@")[0].replace("-", " ").title()
            _manager(session, nova, DemoLogin(email, password, nova.name), name, "en")
        session.commit()
    return emails


def seed_into(session: Session) -> None:
    """The demo data, added to the caller's transaction where it is missing."""
    _seed_nova_logistics(session)
    _seed_atelier_lumiere(session)
    _agent(session, DEMO_AGENT, "Olivier Martin")


def _seed_nova_logistics(session: Session) -> None:
    """The first demo company: two billing accounts, sub-divisions and twenty lines."""
    nova = _company(session, "Nova Logistics NV", "0412345614")
    main_account = _account(session, nova, "7.10045821", "Nova Logistics — Antwerpen")
    second_account = _account(session, nova, "7.10045822", "Nova Logistics — Namur")
    head_office = _division(session, main_account, "Head office")
    sales = _division(session, main_account, "Sales team", "Company pays €30", 3000)
    _division(session, main_account, "Warehouse")
    technicians = _division(session, second_account, "Field technicians", "Company pays €20", 2000)
    _division(session, second_account, "Management")
    _manager(session, nova, DEMO_LOGINS[0], "Sofie Peeters", "en")
    divisions = (
        (main_account, head_office),
        (main_account, sales),
        (second_account, technicians),
    )
    # Plans, billing and SIM kinds cycle so that the fleet shows every kind of line.
    for index, end_user in enumerate(_END_USERS):
        plan, options = _LINE_PROFILES[index % len(_LINE_PROFILES)]
        account, division = divisions[index % len(divisions)]
        _line(
            session,
            nova,
            f"+324{70 + index % 30}{123400 + index * 7:06d}",
            end_user,
            plan,
            options,
            "esim" if index % 4 == 3 else "sim",
            account,
            division,
        )


def _seed_atelier_lumiere(session: Session) -> None:
    """The second demo company, small and in French: its data must never show to Nova's."""
    lumiere = _company(session, "Atelier Lumière SRL", "0798765405")
    atelier = _account(session, lumiere, "7.20077001", "Atelier Lumière — Liège")
    workshop = _division(session, atelier, "Atelier", "Entreprise paie €25", 2500)
    _manager(session, lumiere, DEMO_LOGINS[1], "Marc Dubois", "fr")
    for index, end_user in enumerate(("Hugo Lemaire", "Zoé Fontaine", "Léa Gilles")):
        _line(
            session,
            lumiere,
            f"+32498{765400 + index:06d}",
            end_user,
            "shape_s",
            [],
            "sim",
            atelier,
            workshop,
        )


def _company(session: Session, name: str, enterprise_number: str) -> Company:
    found = session.exec(select(Company).where(Company.enterprise_number == enterprise_number))
    return found.first() or _added(session, Company(name=name, enterprise_number=enterprise_number))


def _account(session: Session, company: Company, customer_number: str, name: str) -> BillingAccount:
    found = session.exec(
        select(BillingAccount).where(BillingAccount.customer_number == customer_number)
    ).first()
    return found or _added(
        session, BillingAccount(company_id=_id(company), customer_number=customer_number, name=name)
    )


def _division(
    session: Session,
    account: BillingAccount,
    name: str,
    profile: str | None = None,
    cap_cents: int | None = None,
) -> SubDivision:
    found = session.exec(
        select(SubDivision).where(
            SubDivision.billing_account_id == account.id, SubDivision.name == name
        )
    ).first()
    return found or _added(
        session,
        SubDivision(
            billing_account_id=_id(account),
            name=name,
            split_profile_name=profile,
            split_company_cap_cents=cap_cents,
        ),
    )


def _manager(session: Session, company: Company, login: DemoLogin, name: str, lang: str) -> None:
    if session.exec(select(FleetManager).where(FleetManager.email == login.email)).first():
        return
    _added(
        session,
        FleetManager(
            company_id=_id(company),
            email=login.email,
            name=name,
            password_hash=_demo_hash(login.password),
            language=lang,
        ),
    )


def _agent(session: Session, login: DemoLogin, name: str) -> None:
    if session.exec(select(OperatorAgent).where(OperatorAgent.email == login.email)).first():
        return
    session.add(
        OperatorAgent(email=login.email, name=name, password_hash=_demo_hash(login.password))
    )


def _line(
    session: Session,
    company: Company,
    number: str,
    end_user: str,
    plan: str,
    options: list[str],
    sim_kind: str,
    account: BillingAccount,
    division: SubDivision,
) -> None:
    if session.exec(select(FleetLine).where(FleetLine.number == number)).first():
        return
    _added(
        session,
        FleetLine(
            company_id=_id(company),
            number=number,
            end_user=end_user,
            plan_code=plan,
            options=options,
            sim_kind=sim_kind,
            sim_digits=None if sim_kind == "esim" else f"8932{number[-9:]}",
            billing_account_id=_id(account),
            sub_division_id=division.id,
        ),
    )


@cache
def _demo_hash(password: str) -> str:
    # Argon2 takes about half a second by design; the demo passwords are hashed once a process.
    return hash_password(password)


def _added[T: (Company, BillingAccount, SubDivision, FleetManager, FleetLine)](
    session: Session, record: T
) -> T:
    session.add(record)
    session.flush()  # assigns the id the next records refer to
    return record


def _id(record: Company | BillingAccount) -> int:
    assert record.id is not None  # flushed by _added
    return record.id
