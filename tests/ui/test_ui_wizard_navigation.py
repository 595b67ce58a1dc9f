"""Navigation without surprises (issue 13, items 2 and 8): each step has its own address that a
reload or a bookmark opens, a done step's header leads back to it, and a problem whose answer
another step asks (Invoice Split's sub-division) opens that step at that field."""

from nicegui import ui
from nicegui.testing import User

from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from tests.wizard_helpers import (
    choose,
    element,
    new_number_until_plan,
    next_step,
    problems_shown,
    step_of_wizard,
    tick,
)


async def test_a_step_address_opens_that_step(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await user.open("/add/sim_and_billing")
    assert step_of_wizard(user) == "sim_and_billing"
    await user.open("/add/plan_and_options")
    assert step_of_wizard(user) == "plan_and_options"


async def test_a_step_address_cannot_skip_a_question_left_to_answer(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/add/check")  # nothing answered yet
    assert step_of_wizard(user) == "request_type"
    choose(user, "request_type", "new_number")
    await user.open("/add/plan_and_options")  # the SIM and billing step is not answered
    assert step_of_wizard(user) == "sim_and_billing"


async def test_an_unknown_or_inapplicable_step_address_opens_the_draft_where_it_was(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await user.open("/add/no_such_step")
    assert step_of_wizard(user) == "plan_and_options"
    await user.open("/add/number_and_owner")  # a new number has no number-and-owner step
    assert step_of_wizard(user) == "plan_and_options"


def headers_that_lead_back(user: User) -> list[str]:
    stepper: ui.stepper = element(user, "stepper")
    return [
        str(step.props["name"])
        for step in stepper.descendants()
        if isinstance(step, ui.step) and step.props.get(":header-nav") == "True"
    ]


async def test_done_step_headers_can_be_clicked_to_go_back(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    assert headers_that_lead_back(user) == ["request_type", "sim_and_billing"]
    stepper: ui.stepper = element(user, "stepper")
    stepper.value = "request_type"  # what Quasar sends when that header is clicked
    assert step_of_wizard(user) == "request_type"
    assert headers_that_lead_back(user) == []
    await user.open("/add")  # the move is saved with the draft
    assert step_of_wizard(user) == "request_type"


async def test_a_header_cannot_open_a_step_beyond_an_unanswered_one(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    stepper: ui.stepper = element(user, "stepper")
    stepper.value = "request_type"
    choose(user, "request_type", "transfer")  # now the number-and-owner step must be answered
    choose(user, "current_operator", "proximus")
    choose(user, "card_type", "prepaid")
    stepper.value = "plan_and_options"
    assert step_of_wizard(user) == "number_and_owner"


SUB_DIVISION_PROBLEM = "Invoice Split needs a sub-division"


async def test_the_sub_division_problem_opens_the_billing_step_at_the_sub_division(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)  # billed without a sub-division
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    tick(user, "invoice_split")
    user.find(marker="next-invoice_split").click()
    assert any(SUB_DIVISION_PROBLEM in line for line in problems_shown(user))
    user.find(marker="problem-sub_division_id").click()
    assert step_of_wizard(user) == "sim_and_billing"
    message: ui.label = element(user, "error-sub_division_id")
    assert SUB_DIVISION_PROBLEM in message.text and message.visible
    choose(user, "sub_division_id", "2")  # the Sales team, which has a profile
    await next_step(user, "sim_and_billing", expect="invoice_split")  # back where it was
