"""An eSIM after its order (issue 14): the profile e-mail sent again within its daily limit,
a new address, a new code that revokes the old one, the installation, and another company's
eSIM out of reach; every action in the order's history."""

import base64
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from domain.esim_care import (
    SENDS_PER_DAY,
    EsimAction,
    code_on_confirmation,
    needs_attention,
    next_send_at,
)
from domain.language import Language
from domain.orders import OrderStatus, PlacedOrder
from storage.db.tables import Order, OutboxMessage
from storage.mail.messages import MailKind
from storage.queries.lines import esims_to_install
from storage.queries.orders import OrderView, order_view
from storage.use_cases import (
    CodeShown,
    EmailRefused,
    NotFound,
    NotNow,
    Services,
    TooSoon,
    cancel_order,
    change_esim_recipient,
    complete_order,
    mark_esim_installed,
    reissue_esim,
    resend_esim_mail,
    show_esim_code,
    start_order,
)
from tests.conftest import LUMIERE
from tests.mail_helpers import decode_qr
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, NOW, manager_of, placed, services_for


def profile_mails(services: Services, order_id: int) -> list[OutboxMessage]:
    kinds = (MailKind.ESIM_PROFILE.value, MailKind.ESIM_PROFILE_COPY.value)
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.order_id == order_id, col(OutboxMessage.kind).in_(kinds))
        .order_by(col(OutboxMessage.id))
    )
    with Session(services.engine) as session:
        return list(session.exec(query).all())


def codes_in(mail: OutboxMessage) -> list[str]:
    """What the mail's QR images hold."""
    return [
        text for image in mail.inline_images.values() for text in decode_qr(base64.b64decode(image))
    ]


def view(services: Services, reference: str) -> OrderView:
    found = order_view(services.engine, 1, reference)
    assert found is not None
    return found


def actions(services: Services, reference: str) -> list[EsimAction]:
    return [event.action for event in view(services, reference).esim_history]


def esim_order(services: Services) -> PlacedOrder:
    return placed(services, ESIM_TRANSFER)


def test_the_profile_mail_goes_again_with_the_same_code_up_to_the_daily_limit(
    services: Services,
) -> None:
    order = esim_order(services)
    manager = manager_of(services.engine)
    for _ in range(SENDS_PER_DAY):
        assert isinstance(resend_esim_mail(services, manager, order.reference), OrderView)
    refused = resend_esim_mail(services, manager, order.reference)
    assert isinstance(refused, TooSoon)
    assert refused.at == NOW + timedelta(hours=24)  # all five were sent at NOW
    assert reissue_esim(services, manager, order.reference) == refused  # a new code mails too
    assert (
        change_esim_recipient(services, manager, order.reference, "a@b.be", Language.FR) == refused
    )
    mails = profile_mails(services, order.order_id)
    assert len(mails) == 1 + SENDS_PER_DAY  # the first with the order, then the resends
    assert all(codes_in(mail) == [order.esim_activation_code] for mail in mails)
    assert actions(services, order.reference) == [EsimAction.RESENT] * SENDS_PER_DAY
    a_day_later = services_for(
        services.engine, services.documents_dir, now=NOW + timedelta(hours=24, seconds=1)
    )
    assert isinstance(resend_esim_mail(a_day_later, manager, order.reference), OrderView)


def test_a_resend_can_copy_the_fleet_manager(services: Services) -> None:
    order = esim_order(services)
    manager = manager_of(services.engine)
    before = len(profile_mails(services, order.order_id))
    resend_esim_mail(services, manager, order.reference, copy_to_manager=True)
    new = profile_mails(services, order.order_id)[before:]
    assert sorted(mail.kind for mail in new) == [MailKind.ESIM_PROFILE, MailKind.ESIM_PROFILE_COPY]
    copy = next(mail for mail in new if mail.kind == MailKind.ESIM_PROFILE_COPY)
    assert copy.recipients == [manager.email]


def test_a_new_address_and_language_get_the_mail_and_the_history_says_so(
    services: Services,
) -> None:
    order = esim_order(services)
    manager = manager_of(services.engine)
    changed = change_esim_recipient(
        services, manager, order.reference, " Noor.New@Nova-Logistics.be ", Language.FR
    )
    assert isinstance(changed, OrderView)
    assert changed.placed.request.esim_email == "Noor.New@nova-logistics.be"
    assert changed.placed.request.esim_language is Language.FR
    last = profile_mails(services, order.order_id)[-1]
    assert last.recipients == ["Noor.New@nova-logistics.be"]
    assert last.language == "fr"
    event = changed.esim_history[-1]
    assert (event.action, event.detail) == (
        EsimAction.RECIPIENT_CHANGED,
        "Noor.New@nova-logistics.be",
    )
    refused = change_esim_recipient(
        services, manager, order.reference, "not an address", Language.FR
    )
    assert isinstance(refused, EmailRefused)
    assert view(services, order.reference).placed.request.esim_email == "Noor.New@nova-logistics.be"


def test_a_new_code_revokes_the_old_one_everywhere_after(services: Services) -> None:
    order = esim_order(services)
    manager = manager_of(services.engine)
    old = order.esim_activation_code
    assert old
    before = len(profile_mails(services, order.order_id))
    reissued = reissue_esim(services, manager, order.reference)
    assert isinstance(reissued, OrderView)
    new = reissued.placed.esim_activation_code
    assert new and new != old
    after = profile_mails(services, order.order_id)[before:]
    assert [codes_in(mail) for mail in after] == [[new]]  # the end user gets the new code
    resend_esim_mail(services, manager, order.reference, copy_to_manager=True)
    for mail in profile_mails(services, order.order_id)[before:]:
        assert old not in mail.text_body and old not in mail.html_body
        assert old not in codes_in(mail)
    shown = show_esim_code(services, manager, order.reference)
    assert shown == CodeShown(new)
    assert actions(services, order.reference) == [
        EsimAction.REISSUED,
        EsimAction.RESENT,
        EsimAction.CODE_SHOWN,
    ]


def test_the_operator_marks_the_profile_installed_once_the_order_is_completed(
    services: Services,
) -> None:
    order = esim_order(services)
    assert isinstance(mark_esim_installed(services, order.reference), NotNow)  # not yet active
    start_order(services, order.reference)
    complete_order(services, order.reference)
    done = view(services, order.reference)
    assert done.esim_installed_at is None and done.completed_at == NOW
    assert not needs_attention(done.completed_at, None, NOW + timedelta(days=6, hours=23))
    assert needs_attention(done.completed_at, None, NOW + timedelta(days=7))
    installed = mark_esim_installed(services, order.reference)
    assert isinstance(installed, OrderView)
    assert installed.esim_installed_at == NOW
    assert not needs_attention(
        done.completed_at, installed.esim_installed_at, NOW + timedelta(days=8)
    )
    assert isinstance(mark_esim_installed(services, order.reference), NotNow)  # once
    reissue_esim(services, manager_of(services.engine), order.reference)
    assert view(services, order.reference).esim_installed_at is None  # a new profile to install


def test_another_company_cannot_touch_the_esim(services: Services) -> None:
    order = esim_order(services)
    other = manager_of(services.engine, LUMIERE)
    assert resend_esim_mail(services, other, order.reference) == NotFound()
    assert (
        change_esim_recipient(services, other, order.reference, "x@y.be", Language.EN) == NotFound()
    )
    assert reissue_esim(services, other, order.reference) == NotFound()
    assert show_esim_code(services, other, order.reference) == NotFound()
    with Session(services.engine) as session:
        stored = session.exec(select(Order).where(Order.reference == order.reference)).one()
    assert stored.esim_activation_code == order.esim_activation_code
    assert actions(services, order.reference) == []


def test_nothing_to_do_for_a_physical_sim_or_an_order_that_ended(services: Services) -> None:
    manager = manager_of(services.engine)
    sim = placed(services, NEW_NUMBER)
    assert resend_esim_mail(services, manager, sim.reference) == NotFound()
    order = placed(services, ESIM_TRANSFER, key="key-2")
    cancel_order(services, manager, order.reference)
    assert resend_esim_mail(services, manager, order.reference) == NotNow(OrderStatus.CANCELLED)
    assert reissue_esim(services, manager, order.reference) == NotNow(OrderStatus.CANCELLED)


def test_the_send_limit_counts_the_last_24_hours() -> None:
    now = datetime(2026, 11, 26, 12, 0)
    old = [now - timedelta(hours=25)] * 10
    assert next_send_at(old, now) is None
    recent = [now - timedelta(hours=hours) for hours in (1, 2, 3, 4, 23)]
    assert next_send_at(recent, now) == now + timedelta(hours=1)  # the 23-hour-old one leaves
    assert next_send_at(recent[:4], now) is None


def test_the_fleet_hears_of_an_esim_not_installed_a_week_after_completion(
    services: Services,
) -> None:
    order = esim_order(services)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    assert esims_to_install(services.engine, 1, NOW + timedelta(days=6)) == []
    [waiting] = esims_to_install(services.engine, 1, NOW + timedelta(days=7))
    assert (waiting.reference, waiting.end_user, waiting.completed_at) == (
        order.reference,
        "Noor El Amrani",
        NOW,
    )
    assert esims_to_install(services.engine, 2, NOW + timedelta(days=7)) == []  # Lumière
    mark_esim_installed(services, order.reference)
    assert esims_to_install(services.engine, 1, NOW + timedelta(days=7)) == []


def test_the_confirmation_shows_the_code_only_just_after_sending() -> None:
    assert code_on_confirmation(NOW, NOW + timedelta(minutes=59))
    assert not code_on_confirmation(NOW, NOW + timedelta(hours=1))


def test_a_new_code_starts_the_week_again(services: Services) -> None:
    order = esim_order(services)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    six_days_later = services_for(
        services.engine, services.documents_dir, now=NOW + timedelta(days=6)
    )
    reissue_esim(six_days_later, manager_of(services.engine), order.reference)
    assert esims_to_install(services.engine, 1, NOW + timedelta(days=8)) == []
    assert len(esims_to_install(services.engine, 1, NOW + timedelta(days=13))) == 1
    done = view(services, order.reference)
    assert not needs_attention(done.completed_at, None, NOW + timedelta(days=8), done.reissued_at)
