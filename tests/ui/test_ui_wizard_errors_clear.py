"""Errors clear as they are fixed (issue 13, item 4): the summary at the top of a step loses a
problem as soon as its answer changes, and goes once it lists nothing."""

from nicegui import ui
from nicegui.testing import User

from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from tests.wizard_helpers import choose, element, problems_shown, step_of_wizard, type_into


def problems_listed(user: User) -> list[str]:
    """The error summaries' lines; none when no summary is shown (find sees shown ones only)."""
    try:
        return problems_shown(user)
    except AssertionError:
        return []


async def test_choosing_the_missing_answer_clears_the_error_summary(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    user.find(marker="next-request_type").click()
    assert step_of_wizard(user) == "request_type"
    assert problems_listed(user) != []
    choose(user, "request_type", "new_number")
    assert problems_listed(user) == []


async def test_the_summary_keeps_the_problems_not_yet_fixed(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    choose(user, "request_type", "transfer")
    user.find(marker="next-request_type").click()
    before = problems_listed(user)
    assert len(before) >= 2, before  # the operator and the kind of contract
    choose(user, "current_operator", "proximus")
    after = problems_listed(user)
    assert 1 <= len(after) < len(before)


async def test_a_field_in_error_looks_it_until_it_changes(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_sim_and_billing(user)
    user.find(marker="next-sim_and_billing").click()
    end_user: ui.input = element(user, "end_user_name")
    account: ui.select = element(user, "customer_number_id")
    assert end_user.props.get("error") is True and account.props.get("error") is True
    type_into(user, "end_user_name", "Noor El Amrani")
    assert "error" not in end_user.props  # the red border goes with the message
    assert account.props.get("error") is True  # not fixed yet


async def new_number_until_sim_and_billing(user: User) -> None:
    await user.open("/add")
    choose(user, "request_type", "new_number")
    user.find(marker="next-request_type").click()
    assert step_of_wizard(user) == "sim_and_billing"
