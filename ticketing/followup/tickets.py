"""What the follow-up needs from the ticket side, and when a ticket is due for a survey.

`TicketPort` is implemented over ticketing.services in
ticketing/followup/ticket_port.py; the rules below are pure functions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

from hotline.ticketing.commands import Command
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.users import Actor

Trigger = Literal["replied", "closed"]

# A reply that the centre accepted (reviewed), or a closed ticket, may be surveyed.
CANDIDATE_STATES: dict[Trigger, tuple[State, ...]] = {
    "replied": (State.REVIEWED, State.CLOSED),
    "closed": (State.CLOSED,),
}


def survey_trigger(ticket: Ticket, trigger: Trigger) -> datetime | None:
    """When the ticket reached the trigger, if it now awaits a survey; else None.

    One job per (ticket, trigger time) is made, so a reopened ticket is surveyed
    again only after a new reply (trigger replied) or a new closure (closed).
    A ticket that arrived in its state from 回访中 (satisfaction recorded, or an
    operator closed the follow-up by hand) does not start another survey.
    """
    if ticket.state not in CANDIDATE_STATES[trigger]:
        return None
    if ticket.history and ticket.history[-1].from_state is State.FOLLOW_UP:
        return None
    return ticket.replied_at if trigger == "replied" else ticket.closed_at


class TicketPort(Protocol):
    def candidates(self, trigger: Trigger, since: datetime) -> list[Ticket]:
        """Tickets (with history) in CANDIDATE_STATES[trigger] whose trigger time is at or
        after `since` and that have no follow-up job for that time yet."""
        ...

    def get(self, ticket_id: int) -> Ticket:
        """The ticket with its history; NotFoundError if there is none."""
        ...

    def execute(self, ticket_id: int, command: Command, actor: Actor) -> Ticket:
        """Run a workflow command (checked by ticketing.workflow) and store the result.

        The ticket side stamps it with its own clock, the same one the service is given.
        """
        ...
