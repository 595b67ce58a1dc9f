"""Options against plans: which options a plan allows, and copying options from another line."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.catalogue import OPTIONS_BY_CODE, PLANS_BY_CODE, Plan
from domain.problems import ParamValue, Problem
from domain.texts import N_

OPTION_NOT_OFFERED = N_("Remove the option {code}: it is no longer offered.")
OPTION_NEEDS_VOICE = N_(
    "Remove the option “{option}”: {plan} gives internet access only, with no calls or SMS."
)
# Said of an option the app has already left out (copied from a line, or after a plan change):
# nothing is left for the fleet manager to remove.
OPTION_LEFT_OUT_NOT_OFFERED = N_("The option {code} is left out: it is no longer offered.")
OPTION_LEFT_OUT_NEEDS_VOICE = N_(
    "The option “{option}” is left out: {plan} gives internet access only, with no calls or SMS."
)
_LEFT_OUT = {
    OPTION_NOT_OFFERED: OPTION_LEFT_OUT_NOT_OFFERED,
    OPTION_NEEDS_VOICE: OPTION_LEFT_OUT_NEEDS_VOICE,
}


@dataclass(frozen=True)
class DroppedOption:
    """An option that could not be copied, and why (a message id with its params), worded as
    already done: "left out"."""

    code: str
    reason: str
    params: dict[str, ParamValue] = field(default_factory=dict, hash=False)


def _plan(plan: Plan | str | None) -> Plan | None:
    return plan if isinstance(plan, Plan) else PLANS_BY_CODE.get(plan) if plan else None


def _why_not(code: str, plan: Plan | None) -> tuple[str, dict[str, ParamValue]] | None:
    """Why ``code`` cannot go on ``plan`` (message id and params), or None if it can."""
    option = OPTIONS_BY_CODE.get(code)
    if option is None:
        return OPTION_NOT_OFFERED, {"code": code}
    if plan is not None and not option.allowed_on(plan):
        return OPTION_NEEDS_VOICE, {"option": option.name, "plan": plan.name}
    return None


def copy_options(
    source_options: Iterable[str], plan: Plan | str | None
) -> tuple[tuple[str, ...], tuple[DroppedOption, ...]]:
    """Split another line's options into those ``plan`` keeps and those dropped, with reasons.

    Order is kept and repeats are removed; with no plan chosen yet only unknown options drop.
    """
    chosen_plan = _plan(plan)
    kept: list[str] = []
    dropped: list[DroppedOption] = []
    for code in dict.fromkeys(source_options):
        reason = _why_not(code, chosen_plan)
        if reason is None:
            kept.append(code)
        else:
            message, params = reason
            dropped.append(DroppedOption(code, _LEFT_OUT[message], params))
    return tuple(kept), tuple(dropped)


def option_problems(option_codes: Iterable[str], plan: Plan | str | None) -> list[Problem]:
    """One problem on ``option_codes`` for each option that is unknown or not allowed."""
    chosen_plan = _plan(plan)
    problems = []
    for code in dict.fromkeys(option_codes):
        reason = _why_not(code, chosen_plan)
        if reason is not None:
            problems.append(Problem("option_codes", reason[0], dict(reason[1])))
    return problems
