"""Registers every page. Called by main.py on each start (the test fixture re-runs main.py)."""

from nicegui import app

from storage.use_cases import Services
from ui import (
    api_page,
    back_office_page,
    bulk_page,
    document_routes,
    employee_page,
    error_pages,
    fleet_page,
    health_routes,
    line_page,
    login_page,
    mailbox_page,
    order_page,
    orders_page,
    page_guard,
    session_routes,
)
from ui.frame import configure_app
from ui.headers import SecurityHeaders
from ui.nicegui_speedups import speed_up_nicegui
from ui.socket_events import install_event_check
from ui.wizard import page as wizard_page


def register_pages(services: Services) -> None:
    speed_up_nicegui()
    configure_app()
    app.add_middleware(SecurityHeaders, public_url=services.public_url)
    install_event_check()
    error_pages.install(services)
    page_guard.install(services)
    session_routes.register(services)
    health_routes.register(services)
    login_page.register(services)
    fleet_page.register(services)
    line_page.register(services)
    wizard_page.register(services)
    bulk_page.register(services)
    api_page.register(services)
    employee_page.register(services)
    order_page.register(services)
    orders_page.register(services)
    document_routes.register(services)
    mailbox_page.register(services)
    back_office_page.register(services)
