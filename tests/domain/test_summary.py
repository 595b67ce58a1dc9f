"""Reading a request back: the answers that apply, in the user's words."""

from decimal import Decimal

from domain.context import BillingAccount, FleetContext, InvoiceSplitProfile, SubDivision
from domain.request import CardType, OrderRequest
from domain.summary import answers
from tests.domain.builders import VALID_ICCID_19, new_number, transfer

CONTEXT = FleetContext(
    billing_accounts=(
        BillingAccount(
            "1",
            "7.10045821",
            "Antwerpen",
            (SubDivision("2", "Team {Antwerp}", InvoiceSplitProfile(Decimal("30"), "€30")),),
        ),
    )
)


def rendered(request: OrderRequest) -> dict[str, str]:
    return {
        a.field: a.render(lambda text: text, lambda cents: f"EUR {cents / 100:.2f}")
        for a in answers(request, CONTEXT)
    }


def test_a_sub_division_name_is_shown_as_typed_even_with_braces() -> None:
    shown = rendered(OrderRequest.from_dict({"customer_number_id": "1", "sub_division_id": "2"}))
    assert shown["sub_division_id"] == "Team {Antwerp}, the company pays up to EUR 30.00 a month"


def test_answers_that_no_longer_apply_are_not_read_back() -> None:
    request = OrderRequest.from_dict(
        {
            "request_type": "new_number",
            "transfer_number": "0470 12 34 56",
            "sim_kind": "sim",
            "sim_digits": "8932000012345",
            "esim_email": "old@example.com",
        }
    )
    shown = rendered(request)
    assert "transfer_number" not in shown and "esim_email" not in shown
    assert shown["sim_digits"] == "8932000012345"


def test_travel_data_control_reads_as_a_cap_no_limit_or_blocked() -> None:
    assert (
        rendered(OrderRequest(travel_data_control=100))["travel_data_control"]
        == "EUR 100.00 a month excl. VAT"
    )
    assert rendered(OrderRequest(travel_data_control=None))["travel_data_control"] == "No limit"
    assert (
        rendered(OrderRequest(travel_data_control=0))["travel_data_control"]
        == "Data abroad blocked"
    )


def test_answers_read_back_as_they_will_be_submitted() -> None:
    """A pasted full ICCID reads back as its 13 SIM digits, a customer number in capitals, a
    number as +32 4xx: what the order will hold, not what was typed."""
    new = new_number(sim_digits=VALID_ICCID_19)
    assert rendered(new)["sim_digits"] == VALID_ICCID_19[:13]
    moved = transfer(
        card_type=CardType.SUBSCRIPTION,
        donor_customer_number="abc 123",
        transfer_number="0032 470.12.34.56",
    )
    shown = rendered(moved)
    assert shown["donor_customer_number"] == "ABC 123"
    assert shown["transfer_number"] == "+32 470 12 34 56"
