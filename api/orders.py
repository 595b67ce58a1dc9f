"""The company's orders: list, read, place, cancel, resubmit. Placing goes through the
wizard's own `place_order` (or `ask_employee` when the employee gives a part), with a
submission key made of the Idempotency-Key; problems come back as the pages word them."""

import hashlib
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query
from fastapi.responses import JSONResponse

from api.auth import Caller, language_of, token_caller, writer
from api.models import AskedOut, ErrorOut, OrderIn, OrderOut, OrderRowOut, OrdersOut, ProblemsOut
from domain.employee_link import asked_parts
from domain.language import Language
from domain.orders import OrderStatus, PlacedOrder
from domain.problems import Problem
from domain.request import OrderRequest
from locales import translate_to
from locales.formats import format_cents
from storage.queries.orders import OrderListRow, OrderView, order_view, orders_page
from storage.use_cases import (
    NotFound,
    NotNow,
    Refused,
    Services,
    cancel_order,
    place_order,
    resubmit_order,
)
from storage.use_cases.api_tokens import ApiCaller
from storage.use_cases.employee_requests import AskedEmployee, ask_employee
from storage.use_cases.idempotency import Answer, KeyReused, answer_once, request_hash

MAX_PER_PAGE = 200
KEY_REUSED = "This Idempotency-Key was used for another request: use a new key for a new request."
NOT_FOUND = "No such order for this company."
WRITES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No valid token"},
    403: {"model": ErrorOut, "description": "A read-only token"},
    422: {"model": ProblemsOut, "description": "What to change, one entry per answer"},
}
IDEMPOTENCY_KEY = Header(..., alias="Idempotency-Key", min_length=1, max_length=200)


def orders_router(services: Services) -> APIRouter:
    router = APIRouter(tags=["orders"])
    caller = token_caller(services)
    _reads(router, services, caller)
    _placing(router, services, writer(caller))
    _changes(router, services, writer(caller))
    return router


def _reads(router: APIRouter, services: Services, caller: Caller) -> None:
    @router.get("/orders", summary="The company's orders, newest first")
    def orders(
        status: OrderStatus | None = None,
        page: int = Query(1, ge=1, le=100_000),
        per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
        found: ApiCaller = Depends(caller),  # noqa: B008
    ) -> OrdersOut:
        listed = orders_page(
            services.engine,
            found.manager.company_id,
            services.clock(),
            status=status,
            offset=(page - 1) * per_page,
            limit=per_page,
        )
        rows = [_row(row) for row in listed.rows]
        return OrdersOut(orders=rows, total=listed.total, page=page, per_page=per_page)

    @router.get("/orders/{reference}", summary="One order", responses={404: {"model": ErrorOut}})
    def order(reference: str, found: ApiCaller = Depends(caller)) -> OrderOut:  # noqa: B008
        view = order_view(services.engine, found.manager.company_id, reference)
        if view is None:
            raise HTTPException(404, NOT_FOUND)
        return order_out(view)


def _placing(router: APIRouter, services: Services, write: Caller) -> None:
    @router.post(
        "/orders",
        summary="Place an order (or send it to the employee for their part)",
        status_code=201,
        responses={**WRITES, 202: {"model": AskedOut, "description": "Sent to the employee"}},
        response_model=OrderOut,
    )
    def place(
        body: OrderIn,
        idempotency_key: str = IDEMPOTENCY_KEY,
        language: Language = Depends(language_of),  # noqa: B008
        found: ApiCaller = Depends(write),  # noqa: B008
    ) -> JSONResponse:
        def answer() -> Answer:
            request = OrderRequest.from_dict(body.model_dump())
            key = _submission_key(found, idempotency_key)
            if asked_parts(request):
                return _asked(ask_employee(services, found.manager, request, key), language)
            return _placed(
                services, found, place_order(services, found.manager, request, key), language
            )

        return _once(
            services, found, idempotency_key, ("POST", "/orders", body.model_dump()), answer
        )


def _changes(router: APIRouter, services: Services, write: Caller) -> None:
    @router.post("/orders/{reference}/cancel", summary="Cancel a received order", responses=WRITES)
    def cancel(
        reference: str,
        idempotency_key: str = IDEMPOTENCY_KEY,
        found: ApiCaller = Depends(write),  # noqa: B008
    ) -> JSONResponse:
        def answer() -> Answer:
            return _changed(cancel_order(services, found.manager, reference))

        return _once(
            services, found, idempotency_key, ("POST", f"/orders/{reference}/cancel", None), answer
        )

    @router.post(
        "/orders/{reference}/resubmit",
        summary="Send a rejected order again, corrected",
        responses=WRITES,
        response_model=OrderOut,
    )
    def resubmit(
        reference: str,
        body: OrderIn,
        idempotency_key: str = IDEMPOTENCY_KEY,
        language: Language = Depends(language_of),  # noqa: B008
        found: ApiCaller = Depends(write),  # noqa: B008
    ) -> JSONResponse:
        def answer() -> Answer:
            request = OrderRequest.from_dict(body.model_dump())
            outcome = resubmit_order(services, found.manager, reference, request)
            return _placed(services, found, outcome, language)

        asked = ("POST", f"/orders/{reference}/resubmit", body.model_dump())
        return _once(services, found, idempotency_key, asked, answer)


def _once(
    services: Services,
    found: ApiCaller,
    key: str,
    asked: tuple[str, str, object],
    answer: Any,
) -> JSONResponse:
    given = answer_once(services, found.manager.company_id, key, request_hash(*asked), answer)
    if isinstance(given, KeyReused):
        return JSONResponse({"detail": KEY_REUSED}, status_code=422)
    return JSONResponse(given.body, status_code=given.status_code)


def _submission_key(found: ApiCaller, idempotency_key: str) -> str:
    """The order's submission key: one order per company and Idempotency-Key, even for two
    calls at the same moment."""
    digest = hashlib.sha256(f"{found.manager.company_id}:{idempotency_key}".encode()).hexdigest()
    return f"api-{digest[:40]}"


def _placed(
    services: Services,
    found: ApiCaller,
    outcome: PlacedOrder | Refused | NotFound | NotNow,
    language: Language,
) -> Answer:
    if isinstance(outcome, Refused):
        return Answer(422, problems_out(outcome.problems, language))
    if not isinstance(outcome, PlacedOrder):
        return _changed(outcome)
    view = order_view(services.engine, found.manager.company_id, outcome.reference)
    assert view is not None
    return Answer(201, order_out(view).model_dump(mode="json"))


def _asked(outcome: AskedEmployee | Refused, language: Language) -> Answer:
    if isinstance(outcome, Refused):
        return Answer(422, problems_out(outcome.problems, language))
    asked = AskedOut(
        status="waiting_for_employee",
        request_id=outcome.request_id,
        link_valid_until=outcome.expires_at,
    )
    return Answer(202, asked.model_dump(mode="json"))


def _changed(outcome: OrderView | NotFound | NotNow) -> Answer:
    if isinstance(outcome, NotFound):
        return Answer(404, {"detail": NOT_FOUND})
    if isinstance(outcome, NotNow):
        status = outcome.status.value
        return Answer(409, {"detail": f"The order is {status}: this change is not possible now."})
    return Answer(200, order_out(outcome).model_dump(mode="json"))


def problems_out(problems: tuple[Problem, ...], language: Language) -> dict[str, Any]:
    """The problems as the pages word them, in ``language``."""

    def t(message_id: str) -> str:
        return translate_to(language, message_id)

    shown = [
        {"field": p.field, "message": p.render(t, lambda cents: format_cents(cents, language))}
        for p in problems
    ]
    return ProblemsOut.model_validate({"problems": shown}).model_dump()


def order_out(view: OrderView) -> OrderOut:
    placed = view.placed
    return OrderOut(
        reference=placed.reference,
        status=view.status.value,
        submitted_at=placed.submitted_at,
        expected_completion=placed.due_at,
        request=placed.request.to_dict(),
        rejection_reason=view.rejection_reason,
        rejection_note=view.rejection_note,
        history=[
            {
                "status": c.to_status.value,
                "at": c.at.isoformat(),
                "reason": c.reason,
                "note": c.note,
            }
            for c in view.history
        ],
    )


def _row(row: OrderListRow) -> OrderRowOut:
    return OrderRowOut(
        reference=row.reference,
        request_type=row.request_type.value,
        number=row.number,
        end_user=row.end_user,
        plan_code=row.plan_code,
        sim_kind=row.sim_kind.value if row.sim_kind else None,
        status=row.status.value,
        submitted_at=row.submitted_at,
        expected_completion=row.due_at,
        overdue=row.overdue,
    )
