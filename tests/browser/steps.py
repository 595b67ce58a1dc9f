"""What a person does in the browser, and the checks made on every page they see.

Elements are found as a person (or a screen reader) finds them: by role, label and text.
"""

import os
import re
import secrets
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.request import OrderRequest
from domain.sla import processing_time_of
from locales.formats import format_moment
from storage.db.seed import DEMO_LOGINS, DemoLogin
from storage.db.tables import Order
from storage.queries.orders import as_utc

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
REFERENCE = re.compile(r"^FL-[0-9A-Z]{4}-[0-9A-Z]{4}$")
BLOCKING_IMPACTS = {"serious", "critical"}
HIDE_NOTIFICATIONS = ".q-notifications { display: none; }"

_axe = Axe()

# Resolves when the page's running CSS transitions and animations have ended (not the endless
# ones, like a spinner's). Two frames first: a transition Vue has just asked for (a dialog
# opening) starts on the next frame, and before it starts it is not among the animations.
_ANIMATIONS_FINISHED = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations()
    .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => null)));
}"""

# Every visible form control: its accessible name, and whether that name is shown on the page
# next to it (in its Quasar field, radio or checkbox; for a radio group, the shown element its
# aria-labelledby points to, or the label just above it).
_UNLABELLED_CONTROLS = """() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const text = (e) => (e ? e.innerText : '').replace(/\\s+/g, ' ').trim();
  const problems = [];
  const controls = document.querySelectorAll('input:not([type="hidden"]):not([type="file"]), '
    + 'textarea, select, [role="combobox"], [role="radio"], [role="checkbox"], [role="radiogroup"]');
  for (const control of controls) {
    if (!shown(control)) continue;
    const role = control.getAttribute('role');
    let name = control.getAttribute('aria-label') || '';
    let labelShown = false;
    const labelledBy = control.getAttribute('aria-labelledby');
    if (!name && labelledBy) {
      const labels = labelledBy.split(' ').map((id) => document.getElementById(id));
      name = labels.map(text).join(' ');
      labelShown = labels.every((label) => label && shown(label));
    }
    if (!name && control.labels) name = [...control.labels].map(text).join(' ');
    if (!name && (role === 'radio' || role === 'checkbox')) name = text(control);
    name = name.replace(/\\s+/g, ' ').trim();
    const box = control.closest('.q-field, .q-radio, .q-checkbox, .q-toggle');
    const around = box ? text(box)
      : role === 'radiogroup' ? text(control.previousElementSibling) : '';
    if (!name || !(labelShown || around.includes(name))) {
      problems.push(`${control.outerHTML.slice(0, 160)} (accessible name: "${name}")`);
    }
  }
  return problems;
}"""


def unique_sim_digits() -> str:
    """The 13 digits of a SIM card no other test uses (the app refuses a SIM used twice)."""
    return f"8932{secrets.randbelow(10**9):09d}"


def unique_mobile_number() -> str:
    """A Belgian mobile number, as typed (0475 12 34 56), that no other test uses."""
    digits = f"{secrets.randbelow(10**6):06d}"
    return f"0475 {digits[:2]} {digits[2:4]} {digits[4:]}"


def blocking_violations(page: Page) -> list[str]:
    """axe-core's violations of impact serious or critical, one line per element."""
    results = _axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def checkpoint(page: Page, screenshot: str | None = None) -> None:
    """What every page must be: axe-clean (nothing serious or critical), every control with a
    visible label, the page language set. With SCREENSHOTS=1, also a picture for the README."""
    expect(page.locator(".q-menu")).to_have_count(0)  # no select menu still closing
    # A clicked button's ripple lingers a moment after it fades, over what is in front of it
    # (a dialog the click opened): axe measured the dialog's button against it.
    expect(page.locator(".q-ripple__inner")).to_have_count(0)
    # Quasar marks a dialog seamless while it hides (the app opens none seamless): its label is
    # already gone, so axe would find an alertdialog without a name (seen once in CI at 390 px).
    expect(page.locator(".q-dialog--seamless")).to_have_count(0)
    page.evaluate(_ANIMATIONS_FINISHED)  # colours are measured as they end, not mid-fade
    violations = blocking_violations(page)
    assert violations == [], "axe-core found:\n" + "\n".join(violations)
    unlabelled = page.evaluate(_UNLABELLED_CONTROLS)
    assert unlabelled == [], "Controls without a visible label:\n" + "\n".join(unlabelled)
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^(fr|nl|en)\b"))
    if screenshot and os.environ.get("SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")  # the fixed header belongs at the top
        page.mouse.move(0, 0)  # no hover effect where the last click was
        page.screenshot(  # a passing notification would cover the page it was not about
            path=SCREENSHOTS / f"{screenshot}.png", full_page=True, style=HIDE_NOTIFICATIONS
        )


def sign_in(page: Page, login: DemoLogin, fleet_heading: str = "My fleet") -> None:
    """Sign in from the sign-in page, which a new visitor gets in French."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(login.email)
    page.get_by_label("Mot de passe").fill(login.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name=fleet_heading, level=1)).to_be_visible()


def steps_of(page: Page) -> Locator:
    """The wizard's steps, without the order summary beside them (which repeats some answers
    and the processing time)."""
    return page.locator(".q-stepper")


def open_wizard(page: Page) -> None:
    page.get_by_role("button", name="Add a card to my fleet").click()
    expect(page.get_by_role("heading", name="Add a card to my fleet", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Request type", level=2)).to_be_visible()


def new_number_until_plan(page: Page, sub_division: str | None = None) -> None:
    """Nova's fleet manager signs in and answers a new number on a SIM card for Noor, up to
    the plan step."""
    sign_in(page, DEMO_LOGINS[0])
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    choose(page, "Customer number for billing", "7.10045821")
    if sub_division:
        choose(page, "Sub-division", sub_division)
    page.get_by_label("End user", exact=True).fill("Noor El Amrani")
    page.get_by_role("radio", name="SIM card").click()
    page.get_by_label("SIM card number", exact=True).fill(unique_sim_digits())
    continue_to(page, "Plan and options")


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select labelled ``label``."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option).click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def continue_to(page: Page, step_heading: str) -> None:
    """Continue; the next step opens with the focus on its heading (a screen reader says it)."""
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=step_heading, level=2)).to_be_focused()


def stored_order(engine: Engine, reference: str) -> Order:
    with Session(engine) as session:
        return session.exec(select(Order).where(Order.reference == reference)).one()


def confirmed_order(page: Page, engine: Engine, turnaround: str) -> Order:
    """The confirmation: its reference, the turnaround and the due time the domain computes."""
    expect(page.get_by_role("heading", name="Request received", level=1)).to_be_visible()
    reference = page.get_by_text(REFERENCE).inner_text()
    order = stored_order(engine, reference)
    expected = processing_time_of(OrderRequest.from_dict(order.request), as_utc(order.submitted_at))
    assert order.turnaround == expected.turnaround.value
    expect(page.get_by_text(f"Processing time: {turnaround}", exact=True)).to_be_visible()
    expect(
        page.get_by_text(f"Expected completion: {format_moment(expected.due, 'en')}", exact=True)
    ).to_be_visible()
    return order


def listed_in_orders(page: Page, reference: str, turnaround: str, end_user: str) -> None:
    """On the fleet page the order is in the list of orders, and its reference opens the order
    page."""
    expect(page.get_by_role("heading", name="Orders", level=2)).to_be_visible()
    row = page.get_by_test_id("orders").get_by_role("row").filter(has_text=reference)
    expect(row).to_have_count(1)
    for text in ("Received", turnaround, end_user):
        expect(row).to_contain_text(text)
    # The link stays the same element when the page updates (here the lines table, as a search
    # does): a link replaced under the pointer loses the click.
    link = row.get_by_role("link", name=reference).element_handle()
    page.get_by_label("Search by number, end user or plan").fill("no such line")
    expect(page.get_by_text("No line matches your search.")).to_be_visible()
    assert link.evaluate("link => link.isConnected"), "the update replaced the order's link"
    link.click()
    expect(page.get_by_role("heading", name=f"Order {reference}", level=1)).to_be_visible()
    expect(page.get_by_text("Status: Received")).to_be_visible()


MOST_TABS = 80  # more than any page here has stops before what a test focuses


def tab_to(page: Page, target: Locator, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, as a keyboard user does."""
    for _ in range(MOST_TABS):
        page.keyboard.press(key)
        if target.evaluate(
            "e => e === document.activeElement || e.contains(document.activeElement)"
        ):
            return
    raise AssertionError(f"{key} never reached {target}")


def esim_for_noor(page: Page, language: str, copy_to_me: bool = False) -> None:
    """SIM and billing: an eSIM for Noor El Amrani, billed to Nova's main account, with her
    e-mail and language (and the QR code copied to the fleet manager)."""
    choose(page, "Customer number for billing", "7.10045821")
    page.get_by_label("End user", exact=True).fill("Noor El Amrani")
    page.get_by_role("radio", name="eSIM").click()
    page.get_by_role("checkbox", name="I have checked that the device supports eSIM.").click()
    page.get_by_label("End user's e-mail address").fill("noor.elamrani@nova-logistics.be")
    page.get_by_role("radio", name=language).click()
    if copy_to_me:
        page.get_by_role("checkbox", name="Send me the QR code too").click()
