"""Placing orders over the API: the problems are the wizard's, word for word, in the caller's
language; the Idempotency-Key gives the same answer again and refuses another body; a request
that asks the employee goes to them; the OpenAPI description is valid and its docs served."""

import dataclasses

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate
from sqlmodel import Session, select

from api.models import OrderIn
from domain.request import OrderRequest
from domain.validation import validate_request
from locales import translate_to
from locales.formats import format_cents
from storage.db.tables import EmployeeRequest, Order
from storage.queries.fleet_context import company_context
from storage.use_cases import Services
from tests.api.conftest import Tokens, bearer
from tests.order_helpers import ESIM_TRANSFER, manager_of

WRONG = dataclasses.replace(
    ESIM_TRANSFER,
    transfer_number="0470",
    donor_iccid="8932021234567890121",  # its last digit does not match
    esim_email="noor@",
    plan_code="shape_zz",
    option_codes=("intl_calls", "netflix"),
    travel_data_control=75,
)


def body(request: OrderRequest) -> dict[str, object]:
    return {k: v for k, v in request.to_dict().items() if k in OrderIn.model_fields}


def wizard_problems(
    services: Services, request: OrderRequest, language: str
) -> list[dict[str, str]]:
    """What the wizard shows for these answers: validate_request, rendered as the pages do."""
    context = company_context(services.engine, manager_of(services.engine).company_id)
    return [
        {
            "field": p.field,
            "message": p.render(
                lambda m: translate_to(language, m), lambda c: format_cents(c, language)
            ),
        }
        for p in validate_request(request, context)
    ]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_problems_are_the_wizards_in_the_callers_language(
    api: TestClient, services: Services, tokens: Tokens, language: str
) -> None:
    headers = bearer(
        tokens.write,
        **{"Idempotency-Key": f"wrong-{language}", "Accept-Language": f"{language}-BE,en;q=0.5"},
    )
    response = api.post("/orders", json=body(WRONG), headers=headers)
    assert response.status_code == 422
    expected = wizard_problems(services, WRONG, language)
    assert len(expected) >= 5 and response.json() == {"problems": expected}


def test_an_unknown_value_gets_the_wizards_problem_not_a_schema_error(
    api: TestClient, tokens: Tokens
) -> None:
    response = api.post(
        "/orders",
        json={"request_type": "teleport", "sim_kind": "sim"},
        headers=bearer(tokens.write, **{"Idempotency-Key": "odd"}),
    )
    assert response.status_code == 422
    fields = [p["field"] for p in response.json()["problems"]]
    assert fields[0] == "request_type"


def test_the_same_key_and_body_give_the_same_answer_and_one_order(
    api: TestClient, services: Services, tokens: Tokens
) -> None:
    headers = bearer(tokens.write, **{"Idempotency-Key": "hire-0042"})
    first = api.post("/orders", json=body(ESIM_TRANSFER), headers=headers)
    again = api.post("/orders", json=body(ESIM_TRANSFER), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    other = api.post(
        "/orders", json={**body(ESIM_TRANSFER), "end_user_name": "Someone Else"}, headers=headers
    )
    assert other.status_code == 422
    assert other.json() == {
        "detail": "This Idempotency-Key was used for another request: use a new key for a new request."
    }
    with Session(services.engine) as session:
        assert len(session.exec(select(Order)).all()) == 1


def test_a_post_without_an_idempotency_key_is_refused(api: TestClient, tokens: Tokens) -> None:
    response = api.post("/orders", json=body(ESIM_TRANSFER), headers=bearer(tokens.write))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]


def test_a_transfer_whose_owner_details_the_employee_gives_goes_to_the_employee(
    api: TestClient, services: Services, tokens: Tokens
) -> None:
    asking = dataclasses.replace(
        ESIM_TRANSFER,
        ask_employee_transfer=True,
        owner_name="",
        owner_consent=False,
        employee_email="noor@nova-logistics.be",
        employee_language="nl",  # type: ignore[arg-type]
    )
    response = api.post(
        "/orders", json=body(asking), headers=bearer(tokens.write, **{"Idempotency-Key": "ask"})
    )
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "waiting_for_employee"
    with Session(services.engine) as session:
        assert (
            session.exec(select(EmployeeRequest)).one().employee_email == "noor@nova-logistics.be"
        )


def test_the_openapi_description_is_valid_and_its_docs_are_served_from_the_app(
    api: TestClient,
) -> None:
    description = api.get("/openapi.json").json()
    validate(description)
    assert set(description["paths"]) == {
        "/lines",
        "/lines/{number}",
        "/catalogue",
        "/orders",
        "/orders/{reference}",
        "/orders/{reference}/cancel",
        "/orders/{reference}/resubmit",
    }
    assert description["components"]["schemas"]["OrderIn"]["examples"]
    page = api.get("/docs")
    assert page.status_code == 200 and "/api/v1/docs-assets/swagger-ui-bundle.js" in page.text
    assert api.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
