"""The Invoice Split contract's language is a choice of the step, not the screen's language."""

import io

import pypdf
from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from locales import translate_to
from storage.db.tables import Order, OutboxMessage
from tests.conftest import NOVA
from tests.fixtures import documents
from tests.ui_helpers import sign_in
from tests.wizard_helpers import (
    UPLOAD_CHECK_POLLS,
    choose,
    element,
    invoice_split_step,
    new_number_until_plan,
    next_step,
    problems_shown,
    step_of_wizard,
    tick,
    type_into,
    upload_contract,
    upload_signed_scan,
    written_draft,
)

NOVA_MANAGER_ID = 1
# A heading of the contract in each language (the part about the employee).
EMPLOYEE_PART = {"fr": "L'employé", "nl": "De werknemer", "en": "The employee"}


async def downloaded_contract(user: User) -> str:
    """Download the pre-filled contract from the step; the text of the PDF."""
    user.find(marker="download-contract").click()
    response = await user.download.next(timeout=10)
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


async def saved_language(engine: Engine) -> str | None:
    draft = await written_draft(engine, NOVA_MANAGER_ID)
    assert draft is not None
    language = draft.request.contract_language
    return language.value if language else None


async def test_a_physical_sim_contract_is_printed_in_the_language_chosen_for_it(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)  # the screen in English
    await invoice_split_step(user)
    assert element(user, "contract_language").value == "en"  # the fleet manager's, by default
    choose(user, "contract_language", "nl")
    assert (await saved_language(engine)) == "nl"  # an answer, kept in the draft
    text = await downloaded_contract(user)
    assert EMPLOYEE_PART["nl"] in text and EMPLOYEE_PART["en"] not in text


async def test_an_esim_contract_is_offered_in_the_end_users_language(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user, division="2", esim=True)  # the eSIM e-mail in Dutch
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    tick(user, "invoice_split")
    assert element(user, "contract_language").value == "nl"
    assert (await saved_language(engine)) == "nl"
    choose(user, "contract_language", "fr")  # the employee reads French better
    assert EMPLOYEE_PART["fr"] in await downloaded_contract(user)


async def test_the_contract_keeps_its_language_when_the_screen_language_changes(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    assert (await saved_language(engine)) == "en"
    user.find(marker="language").elements.pop().value = "fr"  # type: ignore[attr-defined]
    await user.should_see(translate_to("fr", "Add a card to my fleet"))
    assert step_of_wizard(user) == "invoice_split"
    assert element(user, "contract_language").value == "en"
    text = await downloaded_contract(user)
    assert EMPLOYEE_PART["en"] in text and EMPLOYEE_PART["fr"] not in text


async def test_the_contract_e_mailed_to_the_employee_is_in_the_language_chosen(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    choose(user, "contract_language", "fr")
    type_into(user, "contract-email", "noor.elamrani@nova-logistics.be")
    user.find(marker="email-contract").click()
    await user.should_see("The contract was e-mailed to", retries=50)
    with Session(engine) as session:
        mail = session.exec(select(OutboxMessage)).one()
    assert mail.kind == "contract_to_sign" and mail.language == "fr"


async def test_check_your_answers_shows_the_language_with_a_change_link_and_the_order_keeps_it(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    choose(user, "contract_language", "nl")
    await upload_signed_scan(user)
    await next_step(user, "invoice_split", expect="check")
    await user.should_see("Language of the contract", marker="answer-contract_language")
    await user.should_see("Nederlands", marker="answer-contract_language")
    user.find(marker="change-contract_language").click()
    assert step_of_wizard(user) == "invoice_split"
    choose(user, "contract_language", "nl")  # unchanged: the scan still matches
    await next_step(user, "invoice_split", expect="check")
    user.find(marker="submit").click()
    await user.should_see(marker="confirmation", retries=50)
    with Session(engine) as session:
        order = session.exec(select(Order)).one()
    assert order.request["contract_language"] == "nl"
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Nederlands", marker="answer-contract_language")


async def test_changing_the_language_after_the_upload_asks_for_a_new_signed_contract(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_signed_scan(user)
    assert element(user, "uploaded-contract-tick").name == "task"
    choose(user, "contract_language", "fr")  # the contract now prints other words
    user.find(marker="next-invoice_split").click()
    assert step_of_wizard(user) == "invoice_split"
    assert any("Answers printed on the contract changed" in p for p in problems_shown(user))
    assert element(user, "uploaded-contract-tick").name == "warning"
    await upload_contract(user, "signed-in-french.pdf", documents.pdf())
    await user.should_see("signed-in-french.pdf", retries=UPLOAD_CHECK_POLLS)
    assert element(user, "uploaded-contract-tick").name == "task"
    await next_step(user, "invoice_split", expect="check")
