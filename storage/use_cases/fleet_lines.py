"""A completed order's line, added to the company's fleet as it was ordered."""

from sqlmodel import Session, col, select

from domain.request import OrderRequest, SimKind
from storage.db.tables import FleetLine, Order

# New numbers in the demo come from this range (+32 468 ...), lowest free first.
DEMO_NUMBER_PREFIX = "+32468"


def add_ordered_line(session: Session, order: Order) -> None:
    """Add the order's line to its company's fleet and tie the order to it (no commit)."""
    request = OrderRequest.from_dict(order.request)
    line = FleetLine(
        company_id=order.company_id,
        number=request.transfer_number or free_number(session),
        end_user=request.end_user_name,
        plan_code=request.plan_code or "",
        options=list(request.option_codes),
        sim_kind=(request.sim_kind or SimKind.SIM).value,
        sim_digits=request.sim_digits or None,
        billing_account_id=int(request.customer_number_id or 0),
        sub_division_id=int(request.sub_division_id) if request.sub_division_id else None,
        travel_data_control=request.travel_data_control,
        invoice_split=request.invoice_split,
    )
    session.add(line)
    session.flush()  # the line's id, and the unique number checked now
    order.fleet_line_id = line.id
    session.add(order)


def free_number(session: Session) -> str:
    """The lowest number of the demo range used by no line and no order of any company."""
    taken = {
        number
        for query in (
            select(FleetLine.number).where(col(FleetLine.number).startswith(DEMO_NUMBER_PREFIX)),
            select(Order.number).where(col(Order.number).startswith(DEMO_NUMBER_PREFIX)),
        )
        for number in session.exec(query).all()
    }
    for suffix in range(1, 1_000_000):
        number = f"{DEMO_NUMBER_PREFIX}{suffix:06d}"
        if number not in taken:
            return number
    raise RuntimeError("the demo number range is used up")
