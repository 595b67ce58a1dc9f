"""Invoice Split: the contract's language, what it prints, and when its signed scan is stale."""

import dataclasses
import hashlib

from domain.invoice_split import (
    contract_basis,
    contract_language,
    default_contract_language,
    with_contract_language,
)
from domain.language import Language
from domain.request import OrderRequest, SimKind, applicable
from domain.steps import Step
from domain.summary import answers
from domain.validation import contract_problems, normalise, validate_request
from tests.domain.builders import CONTEXT, transfer, with_invoice_split

STALE = "Answers printed on the contract changed"


def signed(request: OrderRequest) -> OrderRequest:
    """The request with its scan's fingerprint recorded, as an upload records it."""
    return dataclasses.replace(
        request, invoice_split_contract_basis=contract_basis(normalise(request))
    )


def test_an_esim_contract_is_offered_in_the_end_users_language() -> None:
    esim = transfer(esim_language=Language.NL)
    assert default_contract_language(esim, Language.FR) is Language.NL


def test_a_physical_sim_contract_is_offered_in_the_fleet_managers_language() -> None:
    sim = with_invoice_split()
    assert default_contract_language(sim, Language.EN) is Language.EN
    # An eSIM language left from before a switch to a physical SIM is no longer the end user's.
    left_over = dataclasses.replace(sim, esim_language=Language.NL)
    assert default_contract_language(left_over, Language.EN) is Language.EN


def test_an_esim_without_its_language_yet_falls_back_to_the_fleet_managers() -> None:
    assert default_contract_language(transfer(esim_language=None), Language.FR) is Language.FR


def test_the_language_chosen_wins_over_the_default() -> None:
    esim = transfer(esim_language=Language.NL, contract_language=Language.EN)
    assert contract_language(esim, Language.FR) is Language.EN


def test_ticking_invoice_split_makes_the_default_language_an_answer() -> None:
    request = with_invoice_split(invoice_split_contract_id=None)
    filled = with_contract_language(request, Language.NL)
    assert filled.contract_language is Language.NL
    # Once an answer, the fleet manager's screen language no longer changes it.
    assert with_contract_language(filled, Language.FR).contract_language is Language.NL


def test_no_language_is_filled_in_without_invoice_split() -> None:
    request = with_invoice_split(invoice_split=False, invoice_split_contract_id=None)
    assert with_contract_language(request, Language.NL) == request


def test_a_scan_uploaded_before_the_choice_existed_is_left_as_it_is() -> None:
    older = signed(with_invoice_split())
    assert older.contract_language is None
    assert with_contract_language(older, Language.NL) == older
    assert validate_request(older, CONTEXT) == []


def test_an_older_scans_fingerprint_is_the_one_it_was_recorded_with() -> None:
    request = normalise(with_invoice_split())
    printed = ("acc-1", "sales", "An Peeters", "", "", "shape_m")  # as recorded before
    before = hashlib.sha256("\x1f".join(printed).encode()).hexdigest()[:16]
    assert contract_basis(request) == before


def test_a_new_contract_language_after_the_upload_asks_for_a_new_signed_contract() -> None:
    scan = signed(with_invoice_split(contract_language=Language.FR))
    assert validate_request(scan, CONTEXT) == []
    other_language = dataclasses.replace(scan, contract_language=Language.NL)
    problems = validate_request(other_language, CONTEXT)
    assert [p.field for p in problems] == ["invoice_split_contract_id"]
    assert problems[0].message.startswith(STALE)


def test_without_invoice_split_the_contract_language_is_dropped() -> None:
    request = with_invoice_split(invoice_split=False, contract_language=Language.FR)
    assert applicable(request).contract_language is None


def test_an_older_draft_or_order_without_the_language_loads_with_none() -> None:
    data = with_invoice_split().to_dict()
    del data["contract_language"]
    assert OrderRequest.from_dict(data).contract_language is None
    assert OrderRequest.from_dict({**data, "contract_language": "de"}).contract_language is None
    assert OrderRequest.from_dict({**data, "contract_language": "fr"}).contract_language is (
        Language.FR
    )


def test_the_contract_can_be_prefilled_once_what_it_prints_is_known() -> None:
    assert contract_problems(with_invoice_split(), CONTEXT) == []


def test_the_contract_waits_for_the_answers_it_prints() -> None:
    unnamed = with_invoice_split(end_user_name="", plan_code=None)
    assert [p.field for p in contract_problems(unnamed, CONTEXT)] == [
        "end_user_name",
        "plan_code",
    ]


def test_the_contract_waits_for_a_sub_division_with_a_profile_ticked_or_not() -> None:
    for ticked in (True, False):
        request = with_invoice_split(sub_division_id="it", invoice_split=ticked)
        assert [p.field for p in contract_problems(request, CONTEXT)] == ["sub_division_id"]


def test_what_the_contract_does_not_print_does_not_hold_it_back() -> None:
    request = with_invoice_split(sim_digits="1234", invoice_split_contract_id=None)
    assert contract_problems(request, CONTEXT) == []


def test_check_your_answers_reads_the_contracts_language_back_in_its_own_name() -> None:
    request = with_invoice_split(contract_language=Language.NL, sim_kind=SimKind.SIM)
    (answer,) = [a for a in answers(request, CONTEXT) if a.field == "contract_language"]
    assert answer.step is Step.INVOICE_SPLIT
    assert answer.render(str, str) == "Nederlands"
