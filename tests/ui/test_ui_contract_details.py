"""The Invoice Split contract is pre-filled only with answers that apply, once those it prints
are known, in the language chosen for it."""

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
            "end_user_name": "Noor El Amrani",
            "plan_code": "shape_m",
        }
    )
    assert details is not None and details.number_e164 == "+32470123456"  # type: ignore[attr-defined]


def test_no_contract_without_a_sub_division_with_a_profile() -> None:
    assert details_for({"customer_number_id": "acc-1"}) is None


SPLIT_NEW_NUMBER = {
    "request_type": "new_number",
    "sim_kind": "sim",
    "customer_number_id": "acc-1",
    "sub_division_id": "sales",
    "end_user_name": "Noor El Amrani",
    "plan_code": "shape_m",
    "invoice_split": True,
}


def test_no_contract_while_an_answer_it_prints_is_missing() -> None:
    assert details_for({**SPLIT_NEW_NUMBER, "end_user_name": ""}) is None
    assert details_for({**SPLIT_NEW_NUMBER, "plan_code": None}) is None


def test_the_contract_is_in_the_language_chosen_for_it_not_the_esim_emails() -> None:
    esim = {**SPLIT_NEW_NUMBER, "sim_kind": "esim", "esim_email": "noor@example.com"}
    chosen = details_for({**esim, "esim_language": "nl", "contract_language": "fr"})
    assert chosen is not None and chosen.language == "fr"  # type: ignore[attr-defined]
    # An older draft without the choice: the end user's language, as before.
    default = details_for({**esim, "esim_language": "nl"})
    assert default is not None and default.language == "nl"  # type: ignore[attr-defined]
