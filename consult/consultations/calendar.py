"""A consultation's phases as an iCalendar file (RFC 5545, written by the icalendar library):
residents add « Vote : du … au … » to their own calendar, or subscribe to the address and see a
change of dates. A phase an archived consultation did not hold is marked cancelled, one it
stopped ends when it was archived.""" 
from datetime import timezone
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vText

from ..i18n import localized
from ..mail import absolute
from .labels import phase_label


def _utc(moment):
    return moment.replace(tzinfo=timezone.utc)


def consultation_calendar(consultation, steps, now, platform):
    """The bytes of the calendar of `steps` (services.timeline), in the reader's language."""
    url = absolute(f"/consultations/{consultation.id}")
    title = localized(consultation.title)
    calendar = Calendar()
    calendar.add("prodid", f"-//{platform}//Consult//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(title))
    for step in steps:
        phase = step["phase"]
        event = Event()
        event.add("uid", f"consultation-{consultation.id}-{phase.kind}@{urlsplit(url).hostname}")
        event.add("summary", f"{phase_label(phase.kind)} — {title}")
        event.add("description", f"{localized(consultation.summary)}\n{url}".strip())
        event.add("url", url)
        event.add("dtstart", _utc(phase.starts_at))
        stopped = step["cut_short"] == "stopped" and consultation.archived_at
        end = consultation.archived_at if stopped else phase.ends_at
        if end is not None:  # results that stay: an event of their start alone
            event.add("dtend", _utc(end))
        event.add("dtstamp", _utc(now))
        if step["cut_short"] == "not_held":
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical()
