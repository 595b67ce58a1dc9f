"""Back means back (issue 13, items 2 and 8), in the real browser: the browser's Back and
Forward move between the wizard's steps, a reload stays on the step, a done step's header
leads back to it, and the Invoice Split sub-division problem puts the focus in the
sub-division field of the billing step."""

import re

from playwright.sync_api import Page, expect

from tests.browser.steps import choose, continue_to, new_number_until_plan


def step_shown(page: Page, heading: str, address: str) -> None:
    expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(page).to_have_url(re.compile(f"/add/{address}$"))


def test_back_and_forward_move_between_steps_and_a_reload_stays(page: Page) -> None:
    new_number_until_plan(page)
    step_shown(page, "Plan and options", "plan_and_options")
    page.go_back()
    step_shown(page, "SIM and billing", "sim_and_billing")
    expect(page.get_by_label("End user", exact=True)).to_have_value("Noor El Amrani")
    page.go_back()
    step_shown(page, "Request type", "request_type")
    page.go_forward()
    step_shown(page, "SIM and billing", "sim_and_billing")
    page.go_forward()
    step_shown(page, "Plan and options", "plan_and_options")
    page.reload()
    step_shown(page, "Plan and options", "plan_and_options")
    page.go_back()  # the history survives the reload
    step_shown(page, "SIM and billing", "sim_and_billing")


def test_back_past_a_changed_answer_then_forward_stops_at_the_question_left(page: Page) -> None:
    new_number_until_plan(page)
    page.go_back()
    page.go_back()
    step_shown(page, "Request type", "request_type")
    page.get_by_role("radio", name="Transfer an existing number").click()
    page.go_forward()  # to SIM and billing: but the transfer's questions come first
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()  # saying which
    expect(summary).to_contain_text("Current operator")
    expect(page).to_have_url(re.compile("/add/request_type$"))


def test_a_done_step_header_leads_back_to_it(page: Page) -> None:
    new_number_until_plan(page)
    header = page.locator(".q-stepper__tab", has_text="SIM and billing")
    header.click()
    step_shown(page, "SIM and billing", "sim_and_billing")
    later = page.locator(".q-stepper__tab", has_text="Plan and options")
    later.click()  # not done yet from here: nothing happens
    step_shown(page, "SIM and billing", "sim_and_billing")
    page.go_back()
    step_shown(page, "Plan and options", "plan_and_options")


def test_the_sub_division_problem_puts_the_focus_in_the_sub_division_field(page: Page) -> None:
    new_number_until_plan(page)  # billed without a sub-division
    choose(page, "Plan", "Shape Medium")
    continue_to(page, "Invoice Split")
    page.get_by_role("checkbox", name="Split the bill").click()
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("Invoice Split needs a sub-division")).click()
    step_shown(page, "SIM and billing", "sim_and_billing")
    expect(page.get_by_role("combobox", name="Sub-division")).to_be_focused()
    expect(page.get_by_text(re.compile("Invoice Split needs a sub-division"))).to_be_visible()
