"""Steps a fleet manager takes in the wizard, for simulated-user tests."""

from dataclasses import replace
from typing import Any

from nicegui import ElementFilter, ui
from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.steps import steps_for
from storage.queries.drafts import DraftState, load_draft, new_draft_state
from storage.use_cases import discard_draft, save_draft
from tests.fixtures import documents
from tests.order_helpers import ESIM_TRANSFER, documents_beside, manager_of, services_for
from ui.wizard.draft_writes import every_draft_written


def element(user: User, marker: str) -> Any:
    """The element with this marker, shown or not (``user.find`` sees only shown ones)."""
    with user.client:
        found = list(ElementFilter(marker=marker, local_scope=False))
    assert len(found) == 1, f"{len(found)} elements marked {marker!r}"
    return found[0]


def choose(user: User, marker: str, value: object) -> None:
    element(user, marker).value = value


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def tick(user: User, marker: str, on: bool = True) -> None:
    element(user, marker).value = on


def step_of_wizard(user: User) -> str:
    stepper: ui.stepper = element(user, "stepper")
    return str(stepper.value)


async def next_step(user: User, step: str, expect: str) -> None:
    user.find(marker=f"next-{step}").click()
    assert step_of_wizard(user) == expect, problems_shown(user)


def problems_shown(user: User) -> list[str]:
    """The texts of the error summaries on the page."""
    return [
        link.text
        for summary in user.find(marker="error-summary").elements
        if summary.visible
        for link in summary.descendants()
        if isinstance(link, ui.link)
    ]


def shown(user: User, marker: str) -> bool:
    """Whether the element and every section around it are visible."""
    node: Any = element(user, marker)
    while node is not None:
        if not node.visible:
            return False
        node = node.parent_slot.parent if node.parent_slot else None
    return True


async def start(user: User, request_type: str) -> None:
    await user.open("/add")
    choose(user, "request_type", request_type)


async def sim_and_billing(
    user: User,
    *,
    end_user: str = "Noor El Amrani",
    esim: bool = False,
    account: str = "1",
    division: str = "",
) -> None:
    choose(user, "customer_number_id", account)
    if division:
        choose(user, "sub_division_id", division)
    type_into(user, "end_user_name", end_user)
    if esim:
        choose(user, "sim_kind", "esim")
        tick(user, "esim_device_compatible")
        type_into(user, "esim_email", "noor.elamrani@nova-logistics.be")
        choose(user, "esim_language", "nl")
    else:
        choose(user, "sim_kind", "sim")
        type_into(user, "sim_digits", "8932 0000 1234 5")
    await next_step(user, "sim_and_billing", expect="plan_and_options")


async def new_number_until_plan(user: User, **billing: Any) -> None:
    """A new number, through the request type and the SIM and billing steps."""
    await start(user, "new_number")
    await next_step(user, "request_type", expect="sim_and_billing")
    await sim_and_billing(user, **billing)


async def plan_until_check(user: User, plan: str = "shape_m") -> None:
    """Choose the plan, keep the default options, no Invoice Split: on to check your answers."""
    choose(user, "plan_code", plan)
    await next_step(user, "plan_and_options", expect="invoice_split")
    await next_step(user, "invoice_split", expect="check")


async def invoice_split_step(user: User) -> None:
    """A new number billed to the Sales team (the company pays up to €30), on to Invoice Split
    with it ticked."""
    await new_number_until_plan(user, division="2")
    choose(user, "plan_code", "shape_m")
    await next_step(user, "plan_and_options", expect="invoice_split")
    tick(user, "invoice_split")


# Polls 0.1 s apart: an upload is checked in a process of its own (about 0.3 s, more on a
# loaded machine) before the page shows the outcome.
UPLOAD_CHECK_POLLS = 100


async def upload_contract(user: User, name: str, data: bytes) -> None:
    upload: ui.upload = element(user, "contract-upload")
    await upload.handle_uploads([ui.upload.SmallFileUpload(name, "application/pdf", data)])


async def upload_signed_scan(user: User) -> None:
    """Upload a signed contract (a PDF) on the Invoice Split step and wait until it is taken."""
    await upload_contract(user, "signed.pdf", documents.pdf())
    await user.should_see(marker="uploaded-contract", retries=UPLOAD_CHECK_POLLS)


async def written_draft(engine: Engine, manager_id: int) -> DraftState | None:
    """The draft as stored once the saves the pages have on their way are in (off the loop)."""
    await every_draft_written(manager_id)
    return load_draft(engine, manager_id)


async def every_step_built(user: User, engine: Engine) -> None:
    """The wizard with each step's questions built (a step is built when first shown): a whole
    draft, opened at the first step and continued through each one to check your answers."""
    services = services_for(engine, documents_beside(engine))
    manager = manager_of(engine)
    discard_draft(services, manager)
    save_draft(services, manager, replace(new_draft_state(), request=ESIM_TRANSFER))
    await user.open("/add/request_type")
    for step in steps_for(ESIM_TRANSFER):
        user.find(marker=f"next-{step.value}").click()
    assert step_of_wizard(user) == "check"
