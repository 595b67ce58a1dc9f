"""Registers every page. Called by main.py on each start (the test fixture re-runs main.py)."""

from ui import fleet_page, login_page, wizard_page
from ui.services import Services


def register_pages(services: Services) -> None:
    login_page.register(services)
    fleet_page.register(services)
    wizard_page.register(services)
