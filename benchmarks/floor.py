"""The framework's floor: a bare NiceGUI page with the wizard's three conditional sections.

`python -m benchmarks.floor` (PORT from the environment) serves it on 127.0.0.1. Nothing of
the app is imported: what this page costs is what NiceGUI itself costs for such a form, and
benchmarks/floor_compare.py states the app's figures as ratios to it. Defaults as NiceGUI
ships them (Tailwind in the browser included), on purpose.
"""

import os

from nicegui import ui


def conditional(testid: str) -> ui.column:
    """A section shown only while its answer holds; found by the measurement by its test id."""
    return ui.column().classes("w-full gap-3 pl-4").props(f'data-testid="{testid}"')


@ui.page("/")
def form() -> None:
    ui.label("Add a card").classes("text-2xl").props('data-testid="ready"')
    kind = ui.radio({"new": "A new number", "transfer": "Transfer a number"}, value="new")
    kind.props('data-testid="request-type"')
    with conditional("transfer-section") as transfer:
        ui.input("Number to transfer")
        ui.input("Current operator")
        ui.input("Owner's name")
    transfer.bind_visibility_from(kind, "value", value="transfer")

    sim = ui.radio({"sim": "SIM card", "esim": "eSIM"}, value="sim").props('data-testid="sim"')
    with conditional("esim-section") as esim:
        ui.input("End user's e-mail address").props('type="email"')
        ui.radio({"nl": "Nederlands", "fr": "Français", "en": "English"}, value="nl")
    esim.bind_visibility_from(sim, "value", value="esim")

    split = ui.checkbox("Invoice Split").props('data-testid="invoice-split"')
    with conditional("invoice-split-section") as split_section:
        ui.input("Company's monthly cap")
        ui.input("Employee's e-mail address")
    split_section.bind_visibility_from(split, "value")
    ui.button("Continue")


if __name__ in {"__main__", "__mp_main__"}:
    ui.run(
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "18100")),
        reload=False,
        show=False,
        show_welcome_message=False,
    )
