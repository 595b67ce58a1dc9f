"""Field messages and the error summary, as the GOV.UK pattern has them: a message under each
field, and a summary at the top of the step that links to each field."""

from collections.abc import Callable

from nicegui import ui

from domain.problems import Problem
from domain.request import FIELD_LABELS
from domain.summary import LABELLED
from ui.format import display_cents
from ui.i18n import _
from ui.kit import problem_box


def render(problem: Problem) -> str:
    return problem.render(_, display_cents)


def summary_line(problem: Problem) -> str:
    """The problem after its field's name, as a summary lists it ("Plan: Choose a plan.")."""
    label = _(FIELD_LABELS.get(problem.field, problem.field))
    return _(LABELLED, label=label, value=render(problem))


def focus_when_shown(selector: str) -> None:
    """Move the keyboard focus to the element ``selector`` finds, once the browser shows it.

    An element made visible or a step opened in the same update is drawn by Vue only on its
    next render, after this script arrives: so try again on each frame, for about a second.
    """
    ui.run_javascript(
        f"""(function attempt(frames) {{
            const target = document.querySelector({selector!r});
            if (target && target.offsetParent !== null) {{ target.focus(); return; }}
            if (frames > 0) requestAnimationFrame(() => attempt(frames - 1));
        }})(60)"""
    )


# What takes the focus in a field: its text box, or the control Quasar makes focusable.
FOCUSABLE = 'input:not([type="hidden"]):not([tabindex="-1"]), textarea, button, [tabindex="0"]'

# A link of the error summary takes the focus to its field's control (the first thing in it
# that takes focus), not only the page to the field as a plain #anchor would.
FOCUS_FIELD = f"""(event) => {{
    const field = document.getElementById(event.currentTarget.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    const focusable = '{FOCUSABLE}';
    const control = field.matches(focusable) ? field : field.querySelector(focusable);
    field.scrollIntoView({{block: 'center'}});
    (control || field).focus();
}}"""

# A summary link to an answer asked on another step: the server opens that step.
OPEN_ELSEWHERE = "(event) => { event.preventDefault(); emit(); }"


def focus_field(anchor: ui.element) -> None:
    """Put the keyboard focus in the control of the field ``anchor``, once it is shown."""
    field = f"#{anchor.html_id}"
    focus_when_shown(f"{field}:is({FOCUSABLE}), {field} :is({FOCUSABLE})")


class StepForm:
    """One step's fields: where each field's message goes and what the summary links to."""

    def __init__(
        self,
        heading: ui.element | None = None,
        elsewhere: Callable[[Problem], None] | None = None,
    ) -> None:
        self.heading = heading  # the step's title, which may name its one question
        self.elsewhere = elsewhere  # opens a problem whose answer another step asks
        self.messages: dict[str, ui.label] = {}
        self.anchors: dict[str, ui.element] = {}
        self.summary_lines: dict[str, list[ui.link]] = {}  # by field, to clear as it is fixed
        # Parts of the step that change with its problems (the upload's tick), told on show.
        self.followers: list[Callable[[list[Problem]], None]] = []
        self.summary = problem_box("error-summary", focusable=True)
        self.summary.set_visibility(False)

    def field(self, name: str, anchor: ui.element) -> ui.label:
        """Register ``anchor`` (the input) for ``name`` and put its message slot under it."""
        message = ui.label().classes("text-negative text-sm").mark(f"error-{name}")
        message.set_visibility(False)
        self.messages[name] = message
        self.anchors[name] = anchor
        return message

    def refresh(self, problems: list[Problem]) -> None:
        """Coming back to a step that showed problems: show only those left (some may have
        been fixed in another step since)."""
        if self.summary.visible:
            self.show(problems, focus=False)

    def clear(self, name: str) -> None:
        """The field changed: its message goes, under it and in the summary, which goes too
        once it lists nothing (the next Continue judges the new answer)."""
        if name in self.messages:
            self.messages[name].set_visibility(False)
        mark_in_error(self.anchors.get(name), False)
        for line in self.summary_lines.pop(name, []):
            self.summary.remove(line)
        if not self.summary_lines:
            self.summary.set_visibility(False)

    def show_one(self, name: str, text: str) -> None:
        """A message about one field that is not a rule of the request (a refused upload)."""
        self.messages[name].text = text
        self.messages[name].set_visibility(True)

    def show(self, problems: list[Problem], focus: bool = True) -> None:
        """Show every problem under its field and in the summary (hidden when none)."""
        for follower in self.followers:
            follower(problems)
        for message in self.messages.values():
            message.set_visibility(False)
        for name, field in self.anchors.items():
            mark_in_error(field, any(problem.field == name for problem in problems))
        for link in list(self.summary)[1:]:  # the links; the box's title stays
            self.summary.remove(link)
        self.summary_lines.clear()
        self.summary.set_visibility(bool(problems))
        if not problems:
            return
        with self.summary:
            for problem in problems:
                text = render(problem)
                under_field = self.messages.get(problem.field)
                if under_field is not None:
                    under_field.text = text
                    under_field.set_visibility(True)
                line = self.summary_link(problem)
                self.summary_lines.setdefault(problem.field, []).append(line)
        if focus:
            focus_when_shown(f"#{self.summary.html_id}")

    def summary_link(self, problem: Problem) -> ui.link:
        """The problem in the summary, linking to its field here, or to its own step."""
        anchor = self.anchors.get(problem.field)
        target = f"#{anchor.html_id}" if anchor is not None else "#"
        line = ui.link(summary_line(problem), target).classes("text-negative underline")
        line.mark(f"problem-{problem.field}")
        if anchor is None and self.elsewhere is not None:
            elsewhere = self.elsewhere
            line.on("click", lambda: elsewhere(problem), js_handler=OPEN_ELSEWHERE)
        else:
            line.on("click", js_handler=FOCUS_FIELD)
        return line


def mark_in_error(anchor: ui.element | None, wrong: bool) -> None:
    """A text or choice field in error gets Quasar's error look (red border) and
    aria-invalid; its message stays our own label under it."""
    if isinstance(anchor, ui.input | ui.select | ui.number | ui.textarea):
        if wrong:
            anchor.props("error hide-bottom-space")
        else:
            anchor.props(remove="error")


def on_change(handler: Callable[[object], None]) -> Callable[[object], None]:
    """An element change handler that passes only the new value."""
    return lambda event: handler(event.value)  # type: ignore[attr-defined]
