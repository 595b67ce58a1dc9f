"""The operator's side of an order, as the app sees it: it accepts each order placed (or sent
again after a correction) and reports back how the order goes, by the use cases start, complete
and reject. The demo's operator is the back-office; a real provisioning system takes its place
behind this interface without a page changing."""

from typing import Protocol

from domain.orders import PlacedOrder


class OperatorSystem(Protocol):
    def accept(self, order: PlacedOrder) -> None:
        """Take the order in hand (called once it is saved; again after a resubmission)."""


class BackOfficeOperator:
    """The demo's operator: the presenter moves orders on in the back-office, which lists
    every saved order by itself, so accepting one needs nothing more."""

    def accept(self, order: PlacedOrder) -> None:
        return None
