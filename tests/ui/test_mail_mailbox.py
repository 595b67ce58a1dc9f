"""The demo mailbox, as a signed-in fleet manager uses it (simulated user)."""

import base64
import re
from typing import Any

from nicegui.testing import User
from sqlalchemy.engine import Engine

from tests.conftest import LUMIERE, NOVA
from tests.mail_helpers import ACTIVATION_CODE, company_id, decode_qr, enqueue_committed, esim_mail
from tests.ui_helpers import sign_in

SUBJECT = "Uw eSIM-profiel voor +32 470 12 34 00"


def mailbox_rows(user: User) -> list[dict[str, str]]:
    return user.find(marker="mailbox").elements.pop().rows  # type: ignore[attr-defined,no-any-return]


def shown_email(user: User) -> Any:
    return user.find(marker="message-html").elements.pop()


async def test_mailbox_lists_the_email_with_recipient_subject_language_and_status(
    user: User, engine: Engine
) -> None:
    enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, NOVA)
    await user.open("/mailbox")
    [row] = mailbox_rows(user)
    assert {
        "to": "lotte.janssens@nova-logistics.be",
        "subject": SUBJECT,
        "language": "Nederlands",
        "status": "Kept in the demo mailbox",  # no SMTP server: nothing will send it
        "time": "Thursday, 26 November 2026 at 10:00",  # T0 in Brussels time
    }.items() <= row.items()
    await user.should_see("No mail server is configured: e-mails are not sent and stay here.")


async def test_opened_esim_email_shows_its_qr_code_and_activation_code(
    user: User, engine: Engine
) -> None:
    message_id = enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, NOVA)
    await user.open("/mailbox")
    [row] = mailbox_rows(user)
    assert row["href"] == f"/mailbox/{message_id}"
    await user.open(row["href"])
    await user.should_see(SUBJECT)
    frame = shown_email(user)
    # The e-mail's HTML runs nothing (no allow-scripts); same-origin lets the page read its height.
    assert frame.props["sandbox"] == "allow-same-origin"
    image = re.search(
        r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', frame.props["srcdoc"]
    )
    assert image is not None
    assert decode_qr(base64.b64decode(image[1])) == [ACTIVATION_CODE]
    assert image[2] == "QR-code van het eSIM-profiel"
    await user.should_see(ACTIVATION_CODE)  # the plain text version, for manual entry


async def test_without_a_mail_server_the_email_is_kept_in_the_demo_mailbox_in_each_language(
    user: User, engine: Engine
) -> None:
    message_id = enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, NOVA)  # Sofie reads English
    await user.open(f"/mailbox/{message_id}")
    await user.should_see("Kept in the demo mailbox")  # the message's facts
    await user.should_not_see("Waiting to be sent")
    user.find(marker="language").elements.pop().value = "nl"  # type: ignore[attr-defined]
    await user.should_see("Bewaard in de demomailbox")
    await user.should_not_see("Wacht op verzending")
    user.find(marker="language").elements.pop().value = "fr"  # type: ignore[attr-defined]
    await user.should_see("Conservé dans la boîte mail de démo")
    await user.open("/mailbox")
    assert [row["status"] for row in mailbox_rows(user)] == ["Conservé dans la boîte mail de démo"]


async def test_header_leads_to_the_mailbox_in_demo_mode(user: User) -> None:
    await sign_in(user, NOVA)
    user.find(marker="mailbox-link").click()
    await user.should_see(marker="mailbox-heading")
    assert mailbox_rows(user) == []


async def test_other_company_sees_neither_the_list_entry_nor_the_email(
    user: User, engine: Engine
) -> None:
    message_id = enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, LUMIERE, language="fr")
    await user.open("/mailbox")
    assert mailbox_rows(user) == []
    await user.open(f"/mailbox/{message_id}")
    await user.should_see("Cet e-mail est introuvable.")  # Marc reads French
    await user.should_not_see(marker="message-html")
    await user.should_not_see(ACTIVATION_CODE)


async def test_signed_out_visitor_is_sent_to_the_login_page(user: User) -> None:
    await user.open("/mailbox")
    await user.should_see(marker="sign-in")
    await user.should_not_see(marker="mailbox")
