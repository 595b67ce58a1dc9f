"""eSIM activation codes, GSMA SGP.22."""

import re

import pytest

from domain.esim import ActivationCode, new_activation_code, new_matching_id


def test_activation_code_is_lpa_1_address_and_matching_id() -> None:
    code = ActivationCode("smdp.example.be", "ABCDE-12345-FGHIJ-67890")
    assert str(code) == "LPA:1$smdp.example.be$ABCDE-12345-FGHIJ-67890"


def test_new_activation_code_uses_the_configured_sm_dp_address() -> None:
    code = new_activation_code("rsp.orange.example")
    assert re.fullmatch(r"LPA:1\$rsp\.orange\.example\$[0-9A-Z-]+", str(code))


def test_matching_id_is_four_groups_of_five_uppercase_alphanumerics() -> None:
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){3}", new_matching_id())


def test_matching_ids_do_not_repeat() -> None:
    assert len({new_matching_id() for _ in range(2000)}) == 2000


@pytest.mark.parametrize("address", ["", "smdp example", "smdp$evil.be", "localhost", "-x.be"])
def test_sm_dp_address_that_is_no_host_name_is_a_configuration_error(address: str) -> None:
    with pytest.raises(ValueError, match="SM-DP"):
        ActivationCode(address, "ABCDE")


@pytest.mark.parametrize("matching_id", ["", "abcde", "AB$CD", "AB CD"])
def test_matching_id_outside_the_sgp22_characters_is_refused(matching_id: str) -> None:
    with pytest.raises(ValueError, match="matching id"):
        ActivationCode("smdp.example.be", matching_id)


def test_matching_ids_typed_by_hand_have_no_look_alike_characters() -> None:
    # Crockford's base32: no I, L, O or U, so no O/0 or I/1/L to mistake when typing.
    for _ in range(5000):
        matching_id = new_matching_id()
        assert set(matching_id) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ-")
        assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){3}", matching_id)
        assert ActivationCode("smdp.example.be", matching_id).matching_id == matching_id
