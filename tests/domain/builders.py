"""Valid requests and a company context to start tests from; each test changes one thing."""

import dataclasses
from decimal import Decimal
from typing import Any

from domain.catalogue import Operator
from domain.context import BillingAccount, FleetContext, InvoiceSplitProfile, SubDivision
from domain.language import Language
from domain.request import CardType, OrderRequest, OwnerType, RequestType, SimKind

VALID_ICCID_19 = "8932012345678901233"
VALID_ICCID_20 = "89320123456789012343"
VALID_ENTERPRISE_NUMBER = "0403019261"

CONTEXT = FleetContext(
    billing_accounts=(
        BillingAccount(
            id="acc-1",
            customer_number="1.2345678",
            name="Head office",
            sub_divisions=(
                SubDivision("sales", "Sales", InvoiceSplitProfile(Decimal("30.00"))),
                SubDivision("it", "IT"),
            ),
        ),
        BillingAccount(id="acc-2", customer_number="1.8765432", name="Warehouse"),
    ),
    fleet_numbers=frozenset({"+32470111111"}),
    open_order_numbers=frozenset({"+32470222222"}),
    used_sim_digits=frozenset({"8932000000001"}),
)


def new_number(**changes: Any) -> OrderRequest:
    """A complete, valid request for a new number on a physical SIM."""
    request = OrderRequest(
        request_type=RequestType.NEW_NUMBER,
        customer_number_id="acc-1",
        sim_kind=SimKind.SIM,
        sim_digits="8932 0123 45678",
        end_user_name="An Peeters",
        plan_code="shape_m",
        option_codes=("intl_calls",),
    )
    return dataclasses.replace(request, **changes)


def transfer(**changes: Any) -> OrderRequest:
    """A complete, valid transfer of a company's prepaid number from Proximus, on an eSIM."""
    request = OrderRequest(
        request_type=RequestType.TRANSFER,
        current_operator=Operator.PROXIMUS,
        card_type=CardType.PREPAID,
        transfer_number="0470 12 34 56",
        owner_type=OwnerType.COMPANY,
        owner_name="Acme SA",
        enterprise_number="BE 0403.019.261",
        donor_iccid=VALID_ICCID_19,
        owner_consent=True,
        customer_number_id="acc-1",
        sim_kind=SimKind.ESIM,
        esim_email="an.peeters@acme.be",
        esim_language=Language.NL,
        esim_device_compatible=True,
        end_user_name="An Peeters",
        plan_code="business_pro",
    )
    return dataclasses.replace(request, **changes)


def with_invoice_split(**changes: Any) -> OrderRequest:
    """A valid new-number request with Invoice Split on the sub-division that has a profile."""
    defaults: dict[str, Any] = {
        "sub_division_id": "sales",
        "invoice_split": True,
        "invoice_split_contract_id": "doc-42",
    }
    return new_number(**(defaults | changes))
