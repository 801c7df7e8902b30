"""The one way gendan sends: the overdue report to chat and mail through Apprise (`gendan overdue
--notify URL`, `--notify-owners`, and `--mail`, whose channel render/mail.py makes from `mail:`):
WeCom group robots (`wecombot://`), DingTalk (`dingtalk://`), Feishu and Lark (`feishu://`,
`lark://`), mail (`mailto://`, `mailtos://`), Slack, Teams, and any webhook (`json://`).

Chat messages are short (one line per item, the order page's link under it when `site.url` is
set), in the configured language, grouped per recipient, and split to fit each service's
length limit at item boundaries, never inside an item; a mail channel gets one mail with the
report's table. Where the URLs come from: the command
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
from typing import Any

from gendan.core.config import Config, NotifyTarget, NotifyTeam
from gendan.core.errors import GendanError
from gendan.render import i18n
from gendan.reports.facts import SEVERITIES, Item, count_late

# Where a service's own limit is unknown to Apprise, or Apprise's is above what the service takes.
WECOM_MAX_BYTES = 2048  # 企业微信 group robot: text content at most 2048 bytes of UTF-8


@dataclass(frozen=True)
class Report:
    """What every message of one run shares: the day, the language (`i18n.LANGUAGES`), the
    site's address for links to each order's page ("" when gendan.yaml has no `site.url`),
    and, for a mail's table, the company and the look-ahead."""

    today: date
    lang: str = "en"
    site_url: str = ""
    company: str = ""
    within: int = 0
    config: Config | None = None  # the workspace's milestone names in `lang`

    def link(self, order: str) -> str:
        from gendan.render.links import order_url

        return order_url(self.site_url, order) if self.site_url else ""

    @property
    def words(self) -> i18n.Words:
        """The words of the report's language, with the workspace's milestone names."""
        return i18n.Words(self.lang, self.config)


@dataclass
class Recipient:
    """Who gets a message, where (the entry the channels came from, for reports), and what.
    A channel is an Apprise URL, or (`--mail`) the settings Apprise builds a `mailtos://`
    channel from, so that no password is ever written into a URL."""

    name: str  # a person, a team, "default", "--notify", or a mail address
    source: str  # e.g. "notify.people.Chen Li.to ($GENDAN_NOTIFY_CHEN)" or "--notify #1"
    urls: Sequence[str | dict[str, Any]]
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Message:
    body: str
    title: str = ""  # a mail's subject
    html: bool = False  # a mail: an HTML table (Apprise adds the plain-text alternative)
    preview: str = ""  # what a dry run shows of a mail (its table as text)

    def shown(self) -> str:
        return self.preview or self.body


@dataclass
class Outcome:
    recipient: str
    where: str  # the URL with its secrets hidden, or the entry when the URL is unusable
    parts: int  # messages accepted
    error: str = ""  # empty: every part accepted
    messages: list[Message] = field(default_factory=list)  # what was (dry run: would be) sent


def _late(item: Item, lang: str) -> str:
    """How late (working days), or when due, in `lang`."""
    days = item.working_days_late
    if days > 0:
        return i18n.text(lang, "{days}d late", days=days)
    if days == 0:
        return i18n.text(lang, "due today")
    return i18n.text(lang, "due in {days}d", days=-days)


def line(item: Item, report: Report | None = None) -> str:
    """One item, one line: order, milestone (or rule), customer, owner, then when it is due and
    how late (working days, as `overdue` counts them); a rule, money or risk item says what it
    is instead (in English its detail; in Chinese its kind, date and days, the detail being
    English text). The link to the order's page is `Report.link` (not part of the line)."""
    r = report or Report(date.min)
    what = item.milestone if item.kind in ("R4", "R5", "R6") else r.words.milestone(item.milestone)
    head = f"- {item.order} {what} ({item.customer}) · {item.owner or '-'} · "
    due = f"{item.due.isoformat()} " if item.due else ""
    if item.kind in ("overdue", "due_soon"):
        return head + due + _late(item, r.lang)
    if r.lang == "en":
        return head + f"{item.kind}: {i18n.Words('en').detail(item.detail) or item.due}"
    if item.kind == "at_risk":
        return head + i18n.text(
            r.lang,
            "at risk: {days} working days after the contract date {due}",
            days=item.working_days_late,
            due=item.due,
        )
    return head + i18n.text(r.lang, item.kind) + "：" + due + _late(item, r.lang)


def header(items: Sequence[Item], report: Report) -> str:
    late = count_late(items)
    return i18n.text(
        report.lang, "gendan {today}: {late} overdue, {n} to follow up", today=report.today, late=late, n=len(items)
    )


def split(items: Sequence[Item], report: Report, limit: int) -> list[str]:
    """The message(s) for `items`, each at most `limit` bytes of UTF-8: a header line, then whole
    items (its line, and the link to its order's page on the next line when the site's address
    is set); `(2/3)` after the header when split. An item line longer than a whole message (a
    very long customer name) is shortened, with `…`; nothing else is ever cut, a link never."""
    head = header(items, report)
    room = limit - len(head.encode("utf-8")) - len(b" (99/99)\n")
    chunks: list[list[str]] = [[]]
    used = 0
    for item in items:
        text, link = line(item, report), report.link(item.order)
        link_size = len(link.encode("utf-8")) + 3 if link else 0  # "\n  " before it
        if room - link_size < 40:
            raise GendanError(f"a message limit of {limit} bytes is too small for the report")
        if len(text.encode("utf-8")) + 1 + link_size > room:
            text = text.encode("utf-8")[: room - link_size - 4].decode("utf-8", "ignore") + "…"
        if link:
            text += f"\n  {link}"
        size = len(text.encode("utf-8")) + 1
        if used + size > room and chunks[-1]:
            chunks.append([])
            used = 0
        chunks[-1].append(text)
        used += size
    if len(chunks) == 1:
        return [head + "\n" + "\n".join(chunks[0])]
    return [f"{head} ({n}/{len(chunks)})\n" + "\n".join(c) for n, c in enumerate(chunks, 1)]


def mail(items: Sequence[Item], report: Report) -> Message:
    """One mail: a subject, a sentence and the report's table (HTML; in the order column a link
    to the order's page when the site's address is set). Apprise sends it with a plain-text
    alternative made from the HTML; a dry run shows the table as text."""
    from html import escape

    from gendan.render.tables import render
    from gendan.reports.facts import COLUMNS

    lang, n, late = report.lang, len(items), count_late(items)
    subject = i18n.text(
        lang,
        "gendan: {late} overdue, {n} items to follow up (as of {today})"
        if n != 1
        else "gendan: {late} overdue, {n} item to follow up (as of {today})",
        late=late,
        n=n,
        today=report.today,
    )
    intro = i18n.text(
        lang,
        "Overdue and due within {within} days, as of {today}, for {company}.",
        within=report.within,
        today=report.today,
        company=report.company,
    )
    headers = [i18n.text(lang, c) for c in COLUMNS]
    rows = [_row(i, report) for i in items]
    table = render(rows, "html", COLUMNS, headers)
    if report.site_url:  # the order cell links to its page (the id is escaped as the table escapes it)
        for i in {i.order for i in items}:
            cell = f"<td>{escape(i)}</td>"
            table = table.replace(cell, f'<td><a href="{escape(report.link(i))}">{escape(i)}</a></td>')
    body = f"<!DOCTYPE html>\n<html><body>\n<p>{escape(intro)}</p>\n{table}\n</body></html>\n"
    preview = f"Subject: {subject}\n\n{intro}\n\n{render(rows, 'table', COLUMNS, headers, width=None)}"
    return Message(body, subject, True, preview)


def _row(item: Item, report: Report) -> dict:
    words = report.words
    row = {**item.as_row(), "detail": words.detail(item.detail)}
    if report.lang != "en":
        row["milestone"] = words.milestone(item.milestone)
        row["kind"] = i18n.text(report.lang, item.kind)
        row["severity"] = i18n.text(report.lang, item.severity)
    return row


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


def is_mail(plugin) -> bool:
    """Apprise's mail channel (`mailto://`, `mailtos://`): it gets the report as a mail."""
    return getattr(plugin, "secure_protocol", None) == "mailtos"


def messages_for(plugin, items: Sequence[Item], report: Report) -> list[Message]:
    """A mail gets one mail with the table; a chat, the short lines split to its limit."""
    if is_mail(plugin):
        return [mail(items, report)]
    return [Message(text) for text in split(items, report, limit_of(plugin))]


def deliver(recipients: Sequence[Recipient], report: Report, dry_run: bool = False) -> list[Outcome]:
    """Send each recipient's items to each of their channels (or, `dry_run`, only build the
    messages). Never raises for one bad URL or service: each outcome says what happened."""
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
                if isinstance(url, dict):
                    reason = "Apprise cannot make a mail channel of these settings"
                else:
                    scheme = url.split("://", 1)[0] if "://" in url else url[:12]
                    reason = f"unknown or malformed notification URL (scheme '{scheme}')"
                outcomes.append(Outcome(r.name, entry, 0, reason))
                continue
            where = _shown(plugin)
            messages = messages_for(plugin, r.items, report)
            if dry_run:
                outcomes.append(Outcome(r.name, where, 0, "", messages))
                continue
            outcomes.append(_send(plugin, r.name, where, messages))
    return outcomes


def _shown(plugin) -> str:
    """The channel's URL with its secrets hidden and Apprise's default query arguments left off."""
    from urllib.parse import unquote

    return unquote(plugin.url(privacy=True).split("?", 1)[0])


def _send(plugin, name: str, where: str, messages: list[Message]) -> Outcome:
    import logging

    import apprise

    sent = 0
    for message in messages:
        # a mail's own SMTP error (the server's answer) is logged at debug level; a chat's may
        # hold its URL, with the key, so only Apprise's warnings are shown for those
        with apprise.LogCapture(level=logging.DEBUG if is_mail(plugin) else logging.WARNING) as log:
            try:
                ok = plugin.notify(
                    body=message.body,
                    title=message.title,
                    body_format=apprise.NotifyFormat.HTML if message.html else apprise.NotifyFormat.TEXT,
                )
            except Exception as e:  # a plugin's own bug must not stop the other recipients
                ok, reason = False, f"{type(e).__name__}: {e}"
            else:
                reason = ""
        if not ok:
            reason = reason or _reason(log.getvalue())
            done = messages[:sent]
            return Outcome(name, where, sent, f"{reason} ({sent} of {len(messages)} messages sent)", done)
        sent += 1
    return Outcome(name, where, sent, "", messages)


def _reason(log: str) -> str:
    """Apprise's last warning, and the server's answer where it gave one (SMTP)."""
    said = [s.split(" - ", 2)[-1].strip() for s in log.splitlines() if s.strip()]
    warnings = [s.split(" - ", 2)[-1].strip() for s in log.splitlines() if " - WARNING - " in s or " - ERROR - " in s]
    answer = [s.split("Socket Exception:", 1)[1].strip() for s in said if s.startswith("Socket Exception:")]
    reason = warnings[-1] if warnings else "the service did not accept the message"
    return reason + (f" ({_smtp_answer(answer[-1])})" if answer else "")


def _smtp_answer(text: str) -> str:
    """An SMTP error as the server said it: `(550, b'5.1.1 no such mailbox')` → `550 5.1.1 no
    such mailbox` (every one, when several recipients were refused); other text as it is."""
    import re

    said = re.findall(r"\((\d{3}), b?['\"](.*?)['\"]\)", text)
    return "; ".join(f"{code} {words}" for code, words in said) if said else text
