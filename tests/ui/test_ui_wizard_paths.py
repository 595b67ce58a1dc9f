"""Walking the wizard as a fleet manager, through the simulated user: each path's stored order
matches what was entered, and the confirmation shows what the domain computes."""

from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.catalogue import PLANS_BY_CODE
from domain.request import OrderRequest
from domain.sla import processing_time_of
from locales.formats import format_moment
from storage.db.tables import Order, OutboxMessage, StoredDocument
from storage.queries.orders import as_utc
from tests.conftest import NOVA
from tests.fixtures import documents
from tests.ui_helpers import SIGN_IN_POLLS, sign_in
from tests.wizard_helpers import (
    UPLOAD_CHECK_POLLS,
    choose,
    element,
    invoice_split_step,
    new_number_until_plan,
    next_step,
    problems_shown,
    shown,
    sim_and_billing,
    start,
    tick,
    type_into,
    upload_contract,
    upload_signed_scan,
)


def the_order(engine: Engine) -> Order:
    with Session(engine) as session:
        return session.exec(select(Order)).one()


async def submit_and_confirm(user: User, engine: Engine, turnaround: str) -> Order:
    """Send the request; the confirmation shows the turnaround and the domain's due time."""
    await next_step(user, "invoice_split", expect="check")
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=SIGN_IN_POLLS)  # a new page
    order = the_order(engine)
    expected = processing_time_of(OrderRequest.from_dict(order.request), as_utc(order.submitted_at))
    assert order.turnaround == expected.turnaround.value
    assert as_utc(order.due_at) == expected.due
    await user.should_see(f"Processing time: {turnaround}")
    await user.should_see(f"Expected completion: {format_moment(expected.due, 'en')}")
    await user.should_see(order.reference)
    # The request is read back under the confirmation, as it was sent.
    await user.should_see("Your request")
    with user.scope(marker="answers"):
        await user.should_see(order.end_user_name)
        await user.should_see(PLANS_BY_CODE[order.plan_code].name)
    return order


async def test_new_number_with_sim_on_a_shape_plan_takes_one_hour(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    choose(user, "plan_code", "shape_m")
    tick(user, "option-intl_calls")
    await next_step(user, "plan_and_options", expect="invoice_split")
    order = await submit_and_confirm(user, engine, "1 hour")
    assert order.end_user_name == "Noor El Amrani"
    assert order.sim_digits == "8932000012345"
    assert order.number is None
    assert order.request["option_codes"] == ["intl_calls"]
    assert order.request["travel_data_control"] == 50
    assert order.status == "received"


async def test_prepaid_company_number_from_proximus_on_esim_with_copied_options_takes_48_hours(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    choose(user, "current_operator", "proximus")
    choose(user, "card_type", "prepaid")
    await next_step(user, "request_type", expect="number_and_owner")
    type_into(user, "transfer_number", "0032 475 98 76 54")
    choose(user, "owner_type", "company")
    type_into(user, "owner_name", "Nova Logistics NV")
    type_into(user, "enterprise_number", "BE 0412.345.614")
    type_into(user, "donor_iccid", "8932 0212 3456 7890 120")
    tick(user, "owner_consent")
    await next_step(user, "number_and_owner", expect="sim_and_billing")
    await sim_and_billing(user, esim=True)
    choose(user, "plan_code", "data_10")
    choose(user, "copy-options", "2")  # Thomas Maes: Shape Large with calls abroad and extra data
    await user.should_see("The option “Calls abroad pack” is left out")
    assert element(user, "option-data_boost").value is True
    assert element(user, "option-roaming_voice").value is False
    await next_step(user, "plan_and_options", expect="invoice_split")
    order = await submit_and_confirm(user, engine, "48 hours")
    assert order.number == "+32475987654"
    assert order.request["enterprise_number"] == "0412345614"
    assert order.request["option_codes"] == ["data_boost"]
    assert order.request["esim_language"] == "nl"
    assert order.sim_digits is None
    assert order.esim_activation_code and order.esim_activation_code.startswith("LPA:1$")


async def test_orange_subscription_transfer_takes_one_business_day(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await start(user, "transfer")
    choose(user, "current_operator", "orange")
    choose(user, "card_type", "subscription")
    await next_step(user, "request_type", expect="number_and_owner")
    type_into(user, "transfer_number", "0476 11 22 33")
    choose(user, "owner_type", "private")
    type_into(user, "owner_name", "Jan Peeters")
    type_into(user, "donor_customer_number", "1.23456789")
    tick(user, "owner_consent")
    await next_step(user, "number_and_owner", expect="sim_and_billing")
    await sim_and_billing(user)
    choose(user, "plan_code", "shape_s")
    await next_step(user, "plan_and_options", expect="invoice_split")
    order = await submit_and_confirm(user, engine, "1 business day")
    assert order.activation_kind == "orange_subscription"
    assert order.request["donor_customer_number"] == "1.23456789"
    assert order.request["donor_iccid"] == ""


async def test_mobile_data_plan_hides_voice_options_with_the_reason(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)
    choose(user, "plan_code", "shape_m")
    tick(user, "option-sms_bundle")
    assert shown(user, "option-sms_bundle")
    assert not shown(user, "voice-options-hidden")
    choose(user, "plan_code", "data_50")
    assert not shown(user, "option-sms_bundle")
    assert shown(user, "voice-options-hidden")
    assert shown(user, "option-secure_net")
    await user.should_see("The option “Unlimited SMS” is left out")
    await next_step(user, "plan_and_options", expect="invoice_split")
    order = await submit_and_confirm(user, engine, "1 business day")
    assert order.plan_code == "data_50"
    assert order.request["option_codes"] == []


async def test_invoice_split_with_an_upload_takes_one_business_day(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user, division="2")  # Sales team: the company pays up to €30
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    assert not shown(user, "contract-upload")
    tick(user, "invoice_split")
    assert shown(user, "contract-upload")
    assert shown(user, "download-contract")
    user.find(marker="next-invoice_split").click()
    await user.should_see("Upload the Invoice Split contract signed by the employee.")
    await upload_contract(user, "contract signed.pdf", documents.pdf())
    await user.should_see(marker="uploaded-contract", retries=UPLOAD_CHECK_POLLS)
    order = await submit_and_confirm(user, engine, "1 business day")
    with Session(engine) as session:
        document = session.exec(select(StoredDocument)).one()
    assert order.request["invoice_split"] is True
    assert order.contract_document_id == document.public_id
    assert document.order_id == order.id


async def test_a_refused_upload_says_what_to_do_and_keeps_the_answers(user: User) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_contract(user, "contract.pdf", b"just text, not a PDF")
    await user.should_see(
        "This file is not a PDF, JPEG or PNG file.",
        marker="error-invoice_split_contract_id",
        retries=UPLOAD_CHECK_POLLS,
    )
    await user.should_not_see(marker="uploaded-contract")
    assert element(user, "plan_code").value == "shape_m"


async def test_submission_writes_the_emails_in_the_same_transaction(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user, esim=True)
    tick(user, "esim_qr_copy_to_manager")
    choose(user, "plan_code", "shape_l")
    await next_step(user, "plan_and_options", expect="invoice_split")
    order = await submit_and_confirm(user, engine, "1 hour")
    with Session(engine) as session:
        mails = session.exec(select(OutboxMessage).where(OutboxMessage.order_id == order.id)).all()
    assert sorted(m.kind for m in mails) == ["confirmation", "esim_profile", "esim_profile_copy"]
    assert {m.language for m in mails if m.kind == "esim_profile"} == {"nl"}
    await user.should_see(marker="esim-qr")
    await user.should_see(str(order.esim_activation_code))


async def test_changing_the_end_user_after_the_upload_asks_for_a_new_signed_contract(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_signed_scan(user)
    await next_step(user, "invoice_split", expect="check")
    user.find(marker="change-end_user_name").click()
    type_into(user, "end_user_name", "Someone Else")
    await next_step(user, "sim_and_billing", expect="invoice_split")  # back where it is fixed
    # The reason is there at once, under the upload and in the summary: no second Continue.
    await user.should_see(
        "Answers printed on the contract changed", marker="error-invoice_split_contract_id"
    )
    assert any("Answers printed on the contract changed" in p for p in problems_shown(user))
    assert element(user, "uploaded-contract-tick").name == "warning"  # no green tick now


async def test_a_new_upload_after_a_change_gets_its_green_tick_back(user: User) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_signed_scan(user)
    assert element(user, "uploaded-contract-tick").name == "task"
    await next_step(user, "invoice_split", expect="check")
    user.find(marker="change-end_user_name").click()
    type_into(user, "end_user_name", "Someone Else")
    await next_step(user, "sim_and_billing", expect="invoice_split")
    assert element(user, "uploaded-contract-tick").name == "warning"
    await upload_contract(user, "signed-again.pdf", documents.pdf())
    await user.should_see("signed-again.pdf", retries=UPLOAD_CHECK_POLLS)
    assert element(user, "uploaded-contract-tick").name == "task"
