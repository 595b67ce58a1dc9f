"""The order request draft: JSON round trips, and clearing the answers that no longer apply."""

import dataclasses
import json

import pytest

from domain.catalogue import Operator
from domain.fields import NAME_MAX_LENGTH, TOO_LONG, Invalid, check_name
from domain.language import Language
from domain.request import (
    CODES_MAX_COUNT,
    ID_MAX_LENGTH,
    CardType,
    OrderRequest,
    OwnerType,
    RequestType,
    SimKind,
    applicable,
)
from tests.domain.builders import new_number, transfer, with_invoice_split


@pytest.mark.parametrize(
    "request_",
    [OrderRequest(), new_number(), transfer(), with_invoice_split(travel_data_control=None)],
)
def test_draft_survives_a_json_round_trip(request_: OrderRequest) -> None:
    data = json.loads(json.dumps(request_.to_dict()))
    assert OrderRequest.from_dict(data) == request_


def test_draft_dict_holds_enum_values_and_lists() -> None:
    data = transfer(option_codes=("intl_calls",)).to_dict()
    assert data["request_type"] == "transfer"
    assert data["current_operator"] == "proximus"
    assert data["esim_language"] == "nl"
    assert data["option_codes"] == ["intl_calls"]


@pytest.mark.parametrize("data", [{}, None, [], "draft", {"unknown": 1}])
def test_missing_or_unknown_keys_give_an_empty_draft(data: object) -> None:
    assert OrderRequest.from_dict(data) == OrderRequest()


@pytest.mark.parametrize(
    ("key", "stored", "loaded"),
    [
        ("request_type", "teleport", None),
        ("request_type", 3, None),
        ("esim_language", "de", None),
        ("owner_consent", "true", False),  # only a real true ticks a confirmation
        ("owner_consent", 1, False),
        ("owner_name", 42, "42"),
        ("owner_name", None, ""),
        ("customer_number_id", 7, "7"),
        ("customer_number_id", "  ", None),
        ("option_codes", ["a", "a", "", "b"], ("a", "b")),
        ("option_codes", "intl_calls", ("intl_calls",)),
        ("option_codes", {"a": 1}, ()),
        ("travel_data_control", None, None),
        ("travel_data_control", "100", 100),
        ("travel_data_control", "lots", 50),
        ("travel_data_control", True, 50),
    ],
)
def test_bad_stored_values_are_dropped_or_coerced(key: str, stored: object, loaded: object) -> None:
    assert getattr(OrderRequest.from_dict({key: stored}), key) == loaded


def test_missing_travel_data_control_is_the_eu_default_of_50() -> None:
    assert OrderRequest.from_dict({}).travel_data_control == 50


TRANSFER_ONLY = {
    "current_operator": None,
    "card_type": None,
    "transfer_number": "",
    "owner_type": None,
    "owner_name": "",
    "enterprise_number": "",
    "donor_iccid": "",
    "donor_customer_number": "",
    "owner_consent": False,
}


@pytest.mark.parametrize(("field", "cleared"), TRANSFER_ONLY.items())
def test_switching_to_a_new_number_clears_the_transfer_answers(field: str, cleared: object) -> None:
    request = dataclasses.replace(transfer(), request_type=RequestType.NEW_NUMBER)
    assert getattr(applicable(request), field) == cleared


@pytest.mark.parametrize(
    ("changes", "field", "kept"),
    [
        ({}, "transfer_number", "0470 12 34 56"),
        ({}, "enterprise_number", "BE 0403.019.261"),
        ({}, "donor_iccid", "8932012345678901233"),
        (
            {"card_type": CardType.SUBSCRIPTION, "donor_customer_number": "C1"},
            "donor_customer_number",
            "C1",
        ),
        ({"sim_kind": SimKind.SIM, "sim_digits": "8932012345678"}, "sim_digits", "8932012345678"),
        ({}, "esim_email", "an.peeters@acme.be"),
        ({}, "esim_language", Language.NL),
        (
            {"travel_data_control": None, "travel_data_no_limit_confirmed": True},
            "travel_data_no_limit_confirmed",
            True,
        ),
        (
            {"invoice_split": True, "invoice_split_contract_id": "doc"},
            "invoice_split_contract_id",
            "doc",
        ),
        ({"sub_division_id": "it"}, "sub_division_id", "it"),
    ],
)
def test_answers_that_apply_are_kept(changes: dict[str, object], field: str, kept: object) -> None:
    assert getattr(applicable(transfer(**changes)), field) == kept


@pytest.mark.parametrize(
    ("changes", "field", "cleared"),
    [
        ({"card_type": CardType.SUBSCRIPTION}, "donor_iccid", ""),
        (
            {"card_type": CardType.PREPAID, "donor_customer_number": "C1"},
            "donor_customer_number",
            "",
        ),
        ({"owner_type": OwnerType.PRIVATE}, "enterprise_number", ""),
        ({"sim_kind": SimKind.SIM}, "esim_email", ""),
        ({"sim_kind": SimKind.SIM}, "esim_language", None),
        ({"sim_kind": SimKind.SIM}, "esim_device_compatible", False),
        (
            {"sim_kind": SimKind.SIM, "esim_qr_copy_to_manager": True},
            "esim_qr_copy_to_manager",
            False,
        ),
        ({"sim_kind": SimKind.ESIM, "sim_digits": "8932012345678"}, "sim_digits", ""),
        (
            {"travel_data_control": 100, "travel_data_no_limit_confirmed": True},
            "travel_data_no_limit_confirmed",
            False,
        ),
        (
            {"invoice_split": False, "invoice_split_contract_id": "doc"},
            "invoice_split_contract_id",
            None,
        ),
        ({"customer_number_id": None, "sub_division_id": "it"}, "sub_division_id", None),
    ],
)
def test_answers_that_no_longer_apply_are_cleared(
    changes: dict[str, object], field: str, cleared: object
) -> None:
    assert getattr(applicable(transfer(**changes)), field) == cleared


def test_applicable_leaves_the_draft_itself_untouched() -> None:
    draft = transfer(request_type=RequestType.NEW_NUMBER)
    applicable(draft)
    assert draft.current_operator is Operator.PROXIMUS


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (RequestType.NEW_NUMBER, "A new number"),
        (CardType.PREPAID, "Prepaid card"),
        (OwnerType.COMPANY, "A company"),
        (SimKind.ESIM, "eSIM"),
    ],
)
def test_choices_carry_a_label_message_id(
    member: RequestType | CardType | OwnerType | SimKind, label: str
) -> None:
    assert member.label == label


@pytest.mark.parametrize(
    ("language", "value", "name"),
    [
        (Language.FR, "fr", "Français"),
        (Language.NL, "nl", "Nederlands"),
        (Language.EN, "en", "English"),
    ],
)
def test_languages_are_french_dutch_and_english(language: Language, value: str, name: str) -> None:
    assert (language.value, language.native_name) == (value, name)


def test_a_huge_paste_is_kept_short_and_still_judged_too_long() -> None:
    pasted = OrderRequest.from_dict({"owner_name": "x" * 100_000, "end_user_name": "An Peeters"})
    assert len(pasted.owner_name) == NAME_MAX_LENGTH + 1
    assert len(json.dumps(pasted.to_dict())) < 2_000
    assert pasted.end_user_name == "An Peeters"  # the other answers are kept as typed
    assert check_name(pasted.owner_name, "missing") == Invalid(
        TOO_LONG, {"field": "Name", "max": NAME_MAX_LENGTH}
    )


def test_a_valid_answer_padded_with_spaces_is_kept_whole() -> None:
    padded = "An" + " " * 5_000 + "Peeters"
    assert OrderRequest.from_dict({"owner_name": padded}).owner_name == "An Peeters"


def test_stray_ids_and_option_codes_are_kept_short() -> None:
    request = OrderRequest.from_dict(
        {"plan_code": "p" * 10_000, "option_codes": [str(n) * 100 for n in range(1_000)]}
    )
    assert request.plan_code is not None and len(request.plan_code) == ID_MAX_LENGTH + 1
    assert len(request.option_codes) == CODES_MAX_COUNT
    assert all(len(code) <= ID_MAX_LENGTH + 1 for code in request.option_codes)


def test_a_new_draft_has_no_answer_until_one_is_given() -> None:
    assert not OrderRequest().has_answer  # the travel data control's default is no answer
    assert OrderRequest(request_type=RequestType.NEW_NUMBER).has_answer
    assert OrderRequest(end_user_name="Lotte Janssens").has_answer
