"""Layout in a real browser: a keyboard user sees where the focus is, a phone shows a wizard step's
first question without scrolling, and the wizard's steps stay on one row at desktop width even in
French."""

from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from storage.db.seed import DemoLogin
from tests.browser.steps import checkpoint, continue_to, open_wizard, sign_in, tab_to
from tests.conftest import LUMIERE, NOVA

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The focused element's outline: style, width in px, colour as [r, g, b].
_OUTLINE = """(element) => {
  const style = getComputedStyle(element);
  return {
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor.match(/\\d+/g).slice(0, 3).map(Number),
  };
}"""


def _luminance(rgb: list[int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value) for value in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: list[int]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def assert_focus_ring(target: Locator) -> None:
    """A clear focus indicator (WCAG 2.4.7, 2.4.11): a solid outline of at least 2 px, 3:1 on
    the white page at least."""
    expect(target).to_be_focused()
    outline = target.evaluate(_OUTLINE)
    assert outline["style"] != "none", f"no outline on the focused {target}: {outline}"
    assert outline["width"] >= 2, f"outline too thin on the focused {target}: {outline}"
    assert contrast_on_white(outline["color"]) >= 3, f"outline too pale on {target}: {outline}"


def test_a_keyboard_user_sees_a_focus_ring_on_a_button_and_on_a_radio(page: Page) -> None:
    sign_in(page, NOVA)
    add_card = page.get_by_role("button", name="Add a card to my fleet")
    tab_to(page, add_card)
    assert_focus_ring(add_card)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Request type", level=2)).to_be_visible()
    # Quasar's radio takes the focus on its role="radio" element: the ring must be there.
    new_number = page.get_by_role("radio", name="A new number")
    tab_to(page, new_number)
    assert_focus_ring(new_number)
    page.keyboard.press("ArrowDown")  # the arrow keys move the focus within the group
    transfer = page.get_by_role("radio", name="Transfer an existing number")
    expect(transfer).to_be_checked()
    assert_focus_ring(transfer)


@dataclass(frozen=True)
class WizardStart:
    """The way into the wizard as a manager sees it, in their language."""

    login: DemoLogin
    fleet_heading: str
    add_card: str
    first_step: str
    first_radio: str
    continue_button: str
    step_titles: tuple[str, ...]


IN_ENGLISH = WizardStart(
    NOVA,
    "My fleet",
    "Add a card to my fleet",
    "Request type",
    "A new number",
    "Continue",
    ("Request type", "SIM and billing", "Plan and options", "Check your answers"),
)
IN_FRENCH = WizardStart(
    LUMIERE,
    "Ma flotte",
    "Ajouter une carte à ma flotte",
    "Type de demande",
    "Un nouveau numéro",
    "Continuer",
    ("Type de demande", "SIM et facturation", "Plan tarifaire et options"),
)


@pytest.mark.parametrize("start", [IN_ENGLISH, IN_FRENCH], ids=["en", "fr"])
def test_on_a_phone_the_first_question_of_the_wizard_shows_without_scrolling(
    page: Page, start: WizardStart
) -> None:
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    sign_in(page, start.login, start.fleet_heading)
    page.get_by_role("button", name=start.add_card).click()
    expect(page.get_by_role("heading", name=start.first_step, level=2)).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    header_bottom = page.get_by_role("banner").evaluate(
        "header => header.getBoundingClientRect().bottom"
    )
    # The step's heading, its first question and the way on, between the header and the fold.
    for shown in (
        page.get_by_role("heading", name=start.first_step, level=2),
        page.get_by_role("radio", name=start.first_radio),
        page.get_by_role("button", name=start.continue_button),
    ):
        box = shown.bounding_box()
        assert box is not None, f"{shown} is not shown"
        assert box["y"] >= header_bottom, f"{shown} is under the fixed header"
        bottom = box["y"] + box["height"]
        assert bottom <= PHONE["height"], f"{shown} ends at {bottom} px, below the fold"
    # Shown as dots on a phone, the other steps' titles are still there for a screen reader.
    main = page.get_by_role("main").aria_snapshot()
    for title in start.step_titles:
        assert title in main, f"the step title {title!r} left the accessibility tree"
    checkpoint(page)


def test_at_desktop_width_the_french_step_titles_share_one_row(page: Page) -> None:
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    sign_in(page, LUMIERE, "Ma flotte")
    page.get_by_role("button", name="Ajouter une carte à ma flotte").click()
    expect(page.get_by_role("heading", name="Type de demande", level=2)).to_be_visible()
    page.get_by_role("radio", name="Transférer un numéro existant").click()  # all six steps
    expect(page.get_by_text("Numéro et titulaire", exact=True)).to_be_visible()
    tabs = page.locator(".q-stepper__tab").filter(visible=True)
    expect(tabs).to_have_count(6)
    rows = tabs.evaluate_all(
        "tabs => tabs.map((tab) => [tab.innerText.trim(), tab.getBoundingClientRect().top])"
    )
    assert len({top for _title, top in rows}) == 1, f"the step tabs are on several rows: {rows}"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_when_the_error_summary_takes_the_focus_the_steps_heading_stays_in_sight(
    page: Page, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)  # type: ignore[arg-type]
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    page.keyboard.press("End")  # the Continue button is at the bottom of a long step
    page.get_by_role("button", name="Continue").last.click()
    summary = page.locator('[role="alert"]:visible').first
    expect(summary).to_be_focused()
    header_bottom = page.get_by_role("banner").evaluate(
        "header => header.getBoundingClientRect().bottom"
    )
    heading = page.get_by_role("heading", name="SIM and billing", level=2).bounding_box()
    assert heading is not None and heading["y"] >= header_bottom, (heading, header_bottom)
