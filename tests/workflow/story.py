"""Steps of the office's story that several tests take: an applicant with a booking,
a saved profile and plan and every required document, ready to submit."""

from __future__ import annotations

from dataclasses import dataclass

from hojokin.workflow.records import Application, Booking, Call
from tests.files.samples import pdf

from .profiles import COMPANY, PLAN
from .world import Office, jst

# The required items of 別紙1-1 for the sample company and plan (their checklist places).
REQUIRED = (1, 2, 3, 5, 6, 8, 9, 12, 13, 14, 17)


@dataclass(frozen=True)
class Ready:
    call: Call
    booking: Booking
    application: Application


def ready(
    office: Office, who: str = "applicant_1", slot: int = 9, call: Call | None = None
) -> Ready:
    """`who`'s company booked slot `slot` (11/14 10:00 for 9), with its profile, plan and
    every required document: it may submit from 11/13 9:00 on."""
    call = call or office.tokyo_call()
    applicant = office.actor(who)
    office.at(jst(2024, 10, 1, 10))
    chosen = office.flow.calls.slots(applicant, call.id)[slot]
    booking = office.flow.bookings.book(applicant, chosen.id)
    draft = office.flow.applications.start(applicant, call.id)
    office.flow.applications.save(applicant, draft.id, company=COMPANY, plan=PLAN)
    for item in REQUIRED:
        office.flow.documents.upload(applicant, draft.id, item, f"書類{item}.pdf", pdf())
    return Ready(call, booking, office.flow.applications.get(applicant, draft.id))
