"""Composition root: settings, database, demo data, pages, then NiceGUI's server."""

import os
import sys
from datetime import timedelta

from settings import Settings

os.umask(0o077)  # every file the app writes (database, documents, session storage): owner only
settings = Settings()
if problems := settings.several_instance_problems():
    sys.exit("The app cannot start with these settings:\n- " + "\n- ".join(problems))
if settings.redis_url:  # read by nicegui.storage at import time: set it first
    os.environ.setdefault("NICEGUI_REDIS_URL", settings.redis_url)

from nicegui import app, ui  # noqa: E402

from api.app import register as register_api  # noqa: E402
from storage.db.engine import create_schema, make_engine  # noqa: E402
from storage.db.seed import seed_demo  # noqa: E402
from storage.events import order_events  # noqa: E402
from storage.mail.delivery import DeliveryWorker, parse_smtp_url  # noqa: E402
from storage.ready import ready_message  # noqa: E402
from storage.throttle import SignInThrottle  # noqa: E402
from storage.use_cases import Services, remove_orphan_documents, reset_demo  # noqa: E402
from storage.webhooks.delivery import WebhookWorker  # noqa: E402
from ui.pages import register_pages  # noqa: E402

RECONNECT_SECONDS = 10.0
engine = make_engine(settings.database_url)
create_schema(engine)
if settings.demo:
    seed_demo(engine)
services = Services(
    engine=engine,
    documents_dir=settings.documents_dir,
    smdp_address=settings.smdp_address,
    public_url=settings.public_url,
    app_url=settings.address,
    demo=settings.demo,
    mail_server=bool(settings.smtp_url),
    # Order changes reach the open pages of every instance (Redis or PostgreSQL when set up).
    events=order_events(settings.database_url, settings.redis_url),
    session_idle=timedelta(minutes=settings.session_idle_minutes),
    session_lifetime=timedelta(hours=settings.session_max_hours),
    # Failed sign-ins are counted in Redis when it is there, so every instance sees them all.
    throttle=SignInThrottle(settings.redis_url or "memory://"),
    webhooks_allow_private=settings.webhooks_allow_private,
    redis_url=settings.redis_url,
    instance_name=settings.instance_name,
)
remove_orphan_documents(services)  # what a crash during an upload left behind
register_pages(services)
register_api(services)
if settings.smtp_url:  # unset: e-mails stay in the outbox, which the demo mailbox shows
    delivery = DeliveryWorker(engine, parse_smtp_url(settings.smtp_url), settings.mail_from)
    app.on_startup(delivery.start)
    app.on_shutdown(delivery.stop)
webhooks = WebhookWorker(
    engine,
    allow_private=settings.webhooks_allow_private,
    lease=timedelta(seconds=settings.webhook_lease_seconds),
)
app.on_startup(webhooks.start)
app.on_shutdown(webhooks.stop)
app.on_startup(lambda: print(ready_message(settings.address, services), flush=True))
app.on_shutdown(services.events.close)
app.on_shutdown(engine.dispose)

if __name__ == "__main__" and sys.argv[1:] == ["reset-demo"]:  # make reset-demo
    reset_demo(services)
    print("The demo is back as seeded; every session has ended.")
    sys.exit(0)

if __name__ in {"__main__", "__mp_main__"}:
    ui.run(
        host=settings.host,
        port=settings.port,
        title="Fleet self-service",
        language="fr",
        storage_secret=settings.resolved_storage_secret(),
        session_middleware_kwargs={
            "session_cookie": "fleet_session",  # NiceGUI's: the language only
            "same_site": "lax",
            "https_only": (settings.public_url or "").startswith("https://"),
        },
        reload=False,
        show=False,
        show_welcome_message=False,
        favicon="📱",
        tailwind=False,  # its classes are compiled once (make css), not in every browser
        # A page whose socket drops (a busy loop missed a ping, a network blip, an instance
        # restarting behind the proxy) is kept this long for the browser to come back to it;
        # NiceGUI also sets the pings from it (every 8 s, 4 s to answer): 3 s dropped pages.
        reconnect_timeout=RECONNECT_SECONDS,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,  # passed on to uvicorn
    )
