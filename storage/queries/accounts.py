"""Who a fleet manager is: the signed-in manager and the company they serve."""

from dataclasses import dataclass

from sqlmodel import Session

from storage.db.tables import Company, FleetManager, OperatorAgent


@dataclass(frozen=True)
class SignedInManager:
    id: int
    company_id: int
    company_name: str
    company_enterprise_number: str
    name: str
    email: str
    language: str


@dataclass(frozen=True)
class SignedInAgent:
    """An operator's agent in the back-office."""

    id: int
    name: str
    email: str
    language: str


def signed_in_agent(agent: OperatorAgent) -> SignedInAgent:
    assert agent.id is not None
    return SignedInAgent(agent.id, agent.name, agent.email, agent.language)


def signed_in(session: Session, manager: FleetManager) -> SignedInManager:
    company = session.get(Company, manager.company_id)
    assert manager.id is not None and company is not None
    return SignedInManager(
        id=manager.id,
        company_id=manager.company_id,
        company_name=company.name,
        company_enterprise_number=company.enterprise_number,
        name=manager.name,
        email=manager.email,
        language=manager.language,
    )
