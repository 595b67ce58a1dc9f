"""Shared pieces of the e-mail tests: sample details, outbox rows, QR decoding."""

from datetime import UTC, datetime
from io import BytesIO

import zxingcpp
from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import Company, OutboxMessage
from storage.mail.messages import EsimProfileDetails, OutgoingMail, esim_profile_message
from storage.mail.outbox import enqueue

ACTIVATION_CODE = "LPA:1$smdp.fleet.example.be$ABCDE-FGHIJ-KLMNO-PQRST"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def decode_qr(png: bytes) -> list[str]:
    """The texts of the QR codes found in a PNG image."""
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def esim_details(language: str = "nl", **changes: object) -> EsimProfileDetails:
    values: dict[str, object] = {
        "reference": "FS-7K3Q9",
        "language": language,
        "end_user_name": "Lotte Janssens",
        "end_user_email": "lotte.janssens@nova-logistics.be",
        "activation_code": ACTIVATION_CODE,
        "number_display": "+32 470 12 34 00",
    }
    values.update(changes)
    return EsimProfileDetails(**values)  # type: ignore[arg-type]


def esim_mail(language: str = "nl") -> OutgoingMail:
    return esim_profile_message(esim_details(language))[0]


def company_id(engine: Engine, name: str) -> int:
    with Session(engine) as session:
        company = session.exec(select(Company).where(Company.name == name)).one()
        assert company.id is not None
        return company.id


def enqueue_committed(
    engine: Engine, mail: OutgoingMail, company: int | None = None, now: datetime = T0
) -> int:
    """A message written to the outbox as the order's transaction would write it."""
    with Session(engine) as session:
        message = enqueue(session, mail, company_id=company, now=now)
        session.commit()
        assert message.id is not None
        return message.id


def outbox_row(engine: Engine, message_id: int) -> OutboxMessage:
    with Session(engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row
