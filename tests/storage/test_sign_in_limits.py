"""Signing in with an e-mail or password past the domain's limits matches no account, without
querying or hashing what was sent."""

from unittest.mock import patch

from storage.db.passwords import hasher
from storage.use_cases import Services, sign_in
from tests.conftest import NOVA


def test_an_over_long_password_or_e_mail_matches_no_account(services: Services) -> None:
    with patch.object(hasher, "verify", wraps=hasher.verify) as verify:
        assert sign_in(services, NOVA.email, NOVA.password + "x" * 100_000) is None
        assert sign_in(services, "a" * 100_000 + NOVA.email, NOVA.password) is None
    assert all(len(call.args[0]) == 0 for call in verify.call_args_list)  # the decoy, empty
    assert sign_in(services, NOVA.email, NOVA.password) is not None
