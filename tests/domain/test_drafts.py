"""Two tabs' answers merged field by field (issue 13, item 1)."""

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from domain.drafts import merge_answers
from domain.request import OrderRequest, RequestType

BASE = OrderRequest(request_type=RequestType.NEW_NUMBER, end_user_name="Noor")


def test_answers_changed_in_different_tabs_are_both_kept() -> None:
    mine = dataclasses.replace(BASE, plan_code="shape_m")
    theirs = dataclasses.replace(BASE, end_user_name="Noor El Amrani")
    merged = merge_answers(BASE, mine, theirs)
    assert merged.request == dataclasses.replace(mine, end_user_name="Noor El Amrani")
    assert merged.taken == ("end_user_name",)


def test_an_answer_changed_in_both_tabs_keeps_this_tabs() -> None:
    mine = dataclasses.replace(BASE, end_user_name="Noor E.")
    theirs = dataclasses.replace(BASE, end_user_name="Noor El Amrani")
    assert merge_answers(BASE, mine, theirs).request == mine
    assert merge_answers(BASE, mine, theirs).taken == ()


def test_a_tab_with_nothing_of_its_own_takes_the_other_tabs_answers() -> None:
    theirs = dataclasses.replace(BASE, end_user_name="Lotte", plan_code="shape_l")
    merged = merge_answers(BASE, BASE, theirs)
    assert merged.request == theirs
    assert set(merged.taken) == {"end_user_name", "plan_code"}


names = st.sampled_from(["", "Noor", "Lotte", "Marc"])


@given(base=names, mine=names, theirs=names)
def test_no_answer_is_lost_nor_invented(base: str, mine: str, theirs: str) -> None:
    """Every merged answer is one side's; a side's change survives unless both changed it."""
    requests = [dataclasses.replace(BASE, end_user_name=name) for name in (base, mine, theirs)]
    merged = merge_answers(*requests).request.end_user_name
    assert merged in (mine, theirs)
    if mine != base:
        assert merged == mine
    elif theirs != base:
        assert merged == theirs
