"""Who calls: a company's API token in `Authorization: Bearer …`, checked on every call
(401 without a valid one), counted against its rate limit (429), logged with its name; a
read-only token cannot write (403). The caller's language comes from `Accept-Language`."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import Depends, Header, HTTPException, Request

from domain.language import Language
from storage.use_cases import Services
from storage.use_cases.api_tokens import ApiCaller, authenticate_api_token

logger = logging.getLogger("api")
NO_TOKEN = "A valid API token is needed: send it as Authorization: Bearer <token>."
READ_ONLY = "This token is read-only: make a read-write token on the app's API page."
TOO_MANY = "Too many calls with this token: wait a minute and call again."

Caller = Callable[..., ApiCaller]


def token_caller(services: Services) -> Caller:
    """The dependency every route has: the token's caller, or 401 / 429."""

    def caller(request: Request, authorization: str | None = Header(None)) -> ApiCaller:
        scheme, _space, secret = (authorization or "").partition(" ")
        found = (
            authenticate_api_token(services, secret.strip()) if scheme.lower() == "bearer" else None
        )
        if found is None:
            raise HTTPException(401, NO_TOKEN, headers={"WWW-Authenticate": "Bearer"})
        wait = services.throttle.api_call(found.token_id)
        if wait is not None:
            raise HTTPException(429, TOO_MANY, headers={"Retry-After": _seconds(wait)})
        logger.info(
            "API %s %s by token %r (company %s)",
            request.method,
            request.url.path,
            found.token_name,
            found.manager.company_id,
        )
        return found

    return caller


def writer(caller: Caller) -> Caller:
    """The dependency of a route that changes something: a read-write token, or 403."""

    def write(found: ApiCaller = Depends(caller)) -> ApiCaller:  # noqa: B008
        if not found.can_write:
            raise HTTPException(403, READ_ONLY)
        return found

    return write


def language_of(accept_language: str | None = Header(None)) -> Language:
    """The first of fr, nl and en the caller accepts (by weight); English otherwise."""
    weighted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _semi, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        weighted.append((quality, tag.strip().lower()[:2]))
    for _quality, tag in sorted(weighted, key=lambda pair: -pair[0]):
        if tag in {language.value for language in Language}:
            return Language(tag)
    return Language.EN


def _seconds(until: datetime) -> str:
    return str(max(1, int((until - datetime.now(UTC)).total_seconds()) + 1))
