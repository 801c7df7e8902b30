"""Open milestones as an RFC 5545 calendar (`gendan calendar`), written with `icalendar`.

Each milestone is an all-day event on its due date, with a reminder `remind` days before; its
UID is made from the order and the milestone (never a date), so a calendar app that subscribes
to a re-published feed moves the event when the date is revised instead of adding a second
one. DTSTAMP is the report's date (`--as-of`), so the same orders give the same bytes.
An overdue milestone says so in its summary (working days late, as `overdue` counts them) and
carries the category OVERDUE. The text is in the configured language; with the site's address
(`site.url`) each event links to its order's page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from gendan.core.config import Config
from gendan.render import i18n
from gendan.reports.feeds import Entry

PRODID = "-//gendan//order follow-up//EN"


def uid(entry: Entry, config: Config) -> str:
    """Stable across runs; the company's name keeps two companies' SO-1 apart in one calendar."""
    company = hashlib.sha256(config.company.name.encode("utf-8")).hexdigest()[:12]
    key = hashlib.sha256(entry.uid_key.encode("utf-8")).hexdigest()[:24]
    return f"{key}-{company}@gendan"


@dataclass(frozen=True)
class Wording:
    """The feed's language (`i18n.LANGUAGES`) and the site's address ("" when none): each event
    links to its order's page there."""

    lang: str = "en"
    site_url: str = ""
    config: Config | None = None

    def t(self, key: str, **values: object) -> str:
        return i18n.text(self.lang, key, **values)

    @property
    def words(self) -> i18n.Words:
        """The words of the feed's language, with the workspace's stage and milestone names."""
        return i18n.Words(self.lang, self.config)

    def link(self, entry: Entry) -> str:
        from gendan.render.links import order_url

        return order_url(self.site_url, entry.order) if self.site_url else ""


ENGLISH = Wording()


def summary(entry: Entry, w: Wording = ENGLISH) -> str:
    text = f"{entry.order} {w.words.milestone(entry.milestone, entry.name)} ({entry.customer})"
    if entry.overdue:
        return w.t("OVERDUE {days}d: {text}", days=entry.days_late, text=text)
    return text


def description(entry: Entry, w: Wording = ENGLISH) -> str:
    words = w.words
    name = words.milestone(entry.milestone, entry.name)
    lines = [
        w.t("Order: {value}", value=entry.order),
        w.t("Customer: {value}", value=entry.customer),
        w.t("Milestone: {value}", value=f"{name} ({entry.milestone})" if name != entry.milestone else name),
        w.t("Order stage: {value}", value=words.stage(entry.stage)),
    ]
    if entry.milestone_stage:
        lines.append(w.t("Milestone of stage: {value}", value=words.stage(entry.milestone_stage)))
    lines.append(w.t("Owner: {value}", value=entry.owner) if entry.owner else w.t("Owner: (none)"))
    if entry.merchandiser:
        lines.append(w.t("Merchandiser: {value}", value=entry.merchandiser))
    lines.append(w.t("Due: {value}", value=entry.due.isoformat()))
    if entry.overdue:
        key = "Overdue by {days} working day" if entry.days_late == 1 else "Overdue by {days} working days"
        lines.append(w.t(key, days=entry.days_late))
    if entry.forecast and entry.forecast != entry.due:
        lines.append(w.t("Forecast: {value}", value=entry.forecast.isoformat()))
    if w.link(entry):
        lines.append(w.link(entry))
    return "\n".join(lines)


def calendar_bytes(
    entries: Sequence[Entry], config: Config, today: date, name: str, remind: int, wording: Wording = ENGLISH
) -> bytes:
    """The calendar (UTF-8, CRLF lines folded at 75 octets by icalendar); no events when nothing
    is open. Its text is in `wording`'s language; each event links to its order's page (URL)
    when the site's address is known."""
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
        event.add("summary", summary(entry, wording))
        event.add("description", description(entry, wording))
        if wording.link(entry):
            event.add("url", wording.link(entry))
        event.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
        event.add("categories", ["gendan", wording.t("OVERDUE")] if entry.overdue else ["gendan"])
        if entry.owner:
            event.add("x-gendan-owner", entry.owner)
        if remind > 0 and not entry.overdue:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(entry, wording))
            alarm.add("trigger", timedelta(days=-remind))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
