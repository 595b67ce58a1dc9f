"""The Invoice Split contract is pre-filled only with answers that apply."""

from types import SimpleNamespace

from domain.request import OrderRequest
from tests.domain.builders import CONTEXT
from ui.wizard.documents import contract_details

MANAGER = SimpleNamespace(company_name="Nova Logistics NV", company_enterprise_number="0412345614")


def details_for(answers: dict[str, object]) -> object:
    state = SimpleNamespace(
        request=OrderRequest.from_dict(answers), context=CONTEXT, manager=MANAGER
    )
    return contract_details(state)  # type: ignore[arg-type]


def test_a_new_number_contract_carries_no_number_or_email_left_from_earlier_answers() -> None:
    details = details_for(
        {
            "request_type": "new_number",
            "transfer_number": "0470 12 34 56",
            "sim_kind": "sim",
            "esim_email": "old.person@example.com",
            "customer_number_id": "acc-1",
            "sub_division_id": "sales",
            "end_user_name": "Noor El Amrani",
            "plan_code": "shape_m",
        }
    )
    assert details is not None
    assert details.number_e164 is None  # type: ignore[attr-defined]
    assert details.end_user_email == ""  # type: ignore[attr-defined]
    assert details.company_cap_cents == 3000  # type: ignore[attr-defined]


def test_a_transfer_contract_carries_the_number_in_e164() -> None:
    details = details_for(
        {
            "request_type": "transfer",
            "transfer_number": "0470 12 34 56",
            "customer_number_id": "acc-1",
            "sub_division_id": "sales",
        }
    )
    assert details is not None and details.number_e164 == "+32470123456"  # type: ignore[attr-defined]


def test_no_contract_without_a_sub_division_with_a_profile() -> None:
    assert details_for({"customer_number_id": "acc-1"}) is None
