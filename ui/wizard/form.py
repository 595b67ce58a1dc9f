"""Field messages and the error summary, as the GOV.UK pattern has them: a message under each
field, and a summary at the top of the step that links to each field."""

from collections.abc import Callable

from nicegui import ui

from domain.problems import Problem
from domain.request import FIELD_LABELS
from ui.i18n import _


def render(problem: Problem) -> str:
    return problem.render(_)


class StepForm:
    """One step's fields: where each field's message goes and what the summary links to."""

    def __init__(self) -> None:
        self.messages: dict[str, ui.label] = {}
        self.anchors: dict[str, ui.element] = {}
        self.summary = (
            ui.column()
            .classes("w-full border-l-4 border-negative bg-red-50 p-4 gap-1")
            .props('role="alert" tabindex="-1"')
            .mark("error-summary")
        )
        self.summary.set_visibility(False)

    def field(self, name: str, anchor: ui.element) -> ui.label:
        """Register ``anchor`` (the input) for ``name`` and put its message slot under it."""
        message = ui.label().classes("text-negative text-sm").mark(f"error-{name}")
        message.set_visibility(False)
        self.messages[name] = message
        self.anchors[name] = anchor
        return message

    def clear(self, name: str) -> None:
        if name in self.messages:
            self.messages[name].set_visibility(False)

    def show_one(self, name: str, text: str) -> None:
        """A message about one field that is not a rule of the request (a refused upload)."""
        self.messages[name].text = text
        self.messages[name].set_visibility(True)

    def show(self, problems: list[Problem]) -> None:
        """Show every problem under its field and in the summary (hidden when none)."""
        for message in self.messages.values():
            message.set_visibility(False)
        self.summary.clear()
        self.summary.set_visibility(bool(problems))
        if not problems:
            return
        with self.summary:
            ui.label(_("There is a problem")).classes("text-lg font-bold text-negative")
            for problem in problems:
                text = render(problem)
                message = self.messages.get(problem.field)
                if message is not None:
                    message.text = text
                    message.set_visibility(True)
                anchor = self.anchors.get(problem.field)
                target = f"#c{anchor.id}" if anchor is not None else "#"
                ui.link(
                    f"{_(FIELD_LABELS.get(problem.field, problem.field))}: {text}", target
                ).classes("text-negative underline")
        ui.run_javascript(f"document.getElementById('c{self.summary.id}')?.focus()")


def on_change(handler: Callable[[object], None]) -> Callable[[object], None]:
    """An element change handler that passes only the new value."""
    return lambda event: handler(event.value)  # type: ignore[attr-defined]
