"""The shared page frame (header with the product name, navigation, language switch,
sign-out) and the one way to declare a fleet manager's page: sign-in guard and frame together."""

import copy
import hashlib
import inspect
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, context, events, ui

from domain.language import Language
from storage.queries.accounts import SignedInAgent, SignedInManager
from storage.use_cases import Services, remember_language
from ui.i18n import QUASAR_LANGUAGES, _, choose_language_at_sign_in, current_language, set_language
from ui.session import BACK_OFFICE, signed_in_manager, signed_in_person

STATIC = Path(__file__).resolve().parent / "static"
STATIC_URL = "/static"
A_YEAR = 365 * 24 * 3600  # each asset's address names its content: a new one is a new address


def asset(name: str) -> str:
    """The address of one of the app's own static files, with its content's hash: browsers
    keep it for a year and ask again only when it changes."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
    return f"{STATIC_URL}/{name}?v={digest}"


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
HEAD = (
    # The utility classes the pages use, compiled by `make css` (no Tailwind in the browser).
    f'<link rel="stylesheet" href="{asset("tailwind.css")}">'
    f'<link rel="stylesheet" href="{asset("page.css")}">'
    f'<script src="{asset("radio-keys.js")}" defer></script>'
    f'<script src="{asset("fit-frames.js")}" defer></script>'
    f'<script src="{asset("keep-typing.js")}" defer></script>'
    f'<script src="{asset("scroll-regions.js")}" defer></script>'
)

# Builds a page's content for the signed-in manager, from the path's parameters (an async one
# when it must wait for something first).
PageBuilder = Callable[..., None] | Callable[..., Awaitable[None]]
AgentPageBuilder = Callable[[SignedInAgent], None]
Person = SignedInManager | SignedInAgent


def configure_app() -> None:
    """App-wide settings: the page CSS and script as files; no Quasar AJAX loading bar, a
    progress bar without a name (axe: aria-progressbar-name) that tells nothing here."""
    app.add_static_files(STATIC_URL, STATIC, max_cache_age=A_YEAR)
    app.config.quasar_config["loadingBar"]["skipHijack"] = True


def login_redirect(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?redirect_to={request.url.path}")


def agent_page(
    services: Services, path: str, title: Callable[..., str]
) -> Callable[[AgentPageBuilder], AgentPageBuilder]:
    """Register ``build(agent)`` at ``path`` for the operator's agents only: a fleet manager
    goes back to the fleet, anyone else to sign-in."""

    def register(build: AgentPageBuilder) -> AgentPageBuilder:
        @ui.page(path)
        def page(request: Request) -> RedirectResponse | None:
            person = signed_in_person(services)  # one session look-up for both checks
            if not isinstance(person, SignedInAgent):
                return RedirectResponse("/") if person else login_redirect(request)
            with page_frame(services, person, request.url.path, title()):
                build(person)
            return None

        return build

    return register


def manager_page(
    services: Services, path: str, title: Callable[..., str]
) -> Callable[[PageBuilder], PageBuilder]:
    """Register ``build(manager, **path_params)`` at ``path`` for signed-in fleet managers;
    anyone else goes to sign-in and comes back here after. ``title(**path_params)``."""

    def register(build: PageBuilder) -> PageBuilder:
        @ui.page(path)
        def page(request: Request) -> RedirectResponse | Awaitable[None] | None:
            manager = signed_in_manager(services)
            if manager is None:
                return login_redirect(request)
            params = dict(request.path_params)
            frame = page_frame(services, manager, request.url.path, title(**params))
            if inspect.iscoroutinefunction(build):  # NiceGUI awaits what the page returns
                return built_in(frame, build(manager, **params))
            with frame:
                build(manager, **params)
            return None

        return build

    return register


async def built_in(frame: AbstractContextManager[None], building: Awaitable[None]) -> None:
    with frame:
        await building


def use_page_language() -> None:
    """Set `<html lang>` and Quasar's language pack for this client only.

    NiceGUI takes both from the page route, shared by every visitor; a per-client copy of the
    route object lets each fleet manager get their own language.
    """
    client = context.client
    client.page = copy.copy(client.page)
    client.page.language = QUASAR_LANGUAGES[current_language()]  # type: ignore[assignment]


MOVED_TO = "address"  # app.storage.client: where a page moved within itself (a wizard step)


def moved_within_page(address: str) -> None:
    """The page now shows ``address`` (pushed to the browser's history by the page itself):
    a change of language reloads that, not the address the page was opened at."""
    app.storage.client[MOVED_TO] = address


def language_switch(services: Services, person: Person | None, path: str) -> None:
    def switch(event: events.ValueChangeEventArguments[str]) -> None:
        language = Language(event.value)
        set_language(language)
        if person is None:  # chosen before signing in: it wins over the account's at sign-in
            choose_language_at_sign_in()
        elif isinstance(person, SignedInManager):
            remember_language(services, person.id, language)
        ui.navigate.to(app.storage.client.get(MOVED_TO, path))

    names = {language.value: language.native_name for language in Language}
    ui.select(names, value=current_language().value, label=_("Language"), on_change=switch).props(
        "dense outlined dark options-dense"
    ).classes("w-36").mark("language")


@contextmanager
def page_frame(services: Services, person: Person | None, path: str, title: str) -> Iterator[None]:
    use_page_language()
    ui.colors(**COLORS)
    ui.add_head_html(HEAD)
    page_title(title)
    with ui.header().classes("items-center justify-between bg-[#1f2933] px-6 py-2"):
        with ui.row().classes("items-center gap-6"):
            ui.link(_("Fleet self-service"), "/").classes(
                "text-lg font-bold text-white no-underline"
            )
            if person is not None:
                _navigation(services, person)
        with ui.row().classes("items-center gap-4"):
            language_switch(services, person, path)
            if person is not None:
                _person_and_sign_out(person)
    # Quasar's page is the <main> landmark already: the column must not be a second one.
    with ui.column().classes("w-full max-w-6xl mx-auto p-6 gap-4") as content:
        ui.skip_link(_("Skip to main content"), target=content)
        yield


def page_title(title: str) -> None:
    ui.page_title(f"{title} · {_('Fleet self-service')}")


def _navigation(services: Services, person: Person) -> None:
    if isinstance(person, SignedInAgent):
        ui.link(_("Back-office"), BACK_OFFICE).classes("text-white")
        return
    ui.link(_("My fleet"), "/").classes("text-white")
    ui.link(_("Orders"), "/orders").classes("text-white")
    ui.link(_("API"), "/settings/api").classes("text-white").mark("api-link")
    if services.demo:
        ui.link(_("Mailbox"), "/mailbox").classes("text-white").mark("mailbox-link")


def _person_and_sign_out(person: Person) -> None:
    serves = person.company_name if isinstance(person, SignedInManager) else _("Back-office")
    ui.label(f"{person.name} · {serves}").classes("text-white manager-name")

    def leave() -> None:  # the HTTP request ends the session and removes its cookie
        ui.navigate.to("/session/end")

    ui.button(_("Sign out"), on_click=leave).props("flat color=white").mark("sign-out")
