"""Signing in with an e-mail or password past the domain's limits matches no account, without
querying or hashing what was sent; an empty one is told what to fill in, with no check at all."""

from unittest.mock import patch

import pytest

from storage.db.passwords import hasher
from storage.queries.accounts import SignedInManager
from storage.use_cases import Incomplete, Services, sign_in
from tests.conftest import NOVA


def test_an_over_long_password_or_e_mail_matches_no_account(services: Services) -> None:
    with patch.object(hasher, "verify", wraps=hasher.verify) as verify:
        assert sign_in(services, NOVA.email, NOVA.password + "x" * 100_000) is None
        assert sign_in(services, "a" * 100_000 + NOVA.email, NOVA.password) is None
    assert all(len(call.args[0]) == 0 for call in verify.call_args_list)  # the decoy, empty
    assert sign_in(services, NOVA.email, NOVA.password) is not None


@pytest.mark.parametrize(
    ("email", "password", "missing"),
    [
        ("", "", ("Enter your e-mail address.", "Enter your password.")),
        ("   ", NOVA.password, ("Enter your e-mail address.",)),
        (NOVA.email, "", ("Enter your password.",)),
    ],
)
def test_an_empty_sign_in_says_what_to_fill_in_without_a_check_or_a_counted_try(
    services: Services, email: str, password: str, missing: tuple[str, ...]
) -> None:
    with patch.object(hasher, "verify", wraps=hasher.verify) as verify:
        for _ in range(10):  # twice the limit of failures: none is counted
            assert sign_in(services, email, password) == Incomplete(missing)
    assert verify.call_count == 0
    assert isinstance(sign_in(services, NOVA.email, NOVA.password), SignedInManager)
