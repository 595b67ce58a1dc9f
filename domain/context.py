"""What validation needs to know about the company, filled by storage before each check."""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class InvoiceSplitProfile:
    """The company pays up to ``company_monthly_cap_eur`` a month; the employee pays the rest."""

    company_monthly_cap_eur: Decimal
    name: str = ""  # as the contract and the billing list show it


@dataclass(frozen=True)
class SubDivision:
    id: str
    name: str
    invoice_split: InvoiceSplitProfile | None = None


@dataclass(frozen=True)
class BillingAccount:
    """A customer number the company is billed on, with its optional sub-divisions."""

    id: str
    customer_number: str
    name: str = ""
    sub_divisions: tuple[SubDivision, ...] = ()

    def sub_division(self, sub_division_id: str | None) -> SubDivision | None:
        """The sub-division with this id, or None."""
        return next((s for s in self.sub_divisions if s.id == sub_division_id), None)


@dataclass(frozen=True)
class FleetContext:
    """The company's accounts and what is already taken.

    Numbers are E.164 (``+32470123456``) and SIM digits the 13 first digits, as the domain
    normalises them.
    """

    billing_accounts: tuple[BillingAccount, ...] = ()
    fleet_numbers: frozenset[str] = frozenset()
    open_order_numbers: frozenset[str] = frozenset()
    used_sim_digits: frozenset[str] = frozenset()  # in the fleet or in open orders

    def with_order(self, number: str, sim_digits: str) -> "FleetContext":
        """The context once an order for ``number`` (or a new number: "") on ``sim_digits``
        (or an eSIM: "") is open, as the next request of the same batch must see it."""
        return dataclasses.replace(
            self,
            open_order_numbers=self.open_order_numbers | ({number} if number else set()),
            used_sim_digits=self.used_sim_digits | ({sim_digits} if sim_digits else set()),
        )

    def billing_account(self, account_id: str | None) -> BillingAccount | None:
        """The billing account with this id, or None."""
        return next((a for a in self.billing_accounts if a.id == account_id), None)


class FleetContextSource(Protocol):
    """Storage port: builds the context of the fleet manager's company."""

    def fleet_context(self, company_id: int) -> FleetContext: ...
