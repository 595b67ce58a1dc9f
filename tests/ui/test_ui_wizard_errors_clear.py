"""Errors clear as they are fixed (issue 13, item 4): the summary at the top of a step loses a
problem as soon as its answer changes, and goes once it lists nothing."""

from nicegui.testing import User

from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from tests.wizard_helpers import choose, problems_shown, step_of_wizard


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
