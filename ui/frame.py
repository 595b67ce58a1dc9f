"""The shared page frame: header with the product name, navigation, language switch, sign-out."""

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import app, context, ui

from storage.queries.accounts import SignedInManager, remember_language
from ui import page_css
from ui.i18n import LANGUAGE_NAMES, QUASAR_LANGUAGES, _, current_language, set_language
from ui.services import Services
from ui.session import sign_out

# WCAG AA: white on these colours is at least 4.5:1 (NiceGUI's default primary is 3.06:1).
COLORS = {
    "primary": "#0b5394",
    "secondary": "#3d4b5c",
    "accent": "#8a3b00",
    "positive": "#1e6b34",
    "negative": "#b00020",
    "info": "#0b5394",
    "warning": "#7a4d00",
}


def configure_quasar() -> None:
    """App-wide Quasar settings. Its AJAX loading bar is a progress bar without a name
    (axe: aria-progressbar-name) that tells nothing here: uploads show their own progress."""
    app.config.quasar_config["loadingBar"]["skipHijack"] = True


def use_page_language() -> None:
    """Set `<html lang>` and Quasar's language pack for this client only.

    NiceGUI takes both from the page route, shared by every visitor; a per-client copy of the
    route object lets each fleet manager get their own language.
    """
    client = context.client
    client.page = copy.copy(client.page)
    client.page.language = QUASAR_LANGUAGES[current_language()]  # type: ignore[assignment]


def language_switch(services: Services, manager: SignedInManager | None, path: str) -> None:
    def switch(event) -> None:  # type: ignore[no-untyped-def]
        set_language(event.value)
        if manager is not None:
            remember_language(services.engine, manager.id, event.value)
        ui.navigate.to(path)

    ui.select(
        LANGUAGE_NAMES, value=current_language(), label=_("Language"), on_change=switch
    ).props("dense outlined dark options-dense").classes("w-36").mark("language")


@contextmanager
def page_frame(
    services: Services, manager: SignedInManager | None, path: str, title: str
) -> Iterator[None]:
    use_page_language()
    ui.colors(**COLORS)
    ui.add_css(page_css.ACCESSIBLE_CSS + page_css.FOCUS_CSS)
    ui.add_css(page_css.STEPPER_CSS + page_css.NARROW_SCREEN_CSS)
    ui.add_head_html(page_css.RADIO_ARROW_KEYS)
    ui.page_title(f"{title} · {_('Fleet self-service')}")
    with ui.header().classes("items-center justify-between bg-[#1f2933] px-6 py-2"):
        with ui.row().classes("items-center gap-6"):
            ui.link(_("Fleet self-service"), "/").classes(
                "text-lg font-bold text-white no-underline"
            )
            if manager is not None:
                ui.link(_("My fleet"), "/").classes("text-white")
                if services.settings.demo:
                    ui.link(_("Mailbox"), "/mailbox").classes("text-white").mark("mailbox-link")
        with ui.row().classes("items-center gap-4"):
            language_switch(services, manager, path)
            if manager is not None:
                ui.label(f"{manager.name} · {manager.company_name}").classes(
                    "text-white manager-name"
                )

                def leave() -> None:
                    sign_out()
                    ui.navigate.to("/login")

                ui.button(_("Sign out"), on_click=leave).props("flat color=white").mark("sign-out")
    # Quasar's page is the <main> landmark already: the column must not be a second one.
    with ui.column().classes("w-full max-w-6xl mx-auto p-6 gap-4") as content:
        ui.skip_link(_("Skip to main content"), target=content)
        yield
