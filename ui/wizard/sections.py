"""Parts of a wizard step shown only while a condition on the answers holds."""

from collections.abc import Callable

from nicegui import ui

from domain.request import OrderRequest
from ui.wizard.state import WizardState


class Sections:
    """Parts of the page shown only while a condition on the answers holds."""

    def __init__(self, state: WizardState) -> None:
        self.state = state
        self.parts: list[tuple[ui.element, Callable[[OrderRequest], bool]]] = []
        state.listeners.append(self.refresh)

    def when(self, condition: Callable[[OrderRequest], bool]) -> ui.column:
        section = ui.column().classes("w-full gap-3 pl-4 border-l-4 border-gray-300")
        self.parts.append((section, condition))
        section.set_visibility(condition(self.state.request))
        return section

    def refresh(self) -> None:
        for section, condition in self.parts:
            section.set_visibility(condition(self.state.request))
