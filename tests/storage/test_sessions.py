"""Sign-in sessions and sign-in throttling, below the pages (ASVS V2 and V3)."""

import dataclasses
import secrets
import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import storage.use_cases.accounts as accounts
from storage.db.seed import DEMO_AGENT
from storage.db.tables import SignInSession
from storage.queries.accounts import SignedInAgent, SignedInManager
from storage.throttle import ARGON2_AT_ONCE, SignInThrottle
from storage.use_cases import Services, TryLater, reset_demo, sign_in
from storage.use_cases.sessions import (
    change_password,
    digest,
    end_session,
    forget_old_sessions,
    keep_sessions,
    open_session,
    resume_session,
    start_session,
)
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import NOW, manager_of

REDIS = "redis://127.0.0.1:6379"


def at(services: Services, moment: datetime) -> Services:
    return dataclasses.replace(services, clock=lambda: moment)


def signed_in_token(services: Services, engine: Engine) -> str:
    started = start_session(services, open_session(services, manager_of(engine)))
    assert started is not None
    return started.token


def test_a_ticket_gives_a_new_token_once_and_the_database_keeps_hashes_only(
    services: Services, engine: Engine
) -> None:
    ticket = open_session(services, manager_of(engine))
    started = start_session(services, ticket)
    assert started is not None and started.person == manager_of(engine)
    assert started.token != ticket
    assert start_session(services, ticket) is None  # one use
    with Session(engine) as session:
        row = session.exec(select(SignInSession)).one()
    assert row.token_hash == digest(started.token) and row.ticket_hash is None
    assert started.token not in str(row.model_dump())


def test_a_ticket_expires_after_a_minute(services: Services, engine: Engine) -> None:
    ticket = open_session(services, manager_of(engine))
    assert start_session(at(services, NOW + timedelta(seconds=61)), ticket) is None


def test_two_sign_ins_get_two_different_tokens(services: Services, engine: Engine) -> None:
    assert signed_in_token(services, engine) != signed_in_token(services, engine)


def test_a_session_serves_its_person_until_sign_out(services: Services, engine: Engine) -> None:
    token = signed_in_token(services, engine)
    assert resume_session(services, token) == manager_of(engine)
    end_session(services, token)
    assert resume_session(services, token) is None
    assert resume_session(services, "made-up") is None and resume_session(services, None) is None


def test_a_session_ends_after_30_idle_minutes_but_activity_keeps_it(
    services: Services, engine: Engine
) -> None:
    token = signed_in_token(services, engine)
    assert resume_session(at(services, NOW + timedelta(minutes=29)), token) is not None
    assert resume_session(at(services, NOW + timedelta(minutes=58)), token) is not None
    assert resume_session(at(services, NOW + timedelta(minutes=89)), token) is None
    assert resume_session(at(services, NOW + timedelta(minutes=90)), token) is None  # ended


def test_a_session_ends_12_hours_after_sign_in_however_busy(
    services: Services, engine: Engine
) -> None:
    token = signed_in_token(services, engine)
    for minutes in range(20, 12 * 60, 20):
        assert resume_session(at(services, NOW + timedelta(minutes=minutes)), token), minutes
    assert resume_session(at(services, NOW + timedelta(hours=12, minutes=1)), token) is None


def test_typing_on_an_open_page_counts_as_activity(services: Services, engine: Engine) -> None:
    typing, idle = signed_in_token(services, engine), signed_in_token(services, engine)
    later = at(services, NOW + timedelta(minutes=20))
    assert keep_sessions(later, {typing, idle}, active={typing}) == {typing, idle}
    much_later = at(services, NOW + timedelta(minutes=40))
    assert keep_sessions(much_later, {typing, idle}, active=set()) == {typing}


def test_a_password_change_ends_every_session_of_that_person(
    services: Services, engine: Engine
) -> None:
    first, second = signed_in_token(services, engine), signed_in_token(services, engine)
    other = start_session(services, open_session(services, manager_of(engine, LUMIERE)))
    assert other is not None
    change_password(services, manager_of(engine), "a new long password 2026")
    assert keep_sessions(services, {first, second, other.token}, set()) == {other.token}
    assert isinstance(sign_in(services, NOVA.email, "a new long password 2026"), SignedInManager)


def test_a_demo_reset_ends_every_session(services: Services, engine: Engine) -> None:
    token = signed_in_token(services, engine)
    reset_demo(services)
    assert resume_session(services, token) is None


def test_five_failures_for_an_account_make_even_the_right_password_wait(
    services: Services,
) -> None:
    for _ in range(5):
        assert sign_in(services, NOVA.email, "wrong", "10.0.0.1") is None
    refused = sign_in(services, NOVA.email, NOVA.password, "10.0.0.2")
    assert isinstance(refused, TryLater)
    assert time.time() + 14 * 60 < refused.at.timestamp() <= time.time() + 15 * 60
    other = sign_in(services, LUMIERE.email, LUMIERE.password, "10.0.0.1")
    assert isinstance(other, SignedInManager)  # another account is not held up


def test_an_unknown_e_mail_is_throttled_the_same_way(services: Services) -> None:
    outcomes = [sign_in(services, "nobody@example.be", "x", "10.0.0.1") for _ in range(6)]
    assert outcomes[:5] == [None] * 5 and isinstance(outcomes[5], TryLater)


def test_twenty_failures_from_one_address_make_that_address_wait(services: Services) -> None:
    for n in range(20):
        assert sign_in(services, f"guess{n}@example.be", "x", "10.0.0.9") is None
    assert isinstance(sign_in(services, NOVA.email, NOVA.password, "10.0.0.9"), TryLater)
    assert isinstance(sign_in(services, NOVA.email, NOVA.password, "10.0.0.8"), SignedInManager)


def test_a_success_clears_the_accounts_failures(services: Services) -> None:
    for _ in range(4):
        sign_in(services, DEMO_AGENT.email, "wrong", "10.0.0.1")
    assert isinstance(sign_in(services, DEMO_AGENT.email, DEMO_AGENT.password), SignedInAgent)
    assert sign_in(services, DEMO_AGENT.email, "wrong again", "10.0.0.1") is None


def test_instances_share_the_counts_through_redis(services: Services) -> None:
    namespace = f"test-{secrets.token_hex(4)}"
    first, second = (
        dataclasses.replace(services, throttle=SignInThrottle(REDIS, namespace)) for _ in range(2)
    )
    for instance in (first, second, first, second, first):
        assert sign_in(instance, NOVA.email, "wrong", "10.0.0.1") is None
    assert isinstance(sign_in(second, NOVA.email, NOVA.password, "10.0.0.1"), TryLater)


def test_argon2_checks_run_a_bounded_number_at_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def slow_verify(password: str, hashed: str) -> bool:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)  # stands for Argon2's work; the count is what is checked
        with lock:
            running -= 1
        return False

    monkeypatch.setattr(accounts.hasher, "verify", slow_verify)
    tries = [
        threading.Thread(target=sign_in, args=(services, f"p{n}@example.be", "x", f"10.1.0.{n}"))
        for n in range(8)
    ]
    for thread in tries:
        thread.start()
    for thread in tries:
        thread.join()
    assert most == ARGON2_AT_ONCE


def test_sessions_over_for_a_day_are_deleted_and_open_ones_kept(
    services: Services, engine: Engine
) -> None:
    ended, open_one = signed_in_token(services, engine), signed_in_token(services, engine)
    open_session(services, manager_of(engine))  # a ticket never used
    end_session(services, ended)
    assert forget_old_sessions(at(services, NOW + timedelta(hours=23))) == 0
    assert forget_old_sessions(at(services, NOW + timedelta(hours=25))) == 2
    with Session(engine) as session:
        kept = session.exec(select(SignInSession)).all()
    assert [row.token_hash for row in kept] == [digest(open_one)]
