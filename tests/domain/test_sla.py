"""Processing time: the operator's table and its Brussels business calendar, to the minute."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain.catalogue import Operator
from domain.request import CardType, OrderRequest, OwnerType, RequestType
from domain.sla import (
    ActivationKind,
    IncompleteRequest,
    ProcessingTime,
    Turnaround,
    activation_kind,
    processing_time,
    processing_time_of,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
K = ActivationKind
T = Turnaround


def bxl(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("kind", "shape_plan", "invoice_split", "turnaround"),
    [
        (K.NEW_NUMBER, True, False, T.ONE_HOUR),
        (K.NEW_NUMBER, True, True, T.ONE_BUSINESS_DAY),
        (K.NEW_NUMBER, False, False, T.ONE_BUSINESS_DAY),
        (K.NEW_NUMBER, False, True, T.ONE_BUSINESS_DAY),
        (K.ORANGE_PREPAID, True, False, T.ONE_HOUR),
        (K.ORANGE_PREPAID, True, True, T.ONE_BUSINESS_DAY),
        (K.ORANGE_PREPAID, False, False, T.ONE_BUSINESS_DAY),
        (K.ORANGE_PREPAID, False, True, T.ONE_BUSINESS_DAY),
        (K.ORANGE_SUBSCRIPTION, True, False, T.ONE_BUSINESS_DAY),
        (K.ORANGE_SUBSCRIPTION, True, True, T.ONE_BUSINESS_DAY),
        (K.ORANGE_SUBSCRIPTION, False, False, T.ONE_BUSINESS_DAY),
        (K.ORANGE_SUBSCRIPTION, False, True, T.ONE_BUSINESS_DAY),
        (K.PORT_PRIVATE, True, False, T.HOURS_24),
        (K.PORT_PRIVATE, True, True, T.HOURS_24),
        (K.PORT_PRIVATE, False, False, T.HOURS_24),
        (K.PORT_PRIVATE, False, True, T.HOURS_24),
        (K.PORT_PROFESSIONAL, True, False, T.HOURS_48),
        (K.PORT_PROFESSIONAL, True, True, T.HOURS_48),
        (K.PORT_PROFESSIONAL, False, False, T.HOURS_48),
        (K.PORT_PROFESSIONAL, False, True, T.HOURS_48),
    ],
)
def test_turnaround_follows_the_operator_table(
    kind: ActivationKind, shape_plan: bool, invoice_split: bool, turnaround: Turnaround
) -> None:
    result = processing_time(kind, shape_plan, invoice_split, bxl(2025, 6, 4, 10))
    assert result.turnaround is turnaround


# (case, kind, shape plan, submitted at, due). Invoice Split is off unless the kind is slow anyway.
# 2025: 28 Mar is a Friday, 30 Mar the spring DST change; 26 Oct the autumn one; 21 Apr Easter
# Monday; 29 May Ascension; 9 Jun Whit Monday; 25 Dec (Thursday) Christmas.
EXAMPLES = [
    # 1 hour of business time
    ("1h inside hours", K.NEW_NUMBER, True, bxl(2025, 6, 4, 10), bxl(2025, 6, 4, 11)),
    ("1h 17:00 ends at 18:00", K.NEW_NUMBER, True, bxl(2025, 6, 4, 17), bxl(2025, 6, 4, 18)),
    (
        "1h 17:30 to next morning",
        K.NEW_NUMBER,
        True,
        bxl(2025, 6, 4, 17, 30),
        bxl(2025, 6, 5, 8, 30),
    ),
    ("1h at 18:00 exactly", K.NEW_NUMBER, True, bxl(2025, 6, 4, 18), bxl(2025, 6, 5, 9)),
    ("1h at 07:00", K.ORANGE_PREPAID, True, bxl(2025, 6, 4, 7), bxl(2025, 6, 4, 9)),
    ("1h Saturday", K.NEW_NUMBER, True, bxl(2025, 6, 7, 11), bxl(2025, 6, 10, 9)),  # Whit Monday
    ("1h Saturday plain", K.NEW_NUMBER, True, bxl(2025, 6, 14, 11), bxl(2025, 6, 16, 9)),
    ("1h Friday 17:30", K.NEW_NUMBER, True, bxl(2025, 6, 13, 17, 30), bxl(2025, 6, 16, 8, 30)),
    (
        "1h Christmas Eve 17:30",
        K.NEW_NUMBER,
        True,
        bxl(2025, 12, 24, 17, 30),
        bxl(2025, 12, 26, 8, 30),
    ),
    ("1h on Christmas", K.NEW_NUMBER, True, bxl(2025, 12, 25, 10), bxl(2025, 12, 26, 9)),
    ("1h before spring DST", K.NEW_NUMBER, True, bxl(2025, 3, 28, 17, 30), bxl(2025, 3, 31, 8, 30)),
    (
        "1h before autumn DST",
        K.NEW_NUMBER,
        True,
        bxl(2025, 10, 24, 17, 30),
        bxl(2025, 10, 27, 8, 30),
    ),
    # 1 business day: same clock time on the next business day
    ("1bd Friday 10:00", K.NEW_NUMBER, False, bxl(2025, 6, 13, 10), bxl(2025, 6, 16, 10)),
    ("1bd Sunday", K.NEW_NUMBER, False, bxl(2025, 6, 15, 14), bxl(2025, 6, 17, 8)),
    (
        "1bd Friday 18:30",
        K.ORANGE_SUBSCRIPTION,
        True,
        bxl(2025, 6, 13, 18, 30),
        bxl(2025, 6, 17, 8),
    ),
    (
        "1bd Thursday 17:59",
        K.ORANGE_SUBSCRIPTION,
        False,
        bxl(2025, 6, 12, 17, 59),
        bxl(2025, 6, 13, 17, 59),
    ),
    ("1bd at 06:00", K.ORANGE_PREPAID, False, bxl(2025, 6, 12, 6), bxl(2025, 6, 13, 8)),
    ("1bd Christmas Eve", K.NEW_NUMBER, False, bxl(2025, 12, 24, 10), bxl(2025, 12, 26, 10)),
    ("1bd on Christmas", K.NEW_NUMBER, False, bxl(2025, 12, 25, 10), bxl(2025, 12, 29, 8)),
    ("1bd before Easter Monday", K.NEW_NUMBER, False, bxl(2025, 4, 18, 10), bxl(2025, 4, 22, 10)),
    ("1bd before Ascension", K.NEW_NUMBER, False, bxl(2025, 5, 28, 10), bxl(2025, 5, 30, 10)),
    ("1bd over spring DST", K.NEW_NUMBER, False, bxl(2025, 3, 28, 10), bxl(2025, 3, 31, 10)),
    ("1bd over autumn DST", K.NEW_NUMBER, False, bxl(2025, 10, 24, 10), bxl(2025, 10, 27, 10)),
    # 24 / 48 elapsed hours, then moved to the next opening if outside business hours
    ("24h weekday", K.PORT_PRIVATE, True, bxl(2025, 6, 3, 10), bxl(2025, 6, 4, 10)),
    ("24h Saturday to Monday", K.PORT_PRIVATE, False, bxl(2025, 6, 14, 10), bxl(2025, 6, 16, 8)),
    (
        "24h at 20:00 to next morning",
        K.PORT_PRIVATE,
        False,
        bxl(2025, 6, 3, 20),
        bxl(2025, 6, 5, 8),
    ),
    (
        "24h Sunday 07:00 to Monday 08:00",
        K.PORT_PRIVATE,
        False,
        bxl(2025, 6, 15, 7),
        bxl(2025, 6, 16, 8),
    ),
    ("24h ending at 18:00", K.PORT_PRIVATE, False, bxl(2025, 6, 3, 18), bxl(2025, 6, 4, 18)),
    ("24h Sunday 18:01", K.PORT_PRIVATE, False, bxl(2025, 6, 15, 18, 1), bxl(2025, 6, 17, 8)),
    (
        "48h Thursday to Monday",
        K.PORT_PROFESSIONAL,
        False,
        bxl(2025, 6, 12, 10),
        bxl(2025, 6, 16, 8),
    ),
    ("48h Tuesday", K.PORT_PROFESSIONAL, True, bxl(2025, 6, 17, 15), bxl(2025, 6, 19, 15)),
    ("48h onto Ascension", K.PORT_PROFESSIONAL, False, bxl(2025, 5, 27, 10), bxl(2025, 5, 30, 8)),
    (
        "48h onto Easter Monday",
        K.PORT_PROFESSIONAL,
        False,
        bxl(2025, 4, 19, 10),
        bxl(2025, 4, 22, 8),
    ),
    ("24h onto Christmas", K.PORT_PRIVATE, False, bxl(2025, 12, 24, 10), bxl(2025, 12, 26, 8)),
    (
        "48h over spring DST shifts 1h",
        K.PORT_PROFESSIONAL,
        False,
        bxl(2025, 3, 29, 10),
        bxl(2025, 3, 31, 11),
    ),
    (
        "48h over autumn DST shifts 1h",
        K.PORT_PROFESSIONAL,
        False,
        bxl(2025, 10, 25, 10),
        bxl(2025, 10, 27, 9),
    ),
    (
        "24h over autumn DST onto Sunday",
        K.PORT_PRIVATE,
        False,
        bxl(2025, 10, 25, 19),
        bxl(2025, 10, 27, 8),
    ),
]


@pytest.mark.parametrize(
    ("kind", "shape_plan", "submitted_at", "due"),
    [case[1:] for case in EXAMPLES],
    ids=[case[0] for case in EXAMPLES],
)
def test_due_time_follows_the_business_calendar(
    kind: ActivationKind, shape_plan: bool, submitted_at: datetime, due: datetime
) -> None:
    result = processing_time(kind, shape_plan, False, submitted_at)
    assert (result.due, result.due.utcoffset()) == (due, due.utcoffset())


def test_48_elapsed_hours_over_the_spring_change_end_one_clock_hour_later() -> None:
    submitted_at = bxl(2025, 3, 29, 10)
    due = processing_time(K.PORT_PROFESSIONAL, False, False, submitted_at).due
    assert due.astimezone(UTC) - submitted_at.astimezone(UTC) == timedelta(hours=48)
    assert (due.hour, due.minute) == (11, 0)


@pytest.mark.parametrize(
    "submitted_at",
    [
        datetime(2025, 6, 4, 8, 30, tzinfo=UTC),  # 10:30 in Brussels
        datetime(2025, 6, 4, 4, 30, tzinfo=timezone(timedelta(hours=-4))),
        datetime(2025, 6, 4, 17, 30, tzinfo=ZoneInfo("Asia/Tokyo")),
    ],
)
def test_submission_time_in_any_zone_counts_in_brussels(submitted_at: datetime) -> None:
    result = processing_time(K.NEW_NUMBER, True, False, submitted_at)
    assert result.due == bxl(2025, 6, 4, 11, 30)


def test_due_time_is_given_in_brussels_time() -> None:
    due = processing_time(K.PORT_PRIVATE, False, False, datetime(2025, 6, 3, 8, tzinfo=UTC)).due
    assert due.tzinfo == BRUSSELS


def test_naive_submission_time_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        processing_time(K.NEW_NUMBER, True, False, datetime(2025, 6, 4, 10))


@pytest.mark.parametrize(
    ("turnaround", "label"),
    [
        (T.ONE_HOUR, "1 hour"),
        (T.ONE_BUSINESS_DAY, "1 business day"),
        (T.HOURS_24, "24 hours"),
        (T.HOURS_48, "48 hours"),
    ],
)
def test_turnaround_has_a_label(turnaround: Turnaround, label: str) -> None:
    assert turnaround.label == label


@pytest.mark.parametrize(
    ("request_", "kind"),
    [
        (OrderRequest(request_type=RequestType.NEW_NUMBER), K.NEW_NUMBER),
        (
            OrderRequest(RequestType.TRANSFER, Operator.ORANGE, CardType.PREPAID),
            K.ORANGE_PREPAID,
        ),
        (
            OrderRequest(RequestType.TRANSFER, Operator.ORANGE, CardType.SUBSCRIPTION),
            K.ORANGE_SUBSCRIPTION,
        ),
        (
            OrderRequest(
                RequestType.TRANSFER,
                Operator.ORANGE,
                CardType.PREPAID,
                owner_type=OwnerType.COMPANY,
            ),
            K.ORANGE_PREPAID,
        ),
        (
            OrderRequest(
                RequestType.TRANSFER,
                Operator.PROXIMUS,
                CardType.PREPAID,
                owner_type=OwnerType.PRIVATE,
            ),
            K.PORT_PRIVATE,
        ),
        (
            OrderRequest(
                RequestType.TRANSFER,
                Operator.OTHER,
                CardType.SUBSCRIPTION,
                owner_type=OwnerType.COMPANY,
            ),
            K.PORT_PROFESSIONAL,
        ),
    ],
)
def test_activation_kind_is_derived_from_the_request(
    request_: OrderRequest, kind: ActivationKind
) -> None:
    assert activation_kind(request_) is kind


@pytest.mark.parametrize(
    "request_",
    [
        OrderRequest(),
        OrderRequest(RequestType.TRANSFER),
        OrderRequest(RequestType.TRANSFER, Operator.ORANGE),
        OrderRequest(RequestType.TRANSFER, Operator.SCARLET, CardType.PREPAID),
    ],
)
def test_activation_kind_of_an_incomplete_request_is_refused(request_: OrderRequest) -> None:
    with pytest.raises(IncompleteRequest):
        activation_kind(request_)


@pytest.mark.parametrize(
    ("plan_code", "invoice_split", "expected"),
    [
        ("shape_m", False, ProcessingTime(T.ONE_HOUR, bxl(2025, 6, 4, 11))),
        ("shape_m", True, ProcessingTime(T.ONE_BUSINESS_DAY, bxl(2025, 6, 5, 10))),
        ("business_go", False, ProcessingTime(T.ONE_BUSINESS_DAY, bxl(2025, 6, 5, 10))),
        ("data_10", False, ProcessingTime(T.ONE_BUSINESS_DAY, bxl(2025, 6, 5, 10))),
    ],
)
def test_processing_time_of_a_request_reads_plan_family_and_invoice_split(
    plan_code: str, invoice_split: bool, expected: ProcessingTime
) -> None:
    request = OrderRequest(
        request_type=RequestType.NEW_NUMBER, plan_code=plan_code, invoice_split=invoice_split
    )
    assert processing_time_of(request, bxl(2025, 6, 4, 10)) == expected
