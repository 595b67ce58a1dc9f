"""Two tabs on one draft never lose a keystroke (issue 13, item 1): the tab behind is told at
once and shows the other tab's answers, merged field by field with its own, and can put its
own back."""

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User
from sqlalchemy.engine import Engine

from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from tests.wizard_helpers import choose, element, new_number_until_plan, type_into, written_draft

NOVA_MANAGER_ID = 1


async def two_tabs(user: User, create_user: Callable[[], User]) -> tuple[User, User]:
    """Nova's fleet manager with the wizard open at the plan step in two tabs."""
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    other = create_user()
    await sign_in(other, NOVA)
    await other.open("/add/sim_and_billing")
    return user, other


def value_of(user: User, marker: str) -> object:
    return element(user, marker).value


async def test_the_tab_behind_shows_the_other_tabs_answer_at_once(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    first, second = await two_tabs(user, create_user)
    await first.open("/add/sim_and_billing")
    type_into(first, "end_user_name", "Noor El Amrani-Peeters")
    await second.should_see(marker="other-tab")
    assert value_of(second, "end_user_name") == "Noor El Amrani-Peeters"
    notice: ui.card = element(second, "other-tab")
    assert "End user" in " ".join(
        label.text for label in notice.descendants() if isinstance(label, ui.label)
    )
    type_into(second, "end_user_name", "Lotte Janssens")  # typing on in the second tab
    await first.should_see(marker="other-tab")
    assert value_of(first, "end_user_name") == "Lotte Janssens"
    saved = await written_draft(engine, NOVA_MANAGER_ID)
    assert saved is not None and saved.request.end_user_name == "Lotte Janssens"


async def test_answers_typed_in_both_tabs_before_either_heard_are_both_kept(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    first, second = await two_tabs(user, create_user)
    await first.open("/add/sim_and_billing")
    # No await between the two: the news of the first save has not reached the second tab
    # (it arrives on the event loop), so the second saves on the version it read.
    type_into(first, "end_user_name", "Noor El Amrani-Peeters")
    choose(second, "customer_number_id", "2")
    await second.should_see(marker="other-tab")
    saved = await written_draft(engine, NOVA_MANAGER_ID)
    assert saved is not None
    assert saved.request.end_user_name == "Noor El Amrani-Peeters"  # the first tab's
    assert saved.request.customer_number_id == "2"  # and the second's


async def test_the_tab_behind_can_put_its_own_answers_back(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    first, second = await two_tabs(user, create_user)
    await first.open("/add/sim_and_billing")
    type_into(first, "end_user_name", "Changed in the first tab")
    await second.should_see(marker="other-tab")
    second.find(marker="put-back").click()
    assert value_of(second, "end_user_name") == "Noor El Amrani"
    saved = await written_draft(engine, NOVA_MANAGER_ID)
    assert saved is not None and saved.request.end_user_name == "Noor El Amrani"
    await first.should_see(marker="other-tab")  # now the first tab is behind, and says so
    assert value_of(first, "end_user_name") == "Noor El Amrani"
