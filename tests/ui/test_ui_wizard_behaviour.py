"""How the wizard behaves: live sections, blocking validation, drafts, Change links, one order."""

import dataclasses
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.request import OrderRequest
from storage.db.tables import Order, OutboxMessage
from storage.queries.drafts import DraftState
from storage.use_cases import SaveOutcome, SentAs, save_draft
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import documents_beside, manager_of, services_for
from tests.ui_helpers import SIGN_IN_POLLS, sign_in
from tests.wizard_helpers import (
    choose,
    element,
    every_step_built,
    invoice_split_step,
    new_number_until_plan,
    next_step,
    plan_until_check,
    problems_shown,
    shown,
    sim_and_billing,
    start,
    step_of_wizard,
    tick,
    type_into,
    written_draft,
)
from ui.wizard import state as wizard_state

NOVA_MANAGER_ID = 1


def save(engine: Engine, draft: DraftState) -> SaveOutcome:
    """Nova's draft, saved as another tab would."""
    return save_draft(services_for(engine, documents_beside(engine)), manager_of(engine), draft)


@pytest.mark.parametrize(
    ("marker", "answers_that_show", "answers_that_hide"),
    [
        ("current_operator", [("request_type", "transfer")], [("request_type", "new_number")]),
        ("card_type", [("request_type", "transfer")], [("request_type", "new_number")]),
        ("donor_iccid", [("card_type", "prepaid")], [("card_type", "subscription")]),
        ("donor_customer_number", [("card_type", "subscription")], [("card_type", "prepaid")]),
        ("enterprise_number", [("owner_type", "company")], [("owner_type", "private")]),
        ("sim_digits", [("sim_kind", "sim")], [("sim_kind", "esim")]),
        ("esim_email", [("sim_kind", "esim")], [("sim_kind", "sim")]),
        ("esim_language", [("sim_kind", "esim")], [("sim_kind", "sim")]),
        ("esim_device_compatible", [("sim_kind", "esim")], [("sim_kind", "sim")]),
        ("esim_qr_copy_to_manager", [("sim_kind", "esim")], [("sim_kind", "sim")]),
        ("option-intl_calls", [("plan_code", "shape_s")], [("plan_code", "data_10")]),
        (
            "travel_data_no_limit_confirmed",
            [("travel_data_control", "none")],
            [("travel_data_control", "100")],
        ),
        ("contract_language", [("invoice_split", True)], [("invoice_split", False)]),
    ],
)
async def test_conditional_section_appears_and_disappears_live(
    user: User,
    engine: Engine,
    marker: str,
    answers_that_show: list,
    answers_that_hide: list,  # type: ignore[type-arg]
) -> None:
    await sign_in(user, NOVA)
    await every_step_built(user, engine)
    for field, value in answers_that_show:
        choose(user, field, value)
    assert shown(user, marker)
    for field, value in answers_that_hide:
        choose(user, field, value)
    assert not shown(user, marker)
    for field, value in answers_that_show:
        choose(user, field, value)
    assert shown(user, marker)


async def test_number_and_owner_step_is_skipped_for_a_new_number(user: User) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    step = element(user, "stepper").default_slot.children[1]
    assert "disable" not in step.props
    choose(user, "request_type", "new_number")
    assert "disable" in step.props
    await next_step(user, "request_type", expect="sim_and_billing")
    user.find(marker="previous-sim_and_billing").click()
    assert step_of_wizard(user) == "request_type"


async def test_invalid_input_blocks_next_and_shows_a_summary_that_links_to_each_field(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    choose(user, "current_operator", "proximus")
    choose(user, "card_type", "prepaid")
    await next_step(user, "request_type", expect="number_and_owner")
    type_into(user, "transfer_number", "02 123 45 67")  # a landline
    user.find(marker="next-number_and_owner").click()
    assert step_of_wizard(user) == "number_and_owner"
    problems = problems_shown(user)
    assert "Number to transfer: Enter a Belgian mobile number, like 0470 12 34 56." in problems
    assert any(p.startswith("Owner's consent:") for p in problems)
    await user.should_see(
        "Enter a Belgian mobile number, like 0470 12 34 56.", marker="error-transfer_number"
    )
    anchor = element(user, "transfer_number")
    links = [
        link
        for summary in user.find(marker="error-summary").elements
        for link in summary.descendants()
    ]
    assert f"#c{anchor.id}" in {getattr(link, "props", {}).get("href") for link in links}


async def test_previous_keeps_every_answer(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    user.find(marker="previous-plan_and_options").click()
    assert step_of_wizard(user) == "sim_and_billing"
    assert element(user, "end_user_name").value == "Noor El Amrani"
    assert element(user, "sim_digits").value == "8932 0000 1234 5"


async def test_previous_on_check_your_answers_goes_back_to_the_last_step(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await plan_until_check(user, "shape_m")
    user.find(marker="previous-check").click()
    assert step_of_wizard(user) == "invoice_split"
    await next_step(user, "invoice_split", expect="check")


async def test_reopening_the_page_brings_back_the_step_and_every_answer(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    choose(user, "plan_code", "shape_l")
    await user.open("/")
    await user.open("/add")
    assert step_of_wizard(user) == "plan_and_options"
    assert element(user, "plan_code").value == "shape_l"
    # The steps before it are ticked as done, as they were before the page was reopened.
    done = {step.props["name"]: step.props.get(":done") for step in user.find(ui.step).elements}
    assert (done["request_type"], done["sim_and_billing"]) == ("True", "True")
    assert (done["plan_and_options"], done["invoice_split"]) == ("False", "False")
    user.find(marker="previous-plan_and_options").click()
    assert element(user, "end_user_name").value == "Noor El Amrani"


async def test_a_draft_saved_before_a_restart_is_resumed(user: User, engine: Engine) -> None:
    # What the previous process left in the database is all the new one needs.
    request = OrderRequest.from_dict(
        {"request_type": "new_number", "end_user_name": "Lea Claes", "sim_kind": "esim"}
    )
    save(engine, DraftState(request, "sim_and_billing", False, "key-1"))
    engine.dispose()
    await sign_in(user, NOVA)
    await user.open("/add")
    assert step_of_wizard(user) == "sim_and_billing"
    assert element(user, "end_user_name").value == "Lea Claes"
    assert shown(user, "esim_email")


async def test_change_link_opens_the_step_and_comes_back_to_the_summary(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await plan_until_check(user, "shape_m")
    user.find(marker="change-end_user_name").click()
    assert step_of_wizard(user) == "sim_and_billing"
    type_into(user, "end_user_name", "Noor Janssens")
    await next_step(user, "sim_and_billing", expect="check")
    await user.should_see("Noor Janssens", marker="answer-end_user_name")


async def test_an_answer_that_no_longer_applies_is_not_submitted(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await start(user, "new_number")
    await next_step(user, "request_type", expect="sim_and_billing")
    choose(user, "sim_kind", "esim")
    type_into(user, "esim_email", "someone@nova-logistics.be")
    await sim_and_billing(user)  # then a physical SIM after all
    await plan_until_check(user, "shape_m")
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=SIGN_IN_POLLS)  # a new page
    with Session(engine) as session:
        order = session.exec(select(Order)).one()
    assert order.request["esim_email"] == ""
    assert order.request["sim_kind"] == "sim"


async def test_send_button_disables_itself_so_a_double_click_sends_once(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await plan_until_check(user, "shape_m")
    submit = element(user, "submit")
    user.find(marker="submit").click()
    assert not submit.enabled
    await user.should_see(marker="confirmation", retries=SIGN_IN_POLLS)  # a new page
    with Session(engine) as session:
        assert len(session.exec(select(Order)).all()) == 1
    assert await written_draft(engine, NOVA_MANAGER_ID) is None


async def test_discard_draft_asks_first_then_starts_afresh(user: User, engine: Engine) -> None:
    await sign_in(user, NOVA)
    await start(user, "new_number")
    user.find(marker="discard").click()
    user.find(marker="discard-keep").click()
    assert await written_draft(engine, NOVA_MANAGER_ID) is not None
    user.find(marker="discard").click()
    user.find(marker="discard-confirm").click()
    await user.should_see(marker="fleet")
    assert await written_draft(engine, NOVA_MANAGER_ID) is None


async def test_request_type_is_said_once_on_step_one_and_still_names_its_radio_group(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    await user.should_see(marker="request_type")
    with user.client:
        said = [label for label in ElementFilter(kind=ui.label) if label.text == "Request type"]
    assert len(said) == 1  # the step's heading only
    [title] = said
    assert title.props["role"] == "heading"
    assert element(user, "request_type").props["aria-labelledby"] == title.html_id


async def test_discard_draft_shows_only_once_the_draft_has_an_answer(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    await user.should_see(marker="wizard")
    await user.should_not_see(marker="discard")  # nothing answered: nothing to discard
    choose(user, "request_type", "new_number")
    await user.should_see(marker="discard")
    await user.open("/add")  # the draft reopened: its answer is still there to discard
    await user.should_see(marker="discard")


async def test_billing_and_copy_options_list_only_the_company_own(user: User) -> None:
    await sign_in(user, LUMIERE)
    await start(user, "new_number")
    await next_step(user, "request_type", expect="sim_and_billing")
    accounts = element(user, "customer_number_id").options
    assert list(accounts.values()) == ["7.20077001 · Atelier Lumière — Liège"]
    await sim_and_billing(user, account=next(iter(accounts)))
    sources = element(user, "copy-options").options
    assert sorted(label.split(" · ")[1] for label in sources.values()) == [
        "Hugo Lemaire",
        "Léa Gilles",
        "Zoé Fontaine",
    ]


async def test_a_send_refused_since_the_page_opened_says_why(user: User, engine: Engine) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await plan_until_check(user)
    with Session(engine) as session:  # meanwhile another order takes the same SIM card
        session.add(
            Order(
                reference="FL-0000-0001",
                submission_key="other",
                company_id=1,
                manager_id=1,
                activation_kind="new_number",
                turnaround="one_hour",
                submitted_at=datetime.now(UTC),
                due_at=datetime.now(UTC),
                sim_digits="8932000012345",
                end_user_name="X",
                plan_code="shape_s",
            )
        )
        session.commit()
    user.find(marker="submit").click()
    await user.should_see(marker="review-problems")
    assert step_of_wizard(user) == "check"
    assert not element(user, "submit").enabled
    with Session(engine) as session:
        assert len(session.exec(select(Order)).all()) == 1


async def test_an_old_tab_of_a_sent_draft_leads_to_that_order(user: User, engine: Engine) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    await plan_until_check(user)
    old_draft = await written_draft(engine, NOVA_MANAGER_ID)
    assert old_draft is not None
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=SIGN_IN_POLLS)  # a new page
    # The old tab saves its answers again: nothing is saved, it learns the order's reference.
    outcome = save(engine, old_draft)
    with Session(engine) as session:
        assert outcome == SentAs(session.exec(select(Order.reference)).one())
    assert await written_draft(engine, NOVA_MANAGER_ID) is None


async def test_a_draft_at_a_step_that_no_longer_applies_reopens_at_the_first_step(
    user: User, engine: Engine
) -> None:
    request = OrderRequest.from_dict({"request_type": "new_number"})
    save(engine, DraftState(request, "number_and_owner", False, "key-2"))
    await sign_in(user, NOVA)
    await user.open("/add")
    assert step_of_wizard(user) == "request_type"


async def test_problems_fixed_in_another_step_are_gone_on_return(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    tick(user, "invoice_split")
    user.find(marker="next-invoice_split").click()
    assert any("sub-division" in p for p in problems_shown(user))
    user.find(marker="previous-invoice_split").click()
    user.find(marker="previous-plan_and_options").click()
    choose(user, "sub_division_id", "2")
    await next_step(user, "sim_and_billing", expect="plan_and_options")
    await next_step(user, "plan_and_options", expect="invoice_split")
    assert not any("sub-division" in p for p in problems_shown(user))


async def test_a_tab_behind_another_merges_the_other_tab_answers_with_its_own(
    user: User, engine: Engine
) -> None:
    """Saved by a tab that could not tell this one (an instance without the shared bus): the
    next save here finds it, keeps both answers and says which came from there."""
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    other_tab = await written_draft(engine, NOVA_MANAGER_ID)
    assert other_tab is not None
    renamed = dataclasses.replace(other_tab.request, end_user_name="Changed in the other tab")
    save(engine, dataclasses.replace(other_tab, request=renamed))
    choose(user, "plan_code", "shape_l")  # this tab read an older version
    await user.should_see("This draft was changed in another tab. Its answers are shown here")
    user.find(marker="previous-plan_and_options").click()  # the step is built when shown
    assert element(user, "end_user_name").value == "Changed in the other tab"
    saved = await written_draft(engine, NOVA_MANAGER_ID)
    assert saved is not None
    assert (saved.request.plan_code, saved.request.end_user_name) == (
        "shape_l",  # this tab's keystroke is kept
        "Changed in the other tab",
    )


async def test_the_contract_can_be_emailed_to_the_employee_from_the_invoice_split_step(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    type_into(user, "contract-email", "lotte")
    user.find(marker="email-contract").click()
    await user.should_see("Enter a valid e-mail address, like name@company.be.", retries=50)
    type_into(user, "contract-email", "noor.elamrani@nova-logistics.be")
    user.find(marker="email-contract").click()
    await user.should_see(
        "The contract was e-mailed to noor.elamrani@nova-logistics.be.", retries=50
    )
    with Session(engine) as session:
        [mail] = session.exec(select(OutboxMessage)).all()
    assert mail.kind == "contract_to_sign" and list(mail.attachments)


async def test_answers_given_in_a_burst_are_saved_in_one_write_off_the_event_loop(
    user: User, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    await sign_in(user, NOVA)
    await start(user, "new_number")
    await next_step(user, "request_type", expect="sim_and_billing")
    await written_draft(engine, NOVA_MANAGER_ID)
    writes: list[threading.Thread] = []

    def counted(*args: Any) -> SaveOutcome:
        writes.append(threading.current_thread())
        return save_draft(*args)

    monkeypatch.setattr(wizard_state, "save_draft", counted)
    for typed in range(1, 11):  # ten key strokes before the page can breathe
        element(user, "end_user_name").value = "Noor El Amrani"[:typed]
    draft = await written_draft(engine, NOVA_MANAGER_ID)
    assert draft is not None and draft.request.end_user_name == "Noor El Am"
    assert len(writes) == 1  # the last answers, once
    assert writes[0] is not threading.main_thread()  # not on the event loop's thread


async def test_a_huge_paste_is_refused_as_too_long_and_the_draft_keeps_the_rest(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await start(user, "new_number")
    await next_step(user, "request_type", expect="sim_and_billing")
    choose(user, "customer_number_id", "1")
    choose(user, "sim_kind", "sim")
    type_into(user, "sim_digits", "8932 0000 1234 5")
    element(user, "end_user_name").value = "N" * 100_000  # pasted at once
    user.find(marker="next-sim_and_billing").click()
    assert step_of_wizard(user) == "sim_and_billing"
    assert "End user: End user's name is too long: at most 100 characters. Shorten it." in (
        problems_shown(user)
    )
    draft = await written_draft(engine, NOVA_MANAGER_ID)
    assert draft is not None
    assert len(draft.request.end_user_name) == 101  # not 100,000 characters
    assert draft.request.sim_digits == "8932 0000 1234 5"  # what was typed before is kept
    assert draft.request.customer_number_id == "1"


async def test_the_no_limit_warning_writes_500_euros_as_the_wizard_writes_prices(
    user: User,
) -> None:
    await sign_in(user, NOVA)  # Sofie reads English, where the app writes 500,00 €
    await new_number_until_plan(user)
    choose(user, "plan_code", "shape_m")
    choose(user, "travel_data_control", "none")
    user.find(marker="next-plan_and_options").click()
    assert step_of_wizard(user) == "plan_and_options"
    await user.should_see(
        "Confirm that you want no limit: mobile data abroad may then cost more than "
        "500,00\u00a0€ a month."
    )
    await user.should_not_see("€500")


async def test_an_emoji_owner_name_and_a_31_digit_customer_number_are_told_what_is_wrong(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    choose(user, "current_operator", "proximus")
    choose(user, "card_type", "subscription")
    await next_step(user, "request_type", expect="number_and_owner")
    type_into(user, "owner_name", "😀😀")
    type_into(user, "donor_customer_number", "1" * 31)
    user.find(marker="next-number_and_owner").click()
    assert step_of_wizard(user) == "number_and_owner"
    problems = problems_shown(user)
    assert (
        "Owner's name: Write the name in letters: symbols or emoji alone are not a name."
        in problems
    )
    assert (
        "Customer number at the current operator: Customer number at the current operator is "
        "too long: at most 30 characters. Shorten it." in problems
    )
