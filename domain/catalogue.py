"""The operator's catalogue as data: plans, options, operators, Travel Data Control amounts.

One place only: the wizard, the seed, the contract and the e-mails all read it from here.
Plan names are brand names and are not translated; option names are message ids.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.texts import N_


class PlanFamily(StrEnum):
    SHAPE = "shape"  # voice + data; fastest processing without Invoice Split
    OTHER = "other"
    MOBILE_DATA = "mobile_data"  # internet only: no voice or SMS options


class OptionKind(StrEnum):
    VOICE_SMS = "voice_sms"  # needs a plan with voice: not on mobile-data plans
    DATA = "data"
    SERVICE = "service"


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    family: PlanFamily
    monthly_price_excl_vat: Decimal

    @property
    def allows_voice(self) -> bool:
        return self.family is not PlanFamily.MOBILE_DATA


@dataclass(frozen=True)
class Option:
    code: str
    name: str  # message id
    kind: OptionKind
    monthly_price_excl_vat: Decimal

    def allowed_on(self, plan: Plan) -> bool:
        return plan.allows_voice or self.kind is not OptionKind.VOICE_SMS


PLANS: tuple[Plan, ...] = (
    Plan("shape_s", "Shape Small", PlanFamily.SHAPE, Decimal("17.36")),
    Plan("shape_m", "Shape Medium", PlanFamily.SHAPE, Decimal("25.62")),
    Plan("shape_l", "Shape Large", PlanFamily.SHAPE, Decimal("33.88")),
    Plan("shape_xl", "Shape Unlimited", PlanFamily.SHAPE, Decimal("45.45")),
    Plan("business_go", "Business Go", PlanFamily.OTHER, Decimal("12.40")),
    Plan("business_pro", "Business Pro", PlanFamily.OTHER, Decimal("29.75")),
    Plan("data_10", "Mobile Data 10 GB", PlanFamily.MOBILE_DATA, Decimal("9.92")),
    Plan("data_50", "Mobile Data 50 GB", PlanFamily.MOBILE_DATA, Decimal("20.66")),
)

OPTIONS: tuple[Option, ...] = (
    Option("intl_calls", N_("International calls"), OptionKind.VOICE_SMS, Decimal("5.00")),
    Option("voicemail_pro", N_("Professional voicemail"), OptionKind.VOICE_SMS, Decimal("2.00")),
    Option("sms_bundle", N_("Unlimited SMS"), OptionKind.VOICE_SMS, Decimal("3.00")),
    Option("roaming_voice", N_("Calls abroad pack"), OptionKind.VOICE_SMS, Decimal("7.50")),
    Option("data_boost", N_("Extra data 20 GB"), OptionKind.DATA, Decimal("8.00")),
    Option("multi_sim", N_("Second SIM for the same number"), OptionKind.DATA, Decimal("4.00")),
    Option("secure_net", N_("Secure Net protection"), OptionKind.SERVICE, Decimal("1.65")),
)

PLANS_BY_CODE = {plan.code: plan for plan in PLANS}
OPTIONS_BY_CODE = {option.code: option for option in OPTIONS}


class Operator(StrEnum):
    ORANGE = "orange"
    PROXIMUS = "proximus"
    TELENET_BASE = "telenet_base"
    SCARLET = "scarlet"
    MOBILE_VIKINGS = "mobile_vikings"
    LYCAMOBILE = "lycamobile"
    OTHER = "other"


OPERATOR_NAMES: dict[Operator, str] = {
    Operator.ORANGE: "Orange",
    Operator.PROXIMUS: "Proximus",
    Operator.TELENET_BASE: "Telenet / BASE",
    Operator.SCARLET: "Scarlet",
    Operator.MOBILE_VIKINGS: "Mobile Vikings",
    Operator.LYCAMOBILE: "Lycamobile",
    Operator.OTHER: N_("Another operator"),
}

# Travel Data Control: monthly cap on mobile data abroad, euros excl. VAT; None means no limit.
TRAVEL_DATA_CONTROL_AMOUNTS: tuple[int | None, ...] = (0, 50, 100, 200, 500, None)
TRAVEL_DATA_CONTROL_DEFAULT = 50  # the EU-regulated default
TRAVEL_DATA_CONTROL_NO_LIMIT = N_("No limit")  # label of the None amount
TRAVEL_DATA_CONTROL_BLOCKED = N_("Data abroad blocked")  # what the 0 amount means
