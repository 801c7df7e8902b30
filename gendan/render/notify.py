"""Sending the overdue report to chat and mail through Apprise (`gendan overdue --notify URL`,
`--notify-owners`): WeCom group robots (`wecombot://`), DingTalk (`dingtalk://`), Feishu and
Lark (`feishu://`, `lark://`), mail (`mailto://`, `mailtos://`), Slack, Teams, and any webhook
(`json://`).

Messages are short (one line per item), grouped per recipient, and split to fit each service's
length limit at item boundaries, never inside an item. Where the URLs come from: the command
line, or the environment variables (GENDAN_*) that `notify:` in gendan.yaml names, never
gendan.yaml itself (a chat URL holds its key). Every recipient is tried; each failure (an
unknown or malformed URL, a service answering 4xx/5xx, a time-out) is reported with the entry
it came from, and only what a service accepted is counted as sent.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from gendan.core.config import Config, NotifyTarget, NotifyTeam
from gendan.core.errors import GendanError
from gendan.reports.facts import SEVERITIES, Item, count_late

# Where a service's own limit is unknown to Apprise, or Apprise's is above what the service takes.
WECOM_MAX_BYTES = 2048  # 企业微信 group robot: text content at most 2048 bytes of UTF-8


@dataclass
class Recipient:
    """Who gets a message, where (the entry the URLs came from, for reports), and what."""

    name: str  # a person, a team, "default", or "--notify"
    source: str  # e.g. "notify.people.Chen Li.to ($GENDAN_NOTIFY_CHEN)" or "--notify #1"
    urls: list[str]
    items: list[Item] = field(default_factory=list)


@dataclass
class Outcome:
    recipient: str
    where: str  # the URL with its secrets hidden, or the entry when the URL is unusable
    parts: int  # messages accepted
    error: str = ""  # empty: every part accepted
    messages: list[str] = field(default_factory=list)  # what was (dry run: would be) sent


def line(item: Item) -> str:
    """One item, one line: order, milestone (or rule), customer, owner, then when it is due and
    how late; a rule, money or risk item says what it is instead (its detail)."""
    head = f"- {item.order} {item.milestone} ({item.customer}) · {item.owner or '-'} · "
    if item.kind not in ("overdue", "due_soon"):
        from gendan.render.i18n import Words

        return head + f"{item.kind}: {Words('en').detail(item.detail) or item.due}"
    due = f"{item.due.isoformat()} " if item.due else ""
    if item.working_days_late > 0:
        return head + f"{due}{item.working_days_late}d late"
    return head + due + ("due today" if item.working_days_late == 0 else f"due in {-item.working_days_late}d")


def header(items: Sequence[Item], today: date) -> str:
    late = count_late(items)
    return f"gendan {today.isoformat()}: {late} overdue, {len(items)} to follow up"


def split(items: Sequence[Item], today: date, limit: int) -> list[str]:
    """The message(s) for `items`, each at most `limit` bytes of UTF-8: a header line, then whole
    item lines; `(2/3)` after the header when split. An item line longer than a whole message
    (a very long customer name) is shortened, with `…`; nothing else is ever cut."""
    head = header(items, today)
    room = limit - len(head.encode("utf-8")) - len(b" (99/99)\n")
    if room < 40:
        raise GendanError(f"a message limit of {limit} bytes is too small for the report")
    chunks: list[list[str]] = [[]]
    used = 0
    for item in items:
        text = line(item)
        size = len(text.encode("utf-8")) + 1
        if size > room:
            text = text.encode("utf-8")[: room - 4].decode("utf-8", "ignore") + "…"
            size = len(text.encode("utf-8")) + 1
        if used + size > room and chunks[-1]:
            chunks.append([])
            used = 0
        chunks[-1].append(text)
        used += size
    if len(chunks) == 1:
        return [head + "\n" + "\n".join(chunks[0])]
    return [f"{head} ({n}/{len(chunks)})\n" + "\n".join(c) for n, c in enumerate(chunks, 1)]


def _at_least(item: Item, minimum: str) -> bool:
    return SEVERITIES.index(item.severity) <= SEVERITIES.index(minimum)


def _urls(target: NotifyTarget | NotifyTeam, environ: dict[str, str]) -> list[str]:
    """The Apprise URLs in the target's variable (several: separated by spaces, commas or lines)."""
    value = environ.get(target.to, "")
    return [u for u in value.replace(",", " ").split() if u]


def route(
    items: Sequence[Item], config: Config, environ: dict[str, str] | None = None
) -> tuple[list[Recipient], list[str]]:
    """Items per recipient by `notify:` in gendan.yaml: the owner's channel (their own, else their
    team's), else the order's merchandiser's, else the default; each channel's minimum severity
    applied. Returns the recipients and the people who have no channel at all (not sent)."""
    env = dict(os.environ) if environ is None else environ
    notify = config.notify
    by_key: dict[str, Recipient] = {}
    unrouted: set[str] = set()

    def channel(name: str) -> tuple[str, str, NotifyTarget | NotifyTeam] | None:
        if not name:
            return None
        low = name.casefold()
        for person, target in notify.people.items():
            if person.casefold() == low:
                return person, f"notify.people.{person}", target
        for team, spec in notify.teams.items():
            if any(m.casefold() == low for m in spec.members):
                return team, f"notify.teams.{team}", spec
        return None

    for item in items:
        found = channel(item.owner) or channel(item.merchandiser)
        if found is None and notify.default is not None:
            found = ("default", "notify.default", notify.default)
        if found is None:
            unrouted.add(item.owner or item.merchandiser or item.order)
            continue
        name, source, target = found
        if not _at_least(item, target.min_severity or notify.min_severity):
            continue
        if source not in by_key:
            by_key[source] = Recipient(name, f"{source}.to (${target.to})", _urls(target, env))
        by_key[source].items.append(item)
    return list(by_key.values()), sorted(unrouted)


def limit_of(plugin) -> int:
    """The longest message body the service takes, in bytes of UTF-8 (Apprise counts characters;
    a Chinese character is three bytes, so its limit is taken as bytes to be safe)."""
    limit = int(getattr(plugin, "body_maxlen", 0) or 32768)
    if type(plugin).__name__ == "NotifyWeComBot":
        limit = min(limit, WECOM_MAX_BYTES)
    return limit


def deliver(recipients: Sequence[Recipient], today: date, dry_run: bool = False) -> list[Outcome]:
    """Send each recipient's items to each of their URLs (or, `dry_run`, only build the messages).
    Never raises for one bad URL or service: each outcome says what happened."""
    import apprise

    outcomes: list[Outcome] = []
    for r in recipients:
        if not r.urls:
            outcomes.append(Outcome(r.name, r.source, 0, "no URL: the variable is not set or empty"))
            continue
        for n, url in enumerate(r.urls, 1):
            plugin = apprise.Apprise.instantiate(url)
            entry = r.source if len(r.urls) == 1 else f"{r.source}, URL #{n}"
            if plugin is None:
                scheme = url.split("://", 1)[0] if "://" in url else url[:12]
                outcomes.append(Outcome(r.name, entry, 0, f"unknown or malformed notification URL (scheme '{scheme}')"))
                continue
            where = plugin.url(privacy=True).split("?", 1)[0]  # secrets hidden; Apprise's defaults left off
            messages = split(r.items, today, limit_of(plugin))
            if dry_run:
                outcomes.append(Outcome(r.name, where, 0, "", messages))
                continue
            outcomes.append(_send(plugin, r.name, where, messages))
    return outcomes


def _send(plugin, name: str, where: str, messages: list[str]) -> Outcome:
    import logging

    import apprise

    sent = 0
    for text in messages:
        with apprise.LogCapture(level=logging.WARNING) as log:
            try:
                ok = plugin.notify(body=text, title="")
            except Exception as e:  # a plugin's own bug must not stop the other recipients
                ok, reason = False, f"{type(e).__name__}: {e}"
            else:
                reason = ""
        if not ok:
            said = [s.strip() for s in log.getvalue().splitlines() if s.strip()]
            reason = reason or (said[-1] if said else "the service did not accept the message")
            return Outcome(name, where, sent, f"{reason} ({sent} of {len(messages)} messages sent)", messages[:sent])
        sent += 1
    return Outcome(name, where, sent, "", messages)
