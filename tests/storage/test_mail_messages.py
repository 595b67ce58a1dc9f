"""The e-mails' wording, language and layout, before any delivery."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image

from domain.rejections import RejectionReason
from storage.mail.messages import (
    QR_CID,
    ConfirmationDetails,
    OrderUpdateDetails,
    confirmation_message,
    esim_profile_message,
    order_update_message,
)
from storage.mail.qr import qr_png, qr_svg
from tests.mail_helpers import ACTIVATION_CODE, decode_qr, esim_details


def confirmation(language: str = "en", **changes: object) -> ConfirmationDetails:
    values: dict[str, object] = {
        "reference": "FS-7K3Q9",
        "language": language,
        "manager_name": "Sofie Peeters",
        "manager_email": "sofie.peeters@nova-logistics.be",
        "company_name": "Nova Logistics NV",
        "summary_lines": [("Plan", "Shape M"), ("SIM or eSIM", "eSIM")],
        "turnaround_label": "1 business day",
        "due": datetime(2026, 12, 1, 8, 0, tzinfo=UTC),  # 09:00 in Brussels (winter time)
        "order_url": "https://fleet.example.be/orders/12",
    }
    values.update(changes)
    return ConfirmationDetails(**values)  # type: ignore[arg-type]


def test_confirmation_gives_reference_summary_turnaround_and_due_time_in_brussels() -> None:
    mail = confirmation_message(confirmation())
    assert mail.to == ["sofie.peeters@nova-logistics.be"]
    assert mail.subject == "Your request FS-7K3Q9 has been received"
    for part in (mail.text, mail.html):
        assert "FS-7K3Q9" in part
        assert "Shape M" in part
        assert "1 business day" in part
        assert "Tuesday, 1 December 2026 at 09:00" in part
        assert "https://fleet.example.be/orders/12" in part


@pytest.mark.parametrize(
    ("language", "subject", "due"),
    [
        ("fr", "Votre demande FS-7K3Q9 a bien été reçue", "mardi 1er décembre 2026 à 09:00"),
        ("nl", "Uw aanvraag FS-7K3Q9 is goed ontvangen", "dinsdag 1 december 2026 om 09:00"),
    ],
)
def test_confirmation_is_written_in_the_fleet_managers_language(
    language: str, subject: str, due: str
) -> None:
    mail = confirmation_message(confirmation(language))
    assert (mail.subject, mail.language) == (subject, language)
    assert due in mail.text
    assert f'<html lang="{language}">' in mail.html


def test_the_text_part_puts_a_space_before_a_colon_in_french_only() -> None:
    french = confirmation_message(confirmation("fr")).text
    dutch = confirmation_message(confirmation("nl")).text
    assert "Référence : FS-7K3Q9" in french
    assert "Referentie: FS-7K3Q9" in dutch


def test_values_typed_by_users_are_escaped_in_the_html() -> None:
    mail = confirmation_message(
        confirmation(manager_name="<script>alert(1)</script>", company_name="Dupont & Fils")
    )
    assert "<script>" not in mail.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in mail.html
    assert "Dupont &amp; Fils" in mail.html
    assert "<script>alert(1)</script>" in mail.text  # the text part is not HTML


def test_only_web_links_are_put_in_an_email() -> None:
    with pytest.raises(ValueError):
        confirmation_message(confirmation(order_url="javascript:alert(1)"))


def test_esim_email_has_the_qr_code_inline_and_the_activation_code_as_text() -> None:
    [mail] = esim_profile_message(esim_details("en"))
    assert mail.to == ["lotte.janssens@nova-logistics.be"]
    assert mail.subject == "Your eSIM profile for +32 470 12 34 00"
    assert decode_qr(mail.inline_images[QR_CID]) == [ACTIVATION_CODE]
    assert f'src="cid:{QR_CID}" alt="QR code of the eSIM profile"' in mail.html
    for part in (mail.text, mail.html):
        assert ACTIVATION_CODE in part
        assert "smdp.fleet.example.be" in part  # SM-DP+ address and matching id, for manual entry
        assert "ABCDE-FGHIJ-KLMNO-PQRST" in part
        assert "Connect the phone to Wi-Fi." in part


def test_esim_email_is_written_in_the_end_users_language() -> None:
    [mail] = esim_profile_message(esim_details("nl"))
    assert mail.subject == "Uw eSIM-profiel voor +32 470 12 34 00"
    assert "Verbind de telefoon met wifi." in mail.text


def test_esim_copy_goes_to_the_fleet_manager_in_their_language_when_asked() -> None:
    to_user, copy = esim_profile_message(
        esim_details("nl"), copy_to="sofie.peeters@nova-logistics.be", copy_language="fr"
    )
    assert to_user.language == "nl"
    assert copy.to == ["sofie.peeters@nova-logistics.be"]
    assert copy.subject == "Copie : Votre profil eSIM pour le +32 470 12 34 00"
    assert "lotte.janssens@nova-logistics.be" in copy.text  # says whom the original went to
    assert decode_qr(copy.inline_images[QR_CID]) == [ACTIVATION_CODE]


def test_no_copy_unless_asked() -> None:
    assert len(esim_profile_message(esim_details(), copy_to=None)) == 1


def test_esim_subject_without_a_number_yet() -> None:
    [mail] = esim_profile_message(esim_details("en", number_display=None))
    assert mail.subject == "Your eSIM profile"


def test_completed_request_tells_the_fleet_manager() -> None:
    mail = order_update_message(
        OrderUpdateDetails("FS-7K3Q9", "nl", "Sofie Peeters", "sofie@nova.be", "completed")
    )
    assert (mail.to, mail.kind) == (["sofie@nova.be"], "order_completed")
    assert mail.subject == "Aanvraag FS-7K3Q9 afgerond"


def test_rejected_request_gives_the_reason() -> None:
    reason = RejectionReason.CUSTOMER_NUMBER_UNKNOWN.message
    mail = order_update_message(
        OrderUpdateDetails("FS-7K3Q9", "en", "Sofie Peeters", "sofie@nova.be", "rejected", reason)
    )
    assert mail.subject == "Request FS-7K3Q9 rejected"
    assert f"Reason: {reason}" in mail.text


def test_an_email_in_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        confirmation_message(confirmation("de"))


def test_qr_svg_is_an_svg_document_for_pages() -> None:
    svg = qr_svg(ACTIVATION_CODE)
    assert svg.startswith("<svg") and "viewBox" in svg


def test_qr_png_decodes_to_the_text_with_error_correction_m_or_higher() -> None:
    [barcode] = zxingcpp.read_barcodes(Image.open(BytesIO(qr_png(ACTIVATION_CODE))))
    assert barcode.text == ACTIVATION_CODE
    assert barcode.ec_level in {"M", "Q", "H"}
