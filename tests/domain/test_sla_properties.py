"""Processing-time properties over many submission times, zones and DST changes."""

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.business_calendar import is_business_day
from domain.sla import ActivationKind, Turnaround, processing_time

BRUSSELS = ZoneInfo("Europe/Brussels")
OPENING, CLOSING = time(8), time(18)

ZONES = st.sampled_from(
    [UTC, BRUSSELS, ZoneInfo("America/New_York"), timezone(timedelta(hours=5, minutes=30))]
)
moments = st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=ZONES,
    allow_imaginary=False,
)
rows = st.tuples(st.sampled_from(ActivationKind), st.booleans(), st.booleans())


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments)
def test_due_is_never_before_submission(
    row: tuple[ActivationKind, bool, bool], at: datetime
) -> None:
    assert processing_time(*row, at).due >= at


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments)
def test_due_is_a_brussels_time(row: tuple[ActivationKind, bool, bool], at: datetime) -> None:
    assert processing_time(*row, at).due.tzinfo == BRUSSELS


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments)
def test_one_hour_ends_after_opening_and_at_closing_at_the_latest(
    row: tuple[ActivationKind, bool, bool], at: datetime
) -> None:
    """One hour of business time: on a business day, 08:00 < due <= 18:00."""
    result = processing_time(*row, at)
    if result.turnaround is Turnaround.ONE_HOUR:
        assert is_business_day(result.due.date())
        assert OPENING < result.due.time() <= CLOSING


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments)
def test_one_business_day_ends_while_open(
    row: tuple[ActivationKind, bool, bool], at: datetime
) -> None:
    """Same clock time as a start that is open: on a business day, 08:00 <= due < 18:00."""
    result = processing_time(*row, at)
    if result.turnaround is Turnaround.ONE_BUSINESS_DAY:
        assert is_business_day(result.due.date())
        assert OPENING <= result.due.time() < CLOSING
        assert result.due - at >= timedelta(hours=14)  # at least 18:00 to next 08:00


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments)
def test_elapsed_hours_end_in_business_hours_or_exactly_at_the_next_opening(
    row: tuple[ActivationKind, bool, bool], at: datetime
) -> None:
    """24/48 hours: the elapsed time itself if it is on a business day from 08:00 to 18:00
    included, otherwise moved to exactly 08:00 of a business day."""
    result = processing_time(*row, at)
    hours = {Turnaround.HOURS_24: 24, Turnaround.HOURS_48: 48}.get(result.turnaround)
    if hours is None:
        return
    elapsed = (at.astimezone(UTC) + timedelta(hours=hours)).astimezone(BRUSSELS)
    assert is_business_day(result.due.date())
    assert OPENING <= result.due.time() <= CLOSING
    if result.due != elapsed:
        assert result.due > elapsed
        assert result.due.time() == OPENING


@settings(deadline=None, max_examples=300)  # the SLA tables, not validators: fewer
@given(rows, moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10)))
def test_due_never_decreases_when_submission_is_later(
    row: tuple[ActivationKind, bool, bool], at: datetime, later_by: timedelta
) -> None:
    later = (at.astimezone(UTC) + later_by).astimezone(at.tzinfo)
    assert processing_time(*row, at).due <= processing_time(*row, later).due
