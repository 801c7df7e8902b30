"""Mailing the overdue report by SMTP: one mail per owner with their own items.

Settings come from `mail` in gendan.yaml; the password only from the `GENDAN_*` environment
variable it names (`password_env`) or a file outside the workspace (`password_file`), read by
`password()`, handed to `send`, never shown, and sent only over TLS. Every
recipient is resolved before anything is sent, so a missing address sends nothing;
a server that refuses or is down raises a `GendanError` that says how many mails
went out before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from gendan.core.config import Config, Mail
from gendan.core.errors import GendanError
from gendan.reports.facts import COLUMNS, Item, count_late


@dataclass(frozen=True)
class Outgoing:
    to: str
    items: tuple[Item, ...]
    message: EmailMessage


def address_of(name: str, config: Config) -> str | None:
    for p in config.people:
        if p.email and p.name.casefold() == name.casefold():
            return p.email
    return None


def recipients(items: Sequence[Item], config: Config) -> dict[str, list[Item]]:
    """Items per e-mail address: the owner's, else the order's merchandiser's."""
    by_address: dict[str, list[Item]] = {}
    missing: set[str] = set()
    for item in items:
        address = address_of(item.owner, config) or (
            address_of(item.merchandiser, config) if item.merchandiser else None
        )
        if address is None:
            missing.add(item.owner or item.merchandiser or item.order)
            continue
        by_address.setdefault(address, []).append(item)
    if missing:
        raise GendanError(
            "no e-mail address in gendan.yaml people for "
            + ", ".join(sorted(missing))
            + " (nor for their orders' merchandiser); add them to people, or use --mail-to ADDR. "
            "Nothing was sent"
        )
    return by_address


def build_messages(
    items: Sequence[Item], config: Config, today: date, within: int, to: str | None = None
) -> list[Outgoing]:
    """One message per recipient (or one to `to`), plain text plus HTML; none when there is nothing."""
    if not items:
        return []
    sender = config.mail.sender or config.mail.user
    if not config.mail.host:
        raise GendanError("mail.host is not set in gendan.yaml; nothing was sent")
    if not sender:
        raise GendanError("mail.sender is not set in gendan.yaml; nothing was sent")
    groups = {to: list(items)} if to else recipients(items, config)
    _one_address(sender, "mail.sender (or mail.user) in gendan.yaml")
    for address in groups:
        _one_address(address, "--mail-to" if to else "an email of people in gendan.yaml")
    return [
        Outgoing(address, tuple(group), _message(sender, address, group, config, today, within))
        for address, group in sorted(groups.items())
    ]


def _one_address(text: str, where: str) -> None:
    """A mail address is one line without spaces around an @: a line break would add headers."""
    import re

    if not re.fullmatch(r"[^\s@<>,;\"]+@[^\s@<>,;\"]+", text):
        raise GendanError(
            f"{where}: {text!r} is not one mail address (write it like name@example.com); nothing was sent"
        )


def _message(sender: str, to: str, items: list[Item], config: Config, today: date, within: int) -> EmailMessage:
    from html import escape

    from gendan.render.tables import render

    late = count_late(items)
    subject = f"gendan: {late} overdue, {len(items)} item{'s' * (len(items) != 1)} to follow up (as of {today})"
    intro = f"Overdue and due within {within} days, as of {today}, for {config.company.name}."
    from gendan.render.i18n import Words

    words = Words("en")
    rows = [{**i.as_row(), "detail": words.detail(i.detail)} for i in items]
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(f"{intro}\n\n{render(rows, 'table', COLUMNS, width=None)}\n")
    msg.add_alternative(
        f"<!DOCTYPE html>\n<html><body>\n<p>{escape(intro)}</p>\n{render(rows, 'html', COLUMNS)}\n</body></html>\n",
        subtype="html",
    )
    return msg


def password(settings: Mail, root: Path) -> str | None:
    """The SMTP password: from `mail.password_file` when set, else from the environment variable
    `mail.password_env` (a GENDAN_* one only: gendan.yaml is checked for that, and so is it here)."""
    import os

    from gendan.store.configfile import PASSWORD_ENV, password_file_path

    if settings.password_file is not None:
        path = password_file_path(settings.password_file, root)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n") or None
        except (OSError, UnicodeError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
            raise GendanError(
                f"mail.password_file {settings.password_file}: cannot read it ({reason}); nothing was sent"
            ) from None
    if not PASSWORD_ENV.fullmatch(settings.password_env):
        raise GendanError(f"mail.password_env {settings.password_env} is not a GENDAN_* variable; nothing was sent")
    return os.environ.get(settings.password_env) or None


def send(outgoing: Sequence[Outgoing], settings: Mail, password: str | None, timeout: float = 30) -> int:
    """Send every message over one SMTP session; the number sent, or a GendanError."""
    if not outgoing:
        return 0
    host = settings.host
    if not host:  # (build_messages refuses this first)
        raise GendanError("mail.host is not set in gendan.yaml; nothing was sent")
    if settings.user and not settings.starttls:  # (gendan.yaml is checked for this first)
        raise GendanError("mail.user is set but mail.starttls is false: gendan logs in only over TLS; nothing was sent")
    if settings.user and not password:
        where = (
            f"the file {settings.password_file}"
            if settings.password_file is not None
            else f"the environment variable {settings.password_env}"
        )
        raise GendanError(f"mail.user is set but {where} (the SMTP password) is empty; nothing was sent")
    import smtplib
    import ssl

    sent: list[str] = []
    step = f"connecting to {host}:{settings.port}"
    try:
        with smtplib.SMTP(host, settings.port, timeout=timeout) as smtp:
            if settings.starttls:
                step = "starting TLS (set mail.starttls: false for a server without it)"
                smtp.starttls(context=ssl.create_default_context())
            if settings.user and password:  # (a user without a password was refused above)
                step = f"logging in as {settings.user}"
                smtp.login(settings.user, password)
            for out in outgoing:
                step = f"sending to {out.to}"
                smtp.send_message(out.message)
                sent.append(out.to)
    except UnicodeError:  # smtplib sends the user name and password as ASCII only
        raise GendanError(
            f"mail failed while {step}: the SMTP user name or password has characters "
            "other than ASCII, which SMTP login cannot send; nothing more was sent"
        ) from None
    except (OSError, smtplib.SMTPException) as e:
        done = f"{len(sent)} of {len(outgoing)} mails were sent before the failure" + (
            f" (to {', '.join(sent)})" if sent else ""
        )
        raise GendanError(f"mail failed while {step}: {_reason(e)}; {done}") from None
    return len(sent)


def _reason(e: Exception) -> str:
    import smtplib

    if isinstance(e, smtplib.SMTPResponseException):
        text = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else str(e.smtp_error)
        return f"the server answered {e.smtp_code} {text}"
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        return "the server refused the recipient " + ", ".join(e.recipients)
    return str(e) or type(e).__name__
