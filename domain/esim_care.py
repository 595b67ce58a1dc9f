"""An eSIM after its order: the profile e-mail sent again (a few times a day at most), a new
activation code for a lost phone or a used code, whether the profile was installed, and when a
profile still not installed needs the fleet manager's attention."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.orders import Actor, OrderStatus
from domain.texts import N_

SENDS_PER_DAY = 5  # profile e-mails sent again (a new code's too), per order, in any 24 hours
SEND_WINDOW = timedelta(hours=24)
# The confirmation shows the QR code copy asked for this long after sending; later, the order
# page shows it again when the fleet manager asks (and confirms).
ON_CONFIRMATION = timedelta(hours=1)
INSTALL_GRACE = timedelta(days=7)  # after completion: later, the fleet manager is told
# An eSIM can be cared for while its order is on its way or done; not once it ended otherwise.
CARED_FOR = frozenset({OrderStatus.RECEIVED, OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED})


class EsimAction(StrEnum):
    RESENT = "resent"  # the same code, e-mailed again
    RECIPIENT_CHANGED = "recipient_changed"  # a new address or language, then e-mailed
    REISSUED = "reissued"  # a new code; the old one is revoked
    INSTALLED = "installed"  # the profile was downloaded onto a device
    CODE_SHOWN = "code_shown"  # the fleet manager looked at the code again

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def sends_mail(self) -> bool:
        """Whether it e-mails the profile: those count towards ``SENDS_PER_DAY``."""
        return self in (EsimAction.RESENT, EsimAction.RECIPIENT_CHANGED, EsimAction.REISSUED)


_LABELS = {
    EsimAction.RESENT: N_("eSIM e-mail sent again"),
    EsimAction.RECIPIENT_CHANGED: N_("eSIM e-mail address or language changed, e-mail sent"),
    EsimAction.REISSUED: N_("New eSIM activation code issued; the old one no longer works"),
    EsimAction.INSTALLED: N_("eSIM profile installed"),
    EsimAction.CODE_SHOWN: N_("eSIM QR code shown to the fleet manager"),
}


class InstallStatus(StrEnum):
    NOT_DOWNLOADED = "not_downloaded"
    INSTALLED = "installed"

    @property
    def label(self) -> str:
        return _INSTALL_LABELS[self]


_INSTALL_LABELS = {
    InstallStatus.NOT_DOWNLOADED: N_("Not yet downloaded"),
    InstallStatus.INSTALLED: N_("Installed"),
}


@dataclass(frozen=True)
class EsimEvent:
    """One entry of an eSIM's history."""

    action: EsimAction
    at: datetime
    actor: Actor
    detail: str | None = None  # the new address, for a changed recipient


def next_send_at(sends: Iterable[datetime], now: datetime) -> datetime | None:
    """When the profile e-mail may be sent again: None if now, else the moment the oldest of
    the last ``SENDS_PER_DAY`` sends leaves the 24-hour window."""
    recent = sorted(at for at in sends if at > now - SEND_WINDOW)
    if len(recent) < SENDS_PER_DAY:
        return None
    return recent[-SENDS_PER_DAY] + SEND_WINDOW


def code_on_confirmation(submitted_at: datetime, now: datetime) -> bool:
    """Whether the confirmation page still shows the eSIM's code (just after sending)."""
    return now - submitted_at < ON_CONFIRMATION


def install_status(installed_at: datetime | None) -> InstallStatus:
    return InstallStatus.INSTALLED if installed_at else InstallStatus.NOT_DOWNLOADED


def needs_attention(
    completed_at: datetime | None,
    installed_at: datetime | None,
    now: datetime,
    reissued_at: datetime | None = None,
) -> bool:
    """A completed eSIM whose profile is still not installed a week after completion, or
    after its latest new code (which starts the week again)."""
    if completed_at is None or installed_at is not None:
        return False
    since = max(completed_at, reissued_at) if reissued_at else completed_at
    return now - since >= INSTALL_GRACE
