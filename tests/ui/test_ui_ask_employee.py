"""The fleet manager asks the employee, in the simulated browser: "Ask the employee" on the
Invoice Split and number-and-owner steps, Send to the employee, the request waiting on the
orders page, the employee's answers arriving there without a reload (the employee in a
second browser), Check and send, and the order with the employee's part in its history."""

from collections.abc import Callable

import pytest
from nicegui.testing import User
from sqlalchemy.engine import Engine

from tests.conftest import NOVA
from tests.storage.test_employee_link_use_cases import link_secrets
from tests.ui_helpers import sign_in
from tests.wizard_helpers import (
    choose,
    invoice_split_step,
    next_step,
    start,
    type_into,
)

POLLS = 100


def choose_shown(user: User, marker: str, value: object) -> None:
    """Choose in the control shown: the employee's contact is on the first step asking them."""
    (control,) = user.find(marker=marker).elements
    control.value = value  # type: ignore[attr-defined]


# 0.1 s apart: a page redrawn by news from another browser, a PDF made


async def ask_for_the_signature(user: User) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    choose(user, "ask_employee_signature", "ask")
    await user.should_see(marker="employee_email")
    await user.should_not_see(marker="contract-upload")
    type_into(user, "employee_email", "noor@nova-logistics.be")
    choose_shown(user, "employee_language", "fr")
    await next_step(user, "invoice_split", expect="check")
    user.find(marker="ask-employee").click()
    await user.should_see(marker="waiting-list", retries=POLLS)


async def test_the_signature_is_asked_online_and_the_request_waits(
    user: User, engine: Engine
) -> None:
    await ask_for_the_signature(user)
    await user.should_see("Waiting for the employee", marker="waiting-state")
    await user.should_see("noor@nova-logistics.be")
    assert len(link_secrets(engine)) == 1


@pytest.mark.long  # about 10 s: two browsers, the wizard through, a PDF made
async def test_the_employees_answers_arrive_live_and_the_manager_sends(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    await ask_for_the_signature(user)
    (secret,) = link_secrets(engine)
    employee = create_user()
    await employee.open(f"/employee/{secret}")
    employee.find(marker="private_address").type("Rue Haute 1, 1000 Bruxelles")
    employee.find(marker="iban").type("BE68 5390 0754 7034")
    employee.find(marker="signature_name").type("Noor El Amrani")
    employee.find(marker="signature_accepted").click()
    employee.find(marker="employee-send").click()
    await employee.should_see(marker="employee-done", retries=POLLS)
    # The manager's open orders page shows it without a reload.
    await user.should_see("The employee is done: check and send", retries=POLLS)
    user.find("Check and send").click()
    await user.should_see(marker="submit", retries=POLLS)
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=POLLS)
    await user.open("/orders")
    await user.should_not_see(marker="waiting-state")


async def test_the_owner_details_can_be_asked_of_the_employee(user: User) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    choose(user, "current_operator", "proximus")
    choose(user, "card_type", "prepaid")
    await next_step(user, "request_type", expect="number_and_owner")
    type_into(user, "transfer_number", "0475 98 76 54")
    choose(user, "ask_employee_transfer", "ask")
    await user.should_not_see(marker="owner_name")
    user.find(marker="next-number_and_owner").click()
    await user.should_see(marker="problem-employee_email")
    await user.should_see(marker="problem-employee_language")
    type_into(user, "employee_email", "noor@nova-logistics.be")
    choose_shown(user, "employee_language", "nl")
    await next_step(user, "number_and_owner", expect="sim_and_billing")
