"""The Invoice Split step reads in order: 1. download the pre-filled contract, 2. have it
signed, 3. upload the signed scan, which is offered only once the contract can be downloaded."""

import dataclasses

from nicegui.element import Element
from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.steps import Step
from storage.queries.drafts import new_draft_state
from storage.use_cases import Saved, save_draft
from tests.conftest import NOVA
from tests.order_helpers import NEW_NUMBER, documents_beside, manager_of, services_for
from tests.ui_helpers import sign_in
from tests.wizard_helpers import (
    choose,
    element,
    invoice_split_step,
    new_number_until_plan,
    next_step,
    shown,
    step_of_wizard,
    tick,
    upload_signed_scan,
)

UPLOAD_LATER = (
    "You can upload the signed contract once the pre-filled contract can be downloaded (step 1)."
)


def open_at_invoice_split(engine: Engine, **answers: object) -> None:
    """A draft saved at the Invoice Split step, as an older draft or another tab left it."""
    request = dataclasses.replace(
        NEW_NUMBER, sub_division_id="2", invoice_split=True, **answers
    )  # Sales team: its profile has the company pay up to €30
    draft = dataclasses.replace(new_draft_state(), request=request, step=Step.INVOICE_SPLIT.value)
    services = services_for(engine, documents_beside(engine))
    assert isinstance(save_draft(services, manager_of(engine), draft), Saved)


def visible(element: Element) -> bool:
    """Whether the element and every element around it are visible."""
    node: Element | None = element
    while node is not None:
        if not node.visible:
            return False
        node = node.parent_slot.parent if node.parent_slot else None
    return True


def numbered_parts_shown(user: User) -> list[str]:
    """The numbers ("1.", "2."...) of the step's numbered texts shown, in page order."""
    texts = [str(getattr(e, "text", "")) for e in user.client.elements.values() if visible(e)]
    return [t[:2] for t in texts if t[:2] in ("1.", "2.", "3.") and t[2:3] == " "]


def offers_the_upload(user: User) -> bool:
    return shown(user, "contract-upload")


async def test_no_upload_before_a_sub_division_with_a_profile_lets_the_contract_download(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user)  # no sub-division: nothing to fill the contract in from
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    tick(user, "invoice_split")
    assert not shown(user, "download-contract")
    assert not offers_the_upload(user)
    assert shown(user, "contract-upload-later")
    await user.should_see(UPLOAD_LATER)
    assert numbered_parts_shown(user) == ["1.", "2.", "3."]
    await user.should_see(
        "1. Choose a sub-division with an Invoice Split profile", marker="contract-needs-answers"
    )


async def test_no_upload_while_an_answer_the_contract_prints_is_missing(
    user: User, engine: Engine
) -> None:
    open_at_invoice_split(engine, end_user_name="")  # e.g. a draft from an older version
    await sign_in(user, NOVA)
    await user.open("/add")
    assert step_of_wizard(user) == "invoice_split"
    assert not shown(user, "download-contract")
    assert not offers_the_upload(user)
    await user.should_see(
        "1. Before the contract can be downloaded, complete or correct these answers: End user.",
        marker="contract-needs-answers",
    )


async def test_the_upload_is_offered_with_the_download_and_after_it_in_the_steps_order(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    assert shown(user, "download-contract") and offers_the_upload(user)
    assert not shown(user, "contract-upload-later")
    assert numbered_parts_shown(user) == ["1.", "2.", "3."]  # each once, in order
    download = element(user, "download-contract").id
    assert download < element(user, "contract-upload").id  # the upload comes after


async def test_an_uploaded_scan_stays_shown_when_the_contract_can_no_longer_be_downloaded(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_signed_scan(user)
    choose(user, "sub_division_id", "")  # back on SIM and billing: no sub-division any more
    assert not shown(user, "download-contract") and not offers_the_upload(user)
    assert shown(user, "uploaded-contract")  # still there, with its Remove button
    assert shown(user, "remove-contract")
    choose(user, "sub_division_id", "2")
    assert offers_the_upload(user)
