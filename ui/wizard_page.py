"""The add-a-number wizard (route /add)."""

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from ui.fleet_page import login_redirect
from ui.frame import page_frame
from ui.i18n import _
from ui.services import Services
from ui.session import signed_in_manager


def register(services: Services) -> None:
    @ui.page("/add")
    def wizard_page(request: Request) -> RedirectResponse | None:
        manager = signed_in_manager(services)
        if manager is None:
            return login_redirect(request)
        with page_frame(services, manager, "/add", _("Add a card to my fleet")):
            ui.label(_("Add a card to my fleet")).classes("text-2xl font-bold").mark("wizard")
        return None
