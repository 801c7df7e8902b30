"""Open milestones as an RFC 5545 calendar (`gendan calendar`), written with `icalendar`.

Each milestone is an all-day event on its due date, with a reminder `remind` days before; its
UID is made from the order and the milestone (never a date), so a calendar app that subscribes
to a re-published feed moves the event when the date is revised instead of adding a second
one. DTSTAMP is the report's date (`--as-of`), so the same orders give the same bytes.
An overdue milestone says so in its summary and carries the category OVERDUE.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from gendan.core.config import Config
from gendan.reports.feeds import Entry

PRODID = "-//gendan//order follow-up//EN"


def uid(entry: Entry, config: Config) -> str:
    """Stable across runs; the company's name keeps two companies' SO-1 apart in one calendar."""
    company = hashlib.sha256(config.company.name.encode("utf-8")).hexdigest()[:12]
    key = hashlib.sha256(entry.uid_key.encode("utf-8")).hexdigest()[:24]
    return f"{key}-{company}@gendan"


def summary(entry: Entry) -> str:
    text = f"{entry.order} {entry.name} ({entry.customer})"
    if entry.overdue:
        return f"OVERDUE {entry.days_late}d: {text}"
    return text


def description(entry: Entry) -> str:
    lines = [
        f"Order: {entry.order}",
        f"Customer: {entry.customer}",
        f"Milestone: {entry.name} ({entry.milestone})" if entry.name != entry.milestone else f"Milestone: {entry.name}",
        f"Order stage: {entry.stage}",
    ]
    if entry.milestone_stage:
        lines.append(f"Milestone of stage: {entry.milestone_stage}")
    lines.append(f"Owner: {entry.owner}" if entry.owner else "Owner: (none)")
    if entry.merchandiser:
        lines.append(f"Merchandiser: {entry.merchandiser}")
    lines.append(f"Due: {entry.due.isoformat()}")
    if entry.overdue:
        lines.append(f"Overdue by {entry.days_late} working day{'s' * (entry.days_late != 1)}")
    if entry.forecast and entry.forecast != entry.due:
        lines.append(f"Forecast: {entry.forecast.isoformat()}")
    return "\n".join(lines)


def calendar_bytes(entries: Sequence[Entry], config: Config, today: date, name: str, remind: int) -> bytes:
    """The calendar (UTF-8, CRLF lines folded at 75 octets by icalendar); no events when nothing
    is open."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    for entry in entries:
        event = Event()
        event.add("uid", uid(entry, config))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.due)
        event.add("dtend", entry.due + timedelta(days=1))
        event.add("summary", summary(entry))
        event.add("description", description(entry))
        event.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
        event.add("categories", ["gendan", "OVERDUE"] if entry.overdue else ["gendan"])
        if entry.owner:
            event.add("x-gendan-owner", entry.owner)
        if remind > 0 and not entry.overdue:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(entry))
            alarm.add("trigger", timedelta(days=-remind))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
