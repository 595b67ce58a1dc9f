"""Idempotency-Key for the API's POSTs: the same key and request give the first answer again;
the same key with another request is refused. The answer is kept with the key once given."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.db.tables import IdempotentAnswer
from storage.use_cases.services import Services

KEY_MAX_LENGTH = 200


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class KeyReused:
    """The key was used for another request."""


def request_hash(method: str, path: str, body: object) -> str:
    text = json.dumps([method, path, body], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def answer_once(
    services: Services, company_id: int, key: str, asked: str, answer: Callable[[], Answer]
) -> Answer | KeyReused:
    """The answer kept for ``key``, or ``answer()`` (the use case: idempotent itself, through
    a submission key made of the key, so two calls at once make one order) kept for it."""
    found = _kept(services, company_id, key)
    if found is not None:
        return _replayed(found, asked)
    given = answer()
    with Session(services.engine) as session:
        session.add(
            IdempotentAnswer(
                company_id=company_id,
                key=key,
                request_hash=asked,
                status_code=given.status_code,
                body=given.body,
                created_at=services.clock(),
            )
        )
        try:
            session.commit()
        except IntegrityError:  # the same key at the same moment: the first one kept wins
            session.rollback()
            first = _kept(services, company_id, key)
            assert first is not None
            return _replayed(first, asked)
    return given


def _kept(services: Services, company_id: int, key: str) -> IdempotentAnswer | None:
    with Session(services.engine) as session:
        return session.exec(
            select(IdempotentAnswer).where(
                IdempotentAnswer.company_id == company_id, IdempotentAnswer.key == key
            )
        ).first()


def _replayed(found: IdempotentAnswer, asked: str) -> Answer | KeyReused:
    if found.request_hash != asked:
        return KeyReused()
    return Answer(found.status_code, dict(found.body))
