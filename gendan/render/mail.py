"""`gendan overdue --mail` / `--mail-to ADDR`: the mail channel made from `mail:` in
gendan.yaml, delivered by Apprise (`mailtos://`, STARTTLS; `mailto://` without TLS) through
`gendan.render.notify`, the one way gendan sends: one mail per owner with their own items (the
report's table, HTML), the same reports of what was sent and what failed as every channel.

The password comes only from the `GENDAN_*` environment variable `mail.password_env` names or a
file outside the workspace (`password_file`), read by `password()`, handed to Apprise as a
setting (never written into a URL), never shown, and sent only over TLS with the server's
certificate checked. Everything that can be checked before sending is: a missing address, an
unset password, settings that would log in without TLS stop with nothing sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gendan.core.config import Config, Mail
from gendan.core.errors import GendanError, said
from gendan.reports.facts import Item


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


def channels(
    items: Sequence[Item], config: Config, root: Path, to: str | None = None, dry_run: bool = False
) -> list[Any]:
    """The recipients of `--mail` (one per owner's address, or the one `to`), each with the mail
    channel Apprise makes from `mail:`; none when there is nothing. Raises (nothing sent) for
    settings or addresses that cannot work; a dry run needs no password (nothing logs in)."""
    from gendan.render.notify import Recipient

    if not items:
        return []
    settings = config.mail
    sender = settings.sender or settings.user
    if not settings.host:
        raise GendanError.worded(said(("mail.host is not set in gendan.yaml; nothing was sent", {})))
    if not sender:
        raise GendanError.worded(said(("mail.sender is not set in gendan.yaml; nothing was sent", {})))
    groups = {to: list(items)} if to else recipients(items, config)
    _one_address(sender, "mail.sender (or mail.user) in gendan.yaml")
    for address in groups:
        _one_address(address, "--mail-to" if to else "an email of people in gendan.yaml")
    secret = None if dry_run else _login(settings, password(settings, root))
    source = "--mail-to" if to else "mail (people's email in gendan.yaml)"
    return [
        Recipient(address, source, [_channel(settings, sender, address, secret)], group)
        for address, group in sorted(groups.items())
    ]


def _login(settings: Mail, secret: str | None) -> str | None:
    """The password to log in with, after the checks gendan.yaml's reader also makes."""
    if settings.user and not settings.starttls:  # (gendan.yaml is checked for this first)
        raise GendanError.worded(
            said(("mail.user is set but mail.starttls is false: gendan logs in only over TLS; nothing was sent", {}))
        )
    if settings.user and not secret:
        if settings.password_file is not None:
            empty = said(
                (
                    "mail.user is set but the file {where} (the SMTP password) is empty; nothing was sent",
                    {"where": settings.password_file},
                )
            )
        else:
            empty = said(
                (
                    "mail.user is set but the environment variable {where} (the SMTP password) is empty; "
                    "nothing was sent",
                    {"where": settings.password_env},
                )
            )
        raise GendanError.worded(empty)
    if secret is not None and not secret.isascii():  # smtplib sends the user name and password as ASCII
        raise GendanError.worded(
            said(
                (
                    "the SMTP password has characters other than ASCII, which SMTP login cannot send; nothing was sent",
                    {},
                )
            )
        )
    if settings.user and not settings.user.isascii():
        raise GendanError.worded(
            said(("mail.user has characters other than ASCII, which SMTP login cannot send; nothing was sent", {}))
        )
    return secret if settings.user else None


def _channel(settings: Mail, sender: str, to: str, secret: str | None) -> dict[str, Any]:
    """Apprise's mail channel as settings (its URL's parts): `mailtos://` with STARTTLS when
    `mail.starttls` (the certificate checked), else `mailto://` without TLS and without login."""
    channel: dict[str, Any] = {
        "schema": "mailtos" if settings.starttls else "mailto",
        "host": settings.host,
        "smtp_host": settings.host,  # no provider defaults guessed from the address
        "port": settings.port,
        "secure": settings.starttls,
        "secure_mode": "starttls" if settings.starttls else "insecure",
        "from_addr": sender,
        "targets": [to],
        "verify": True,
    }
    if settings.user:
        channel.update(user=settings.user, password=secret)
    return channel


def _one_address(text: str, where: str) -> None:
    """A mail address is one line without spaces around an @: a line break would add headers."""
    import re

    if not re.fullmatch(r"[^\s@<>,;\"]+@[^\s@<>,;\"]+", text):
        raise GendanError(
            f"{where}: {text!r} is not one mail address (write it like name@example.com); nothing was sent"
        )


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
