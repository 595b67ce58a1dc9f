"""What `make run` prints once the app is up: where to open it, the demo logins, where the data
is kept. The start is otherwise silent (NiceGUI's welcome message is off: it lists every
network address, not the one users reach)."""

from storage.db.seed import DEMO_AGENT, DEMO_LOGINS
from storage.use_cases import Services


def ready_message(address: str, services: Services) -> str:
    """The lines for the console; the database URL without its password."""
    lines = [f"Fleet self-service is ready: {address}"]
    if services.demo:
        lines.append("Demo logins (e-mail / password):")
        for login in (*DEMO_LOGINS, DEMO_AGENT):
            lines.append(f"  {login.company:<22} {login.email} / {login.password}")
    database = services.engine.url.render_as_string(hide_password=True)
    lines.append(f"Database: {database}")
    lines.append(f"Documents: {services.documents_dir.resolve()}")
    return "\n".join(lines)
