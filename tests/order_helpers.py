"""Placing orders below the UI, for tests: the same use case the wizard calls."""

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.catalogue import Operator
from domain.orders import PlacedOrder
from domain.request import CardType, OrderRequest
from storage.db.seed import DemoLogin
from storage.db.tables import FleetManager
from storage.documents.checks import Refusal
from storage.documents.files import DocumentInfo
from storage.queries.accounts import SignedInManager, signed_in
from storage.queries.drafts import load_draft, new_draft_state
from storage.use_cases import (
    ContractChanged,
    Refused,
    Services,
    attach_signed_contract,
    place_order,
    save_draft,
)
from storage.use_cases.contracts import ContractOutcome
from tests.conftest import NOVA

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # a Thursday morning in Brussels
NEW_NUMBER = OrderRequest.from_dict(
    {
        "request_type": "new_number",
        "customer_number_id": "1",
        "end_user_name": "Noor El Amrani",
        "sim_kind": "sim",
        "sim_digits": "8932000012345",
        "plan_code": "shape_m",
    }
)

# A transfer of a company's prepaid Proximus number onto an eSIM, every answer given.
ESIM_TRANSFER = OrderRequest.from_dict(
    {
        "request_type": "transfer",
        "current_operator": "proximus",
        "card_type": "prepaid",
        "transfer_number": "0475 98 76 54",
        "owner_type": "company",
        "owner_name": "Nova Logistics NV",
        "enterprise_number": "BE 0412.345.614",
        "donor_iccid": "8932021234567890120",
        "owner_consent": True,
        "customer_number_id": "1",
        "end_user_name": "Noor El Amrani",
        "sim_kind": "esim",
        "esim_email": "noor@nova-logistics.be",
        "esim_language": "nl",
        "esim_device_compatible": True,
        "plan_code": "shape_m",
        "option_codes": ["intl_calls", "secure_net"],
        "travel_data_control": 100,
    }
)

# The same, of an Orange subscription (a customer number at Orange instead of the SIM card).
ORANGE_SUBSCRIPTION = dataclasses.replace(
    ESIM_TRANSFER,
    current_operator=Operator.ORANGE,
    card_type=CardType.SUBSCRIPTION,
    donor_iccid="",
    donor_customer_number="ORA 123456",
    transfer_number="0476 11 22 33",
)


def documents_beside(engine: Engine) -> Path:
    """The documents folder the app of a test uses: beside the test's database file."""
    return Path(str(engine.url.database)).parent / "documents"


def services_for(
    engine: Engine,
    documents_dir: Path,
    *,
    now: datetime = NOW,
    public_url: str | None = None,
) -> Services:
    return Services(
        engine=engine,
        documents_dir=documents_dir,
        smdp_address="smdp.example.be",
        public_url=public_url,
        clock=lambda: now,
        demo=True,
    )


def manager_of(engine: Engine, login: DemoLogin = NOVA) -> SignedInManager:
    """The demo login's fleet manager, without the password check (Argon2 is slow)."""
    with Session(engine) as session:
        manager = session.exec(select(FleetManager).where(FleetManager.email == login.email)).one()
        return signed_in(session, manager)


def place(
    services: Services,
    request: OrderRequest = NEW_NUMBER,
    key: str = "key-1",
    login: DemoLogin = NOVA,
) -> PlacedOrder | Refused:
    return place_order(services, manager_of(services.engine, login), request, key)


def placed(
    services: Services, request: OrderRequest = NEW_NUMBER, key: str = "key-1"
) -> PlacedOrder:
    outcome = place(services, request, key)
    assert isinstance(outcome, PlacedOrder), outcome
    return outcome


def attach(
    services: Services, data: bytes, name: str = "scan.pdf", login: DemoLogin = NOVA
) -> ContractOutcome | Refusal:
    """Upload ``data`` as the signed contract of the manager's draft (made if there is none)."""
    manager = manager_of(services.engine, login)
    draft = load_draft(services.engine, manager.id)
    if draft is None:
        draft = new_draft_state()
        save_draft(services, manager, draft)
    return attach_signed_contract(services, manager, draft.submission_key, name, data)


def attached(
    services: Services, data: bytes, name: str = "scan.pdf", login: DemoLogin = NOVA
) -> DocumentInfo:
    outcome = attach(services, data, name, login)
    assert isinstance(outcome, ContractChanged) and outcome.document is not None, outcome
    return outcome.document
