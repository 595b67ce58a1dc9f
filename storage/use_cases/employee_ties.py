"""An order placed from a request the employee answered: the request is tied to it, so its
history (the link, the employee's answers) becomes the order's, and a change the fleet
manager made to the employee's answers is recorded."""

from datetime import datetime

from sqlmodel import Session, select

from domain.employee_link import EmployeeAction, employee_fields
from domain.orders import Actor, PlacedOrder
from domain.request import OrderRequest
from storage.db.tables import EmployeeEntry, EmployeeRequest
from storage.queries.accounts import SignedInManager
from storage.use_cases.order_life import stored_actor


def tie_employee_request(
    session: Session,
    manager: SignedInManager | None,
    placed: PlacedOrder,
    submission_key: str,
    now: datetime,
) -> None:
    """``manager``: who sent it (None: it was sent by itself once the employee was done)."""
    row = session.exec(
        select(EmployeeRequest).where(EmployeeRequest.submission_key == submission_key)
    ).first()
    if row is None or row.id is None:
        return
    row.order_id = placed.order_id
    session.add(row)
    answered = OrderRequest.from_dict(row.request)
    changed = sorted(
        name
        for name in employee_fields(answered)
        if getattr(answered, name) != getattr(placed.request, name)
    )
    if manager is not None and changed:
        actor = Actor.fleet_manager(manager.id, manager.name)
        session.add(
            EmployeeEntry(
                employee_request_id=row.id,
                at=now,
                action=EmployeeAction.CORRECTED.value,
                actor=stored_actor(actor),
                actor_name=actor.name,
            )
        )
