"""Sign-in page: e-mail and password; in demo mode it shows the demo logins."""

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import context, run, ui

from storage.db.seed import DEMO_AGENT, DEMO_LOGINS, DemoLogin
from storage.queries.accounts import SignedInManager
from storage.use_cases import Incomplete, Services, TryLater, sign_in
from storage.use_cases.sessions import open_session
from ui.format import display_time
from ui.frame import page_frame
from ui.i18n import _
from ui.kit import heading, kept_offline
from ui.session import home, safe_redirect, signed_in_person
from ui.session_routes import start_url


def refusal(outcome: object) -> str:
    if isinstance(outcome, Incomplete):
        return " ".join(_(message) for message in outcome.missing)
    if isinstance(outcome, TryLater):
        return _("Too many attempts to sign in. Wait, then try again after {time}.").format(
            time=display_time(outcome.at)
        )
    # One message for both cases: it must not tell which accounts exist.
    return _("That e-mail and password do not match. Check both and try again.")


def sign_in_form(services: Services, target: str, address: str) -> tuple[ui.input, ui.input]:
    """The form; gives its e-mail and password fields (the demo logins fill them)."""
    with ui.card().classes("w-full max-w-md mx-auto p-6 gap-4"):
        heading(_("Sign in to manage your fleet"), 1)
        problem = ui.label().classes("text-negative").props('role="alert"').mark("problem")
        problem.set_visibility(False)
        email = ui.input(_("E-mail")).props("type=email autocomplete=username outlined")
        kept_offline(email, "email").classes("w-full").mark("email")
        password = ui.input(_("Password"), password=True)
        password.props("autocomplete=current-password outlined").classes("w-full").mark("password")

        async def try_sign_in() -> None:
            if not button.enabled:  # Enter and a click, or a double click: one check
                return
            page = context.client
            button.disable()
            try:  # Argon2 takes a tenth of a second: off the event loop, which serves all
                person = await run.io_bound(
                    sign_in, services, email.value or "", password.value or "", address
                )
                ticket = (
                    None
                    if person is None or isinstance(person, TryLater | Incomplete)
                    else (await run.io_bound(open_session, services, person))
                )
            finally:
                if not button.is_deleted:  # the tab, or just the form, may be gone meanwhile
                    button.enable()
            if page.is_deleted:  # the tab went elsewhere meanwhile: nothing to show it
                return
            if ticket is None:
                if problem.is_deleted:  # the form was rebuilt: it starts afresh, as it should
                    return
                problem.text = refusal(person)
                problem.set_visibility(True)
                if not isinstance(person, Incomplete):  # a password typed is kept to go on
                    password.value = ""
                return
            with page:  # the page's own context: the handler's slot may be a rebuilt form's
                ui.navigate.to(start_url(ticket, target))

        password.on("keydown.enter", try_sign_in)
        button = ui.button(_("Sign in"), on_click=try_sign_in)
        button.classes("w-full").mark("sign-in")
    return email, password


def demo_logins(email: ui.input, password: ui.input) -> None:
    """Each demo login fills the form in one click; its address never breaks mid-way."""
    with ui.card().classes("w-full max-w-md mx-auto p-4 bg-blue-50 gap-1").mark("demo"):
        ui.label(_("Demo logins: choose one to fill in the form")).classes("font-bold")
        for login in (*DEMO_LOGINS, DEMO_AGENT):

            def fill(login: DemoLogin = login) -> None:
                email.value, password.value = login.email, login.password

            choice = ui.button(on_click=fill).props("flat no-caps align=left").classes("w-full")
            # The column is made inside the button: `with` enters each context in turn.
            with choice.mark(f"demo-{login.email}"), ui.column().classes("items-start gap-0"):
                ui.label(login.company).classes("font-bold text-sm")
                for line in (login.email, login.password):  # each whole: phones are narrow
                    ui.label(line).classes("font-mono text-xs whitespace-nowrap")


def register(services: Services) -> None:
    @ui.page("/login")
    def login_page(request: Request, redirect_to: str = "/") -> RedirectResponse | None:
        target = safe_redirect(redirect_to)
        person = signed_in_person(services)  # one session look-up for both kinds
        if person is not None:
            return RedirectResponse(target if isinstance(person, SignedInManager) else home(person))
        here = f"/login?redirect_to={quote(target)}" if target != "/" else "/login"
        with page_frame(services, None, here, _("Sign in")):
            # The address counts failed sign-ins (behind a trusted proxy: the forwarded one).
            email, password = sign_in_form(
                services, target, request.client.host if request.client else "unknown"
            )
            if services.demo:
                demo_logins(email, password)
        return None
