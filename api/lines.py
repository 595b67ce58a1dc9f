"""The company's lines and what it can order: `GET /lines`, `GET /lines/{number}`,
`GET /catalogue`."""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from api.auth import token_caller
from api.models import (
    CatalogueOut,
    CustomerNumberOut,
    LineOut,
    LinesOut,
    NamedOut,
    PriceOut,
    SubDivisionOut,
)
from domain.catalogue import OPERATOR_NAMES, OPTIONS, PLANS, TRAVEL_DATA_CONTROL_AMOUNTS
from domain.context import FleetContext
from domain.fields import Valid, check_mobile_number
from storage.queries.fleet import FleetLineRow, fleet_page
from storage.queries.fleet_context import company_context
from storage.use_cases import Services
from storage.use_cases.api_tokens import ApiCaller

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such line in the company's fleet"}
}
MAX_PER_PAGE = 200


def lines_router(services: Services) -> APIRouter:
    router = APIRouter(tags=["lines"])
    caller = token_caller(services)

    @router.get("/lines", summary="The company's lines, a page at a time")
    def lines(
        search: str = Query("", max_length=100, description="End user, number or plan"),
        page: int = Query(1, ge=1, le=100_000),
        per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
        found: ApiCaller = Depends(caller),  # noqa: B008
    ) -> LinesOut:
        company = found.manager.company_id
        shown = fleet_page(
            services.engine, company, search, offset=(page - 1) * per_page, limit=per_page
        )
        return LinesOut(
            lines=[_line(r) for r in shown.rows], total=shown.total, page=page, per_page=per_page
        )

    @router.get("/lines/{number}", summary="One line, by its number", responses=NOT_FOUND)
    def line(number: str, found: ApiCaller = Depends(caller)) -> LineOut:  # noqa: B008
        e164 = check_mobile_number(number)
        if not isinstance(e164, Valid):
            raise HTTPException(404, "No such line in the company's fleet")
        rows = fleet_page(services.engine, found.manager.company_id, e164.value, limit=50).rows
        match = next((row for row in rows if row.number == e164.value), None)
        if match is None:
            raise HTTPException(404, "No such line in the company's fleet")
        return _line(match)

    @router.get("/catalogue", summary="Plans, options, operators, amounts, customer numbers")
    def catalogue(found: ApiCaller = Depends(caller)) -> CatalogueOut:  # noqa: B008
        return _catalogue(company_context(services.engine, found.manager.company_id))

    return router


def _line(row: FleetLineRow) -> LineOut:
    return LineOut(
        number=row.number,
        end_user=row.end_user,
        plan_code=row.plan_code,
        options=list(row.options),
        sim_kind=row.sim_kind,
        customer_number=row.customer_number,
        sub_division=row.sub_division,
        travel_data_control=row.travel_data_control,
    )


def _catalogue(context: FleetContext) -> CatalogueOut:
    return CatalogueOut(
        plans=[
            PriceOut(code=p.code, name=p.name, monthly_price_excl_vat=str(p.monthly_price_excl_vat))
            for p in PLANS
        ],
        options=[
            PriceOut(code=o.code, name=o.name, monthly_price_excl_vat=str(o.monthly_price_excl_vat))
            for o in OPTIONS
        ],
        operators=[NamedOut(code=o.value, name=name) for o, name in OPERATOR_NAMES.items()],
        travel_data_control_amounts=list(TRAVEL_DATA_CONTROL_AMOUNTS),
        customer_numbers=[
            CustomerNumberOut(
                id=a.id,
                customer_number=a.customer_number,
                name=a.name,
                sub_divisions=[
                    SubDivisionOut(
                        id=s.id,
                        name=s.name,
                        invoice_split_company_cap_eur=str(s.invoice_split.company_monthly_cap_eur)
                        if s.invoice_split
                        else None,
                    )
                    for s in a.sub_divisions
                ],
            )
            for a in context.billing_accounts
        ],
    )
