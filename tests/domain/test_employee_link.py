"""The employee's link (issue 15, its rules only): a random secret kept as a hash, valid 7 days,
used once, withdrawn by the fleet manager; each way it no longer opens says whom to ask."""

from datetime import UTC, datetime, timedelta

from domain.employee_link import (
    LINK_LIFETIME,
    EmployeeLink,
    LinkPurpose,
    LinkState,
    link_hash,
    new_link_secret,
)

MADE = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_a_secret_is_random_long_and_kept_only_as_its_hash() -> None:
    secrets = {new_link_secret() for _ in range(200)}
    assert len(secrets) == 200
    assert all(len(secret) >= 43 for secret in secrets)  # 32 bytes in URL-safe base64
    secret = next(iter(secrets))
    assert link_hash(secret) == link_hash(secret)
    assert secret not in link_hash(secret) and len(link_hash(secret)) == 64


def test_a_link_opens_for_seven_days() -> None:
    link = EmployeeLink(LinkPurpose.TRANSFER_DETAILS, MADE)
    assert link.state(MADE) is LinkState.OPEN
    assert link.state(MADE + LINK_LIFETIME - timedelta(seconds=1)) is LinkState.OPEN
    assert link.state(MADE + LINK_LIFETIME) is LinkState.EXPIRED


def test_a_used_or_withdrawn_link_says_so_even_after_it_would_have_expired() -> None:
    later = MADE + timedelta(days=30)
    used = EmployeeLink(LinkPurpose.INVOICE_SPLIT_SIGNATURE, MADE, used_at=MADE)
    withdrawn = EmployeeLink(LinkPurpose.INVOICE_SPLIT_SIGNATURE, MADE, revoked_at=MADE)
    assert used.state(later) is LinkState.USED
    assert withdrawn.state(later) is LinkState.REVOKED


def test_each_closed_link_says_whom_to_ask() -> None:
    for state in (LinkState.USED, LinkState.EXPIRED, LinkState.REVOKED):
        text = state.message.format(manager="Sofie Peeters", company="Nova Logistics NV")
        assert "Sofie Peeters" in text and "Nova Logistics NV" in text
