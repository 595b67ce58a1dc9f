"""What a tab says when another tab of the same fleet manager changed the draft meanwhile."""

from collections.abc import Callable

from nicegui import ui

from domain.request import FIELD_LABELS
from ui.i18n import _


def other_tab_notice(taken: tuple[str, ...], put_back: Callable[[], None]) -> None:
    """Which answers came from the other tab, and a way to put this tab's back."""
    answers = ", ".join(_(FIELD_LABELS.get(field, field)) for field in taken)
    with ui.card().classes("w-full bg-amber-50").props('role="status"').mark("other-tab"):
        ui.label(
            _(
                "This draft was changed in another tab. Its answers are shown here: {answers}.",
                answers=answers,
            )
        )
        ui.button(_("Put back this tab's answers"), on_click=put_back).props(
            "outline no-caps"
        ).mark("put-back")
