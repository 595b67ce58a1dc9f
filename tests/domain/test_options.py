"""Options against plans, and copying the options of another line of the fleet."""

import pytest

from domain.catalogue import PLANS_BY_CODE
from domain.options import (
    OPTION_LEFT_OUT_NEEDS_VOICE,
    OPTION_LEFT_OUT_NOT_OFFERED,
    DroppedOption,
    copy_options,
)

SOURCE = ("intl_calls", "data_boost", "sms_bundle", "secure_net")


@pytest.mark.parametrize("plan", ["shape_s", "business_go", PLANS_BY_CODE["shape_xl"]])
def test_plan_with_voice_keeps_every_option(plan: object) -> None:
    assert copy_options(SOURCE, plan) == (SOURCE, ())  # type: ignore[arg-type]


@pytest.mark.parametrize("plan", ["data_10", "data_50"])
def test_mobile_data_plan_drops_voice_and_sms_options_with_the_reason(plan: str) -> None:
    name = PLANS_BY_CODE[plan].name
    assert copy_options(SOURCE, plan) == (
        ("data_boost", "secure_net"),
        (
            DroppedOption(
                "intl_calls",
                OPTION_LEFT_OUT_NEEDS_VOICE,
                {"option": "International calls", "plan": name},
            ),
            DroppedOption(
                "sms_bundle", OPTION_LEFT_OUT_NEEDS_VOICE, {"option": "Unlimited SMS", "plan": name}
            ),
        ),
    )


@pytest.mark.parametrize("plan", ["shape_m", "data_10", None])
def test_option_missing_from_the_catalogue_is_dropped(plan: str | None) -> None:
    assert copy_options(("old_promo",), plan) == (
        (),
        (DroppedOption("old_promo", OPTION_LEFT_OUT_NOT_OFFERED, {"code": "old_promo"}),),
    )


def test_copied_options_keep_their_order_without_repeats() -> None:
    kept, _ = copy_options(("secure_net", "data_boost", "secure_net"), "shape_m")
    assert kept == ("secure_net", "data_boost")
