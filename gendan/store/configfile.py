"""`gendan.yaml`: the built-in defaults, reading the user's file over them, and the checks of it
that its schema cannot express.

The defaults live in one file, `gendan/defaults/gendan.yaml`, which is both what
`gendan init` writes (with its comments) and what every missing key falls back to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from gendan.core.config import GATES, MERGED_KEYS, SIDE_STAGES, Config, MilestoneDef
from gendan.core.errors import Finding, InvalidFile, Problem, said
from gendan.core.text import guessed
from gendan.store.parse import build, to_problems
from gendan.store.paths import display
from gendan.store.yamlio import load_file, loads, read_text

DEFAULTS_PATH = Path(__file__).resolve().parent.parent / "defaults" / "gendan.yaml"


@lru_cache(maxsize=1)
def default_data() -> dict[str, Any]:
    data: dict[str, Any] = load_file(DEFAULTS_PATH)
    return data


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The built-in configuration, for a command run outside any workspace (`gendan aql`)."""
    return build(Config, default_data(), display(DEFAULTS_PATH), DEFAULTS_PATH.read_text(encoding="utf-8"))


def merge_defaults(user: dict[str, Any]) -> dict[str, Any]:
    """The user's config over the defaults: top-level keys replace, a few merge one level."""
    merged = dict(default_data())
    for key, value in user.items():
        if key in MERGED_KEYS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def load_config(path: Path) -> Config:
    shown = display(path)
    text = read_text(path, shown)
    data = loads(text, shown)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        message, words = said(("gendan.yaml must be a mapping of keys", {}))
        raise InvalidFile([Problem(shown, 1, 1, "E005", message, words)])
    config = build(Config, merge_defaults(data), shown, text)
    problems = check_config(config, shown, text, path.parent)
    if problems:
        raise InvalidFile(problems)
    return config


def check_config(config: Config, path: str, text: str, root: Path | None = None) -> list[Problem]:
    """The checks of gendan.yaml that its schema cannot express (`root`: the workspace's folder)."""
    found, stages = _check_stages(config)
    found += _check_mail(config, root)
    found += _check_notify(config)
    found += _check_site(config)
    found += _check_calendar(config)
    for name, template in config.milestone_templates.items():
        found += _check_template(name, template, stages)
    found += _check_tracker(config)
    return to_problems(found, path, text)


def _check_stages(config: Config) -> tuple[list[Finding], set[str]]:
    """Problems of the stage list, and the stage keys."""
    found: list[Finding] = []
    seen: set[str] = set()
    for i, stage in enumerate(config.stages):
        if stage.key in seen or stage.key in SIDE_STAGES:
            found.append(
                Finding.said("E300", ("stages", i), "stage '{key}' is listed twice or is a side stage", key=stage.key)
            )
        seen.add(stage.key)
        for j, gate in enumerate(stage.gates):
            if gate not in GATES:
                message, words = said(
                    ("stage {key}: unknown gate '{gate}'", {"key": stage.key, "gate": gate}),
                    *guessed(gate, GATES),
                    ("; gates are {gates}", {"gates": ", ".join(GATES)}),
                )
                found.append(Finding("E300", ("stages", i, "gates", j), message, words=words))
    if not config.stages:
        found.append(Finding.said("E300", ("stages",), "at least one stage is needed"))
    return found, seen


PASSWORD_ENV = re.compile(r"GENDAN_[A-Z0-9_]+")


def password_file_path(name: str, root: Path | None) -> Path:
    """`mail.password_file` as a path: `~` expanded, relative to the workspace."""
    path = Path(name).expanduser()
    return path if path.is_absolute() or root is None else root / path


def _check_mail(config: Config, root: Path | None) -> list[Finding]:
    """The SMTP secret stays the user's: a gendan.yaml in a shared repository must not be able to
    name another secret of the machine that runs it (`AWS_SECRET_ACCESS_KEY`), keep the password
    in the repository, or send it in clear text to a host it names."""
    mail = config.mail
    found: list[Finding] = []
    if not PASSWORD_ENV.fullmatch(mail.password_env):
        found.append(
            Finding.said(
                "E300",
                ("mail", "password_env"),
                "mail.password_env: {name} is not a GENDAN_* variable; gendan reads the SMTP "
                "password only from a variable named GENDAN_... (e.g. GENDAN_SMTP_PASSWORD), so that a "
                "shared gendan.yaml cannot send another secret of the machine that runs it",
                name=mail.password_env,
            )
        )
    if mail.user and not mail.starttls:
        found.append(
            Finding.said(
                "E300",
                ("mail", "starttls"),
                "mail.starttls is false but mail.user is set: the password would cross the network in "
                "clear text; gendan logs in only over TLS (set starttls: true, or remove user for a "
                "relay that needs no login)",
            )
        )
    if mail.password_file is not None and root is not None:
        real = password_file_path(mail.password_file, root).resolve()
        top = root.resolve()
        if real == top or top in real.parents:
            found.append(
                Finding.said(
                    "E300",
                    ("mail", "password_file"),
                    "mail.password_file: {file} is inside the workspace, where it would be "
                    "committed and shared; keep it outside (e.g. ~/.config/gendan/smtp-password)",
                    file=mail.password_file,
                )
            )
    return found


def _check_notify(config: Config) -> list[Finding]:
    """A notify target names a GENDAN_* variable; a URL written here would put the chat robot's
    key (or a mail password) in the repository, so it is refused."""
    targets: list[tuple[tuple[str | int, ...], str]] = []
    if config.notify.default is not None:
        targets.append((("notify", "default", "to"), config.notify.default.to))
    targets += [(("notify", "people", name, "to"), t.to) for name, t in config.notify.people.items()]
    targets += [(("notify", "teams", name, "to"), t.to) for name, t in config.notify.teams.items()]
    found: list[Finding] = []
    for keypath, value in targets:
        if PASSWORD_ENV.fullmatch(value):
            continue
        found.append(
            Finding.said(
                "E300",
                keypath,
                "{key} holds a URL, and a notification URL carries its key (the robot's webhook key, a token or a "
                "password), which must not be committed: put the URL in an environment variable (in CI: a "
                "secret variable) named GENDAN_... (e.g. GENDAN_NOTIFY_TEAM) and write that name here"
                if "://" in value or "@" in value
                else "{key} is not a GENDAN_* variable name: put the URL in an environment variable (in CI: a "
                "secret variable) named GENDAN_... (e.g. GENDAN_NOTIFY_TEAM) and write that name here",
                key=".".join(str(k) for k in keypath),
            )
        )
    return found


SITE_URL_MAX = 500  # characters: an order's link still fits a chat message


def site_url_problem(url: str) -> str:
    """Why `url` cannot be the site's address ("" when it can): an http(s) address with a host,
    nothing but printable characters, no user or password (gendan.yaml is in git), no query
    or fragment (pages' paths are added to it). A template, filled in with `max` (SITE_URL_MAX)."""
    from urllib.parse import urlsplit

    if len(url) > SITE_URL_MAX:
        return "is longer than {max} characters"
    if not url.isprintable() or " " in url:
        return "has spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a bad port)
    except ValueError:
        return "is not a valid address"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "is not an http:// or https:// address with a host (e.g. https://orders.example.com/status)"
    if parts.username is not None or parts.password is not None:
        return "holds a user name or password, which must not be committed"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "has a query or fragment (?, #); the pages' paths are added to it"
    return ""


def _check_site(config: Config) -> list[Finding]:
    url = config.site.url
    problem = site_url_problem(url) if url is not None else ""
    if not problem:
        return []
    message, words = said(("site.url {url!r} ", {"url": url}), (problem, {"max": SITE_URL_MAX}))
    return [Finding("E300", ("site", "url"), message, words=words)]


def _check_calendar(config: Config) -> list[Finding]:
    found: list[Finding] = []
    if not set(config.workdays):
        found.append(Finding.said("E300", ("workdays",), "at least one working day is needed"))
    for i, c in enumerate(config.holidays.closures):
        if c.to < c.from_:
            found.append(
                Finding.said(
                    "E300",
                    ("holidays", "closures", i),
                    "closure ends ({end}) before it starts ({start})",
                    end=c.to,
                    start=c.from_,
                )
            )
    return found


def _check_template(name: str, template: list[MilestoneDef], stages: set[str]) -> list[Finding]:
    found: list[Finding] = []
    keys = [m.key for m in template]
    for i, m in enumerate(template):
        where = ("milestone_templates", name, i)
        if keys.count(m.key) > 1:
            found.append(
                Finding.said("E300", where, "template {name}: milestone '{key}' is listed twice", name=name, key=m.key)
            )
        if m.anchor not in ("po_date", "ex_factory") and m.anchor not in keys:
            message, words = said(
                (
                    "template {name}: milestone {key} is anchored on unknown '{anchor}'",
                    {"name": name, "key": m.key, "anchor": m.anchor},
                ),
                *guessed(m.anchor, ["po_date", "ex_factory", *keys]),
            )
            found.append(Finding("E300", where, message, words=words))
        if m.stage is not None and m.stage not in stages:
            message, words = said(
                (
                    "template {name}: milestone {key} belongs to unknown stage '{typed}'",
                    {"name": name, "key": m.key, "typed": m.stage},
                ),
                *guessed(m.stage, stages),
            )
            found.append(Finding("E300", where, message, words=words))
        for before in m.after:
            if before not in keys or before == m.key:
                message, words = said(
                    (
                        "template {name}: milestone {key} comes after unknown '{before}'",
                        {"name": name, "key": m.key, "before": before},
                    ),
                    *guessed(before, [k for k in keys if k != m.key]),
                )
                found.append(Finding("E300", (*where, "after", before), message, words=words))
    cycle = _anchor_cycle({m.key: m.anchor for m in template if m.anchor not in ("po_date", "ex_factory")})
    if cycle:
        found.append(
            Finding.said(
                "E300",
                ("milestone_templates", name),
                "template {name}: milestones anchor on each other in a circle: {cycle}",
                name=name,
                cycle=" -> ".join(cycle),
            )
        )
    else:
        order = _order_cycle(template)
        if order:
            found.append(
                Finding.said(
                    "E300",
                    ("milestone_templates", name),
                    "template {name}: the order of work goes in a circle: {cycle} "
                    "(offset < 0 puts a milestone before its anchor; `after` puts it after another)",
                    name=name,
                    cycle=" -> ".join(order),
                )
            )
    return found


def _order_cycle(template: list[MilestoneDef]) -> list[str]:
    """A circle in the order of work (the precedences of `gendan.domain.calendar.links`), or []."""
    keys = {m.key for m in template} | {"ex_factory"}
    follows: dict[str, set[str]] = {k: set() for k in keys}  # key -> what must come after it
    for m in template:
        if m.anchor in keys and m.anchor != m.key:
            before, after = (m.anchor, m.key) if m.offset >= 0 else (m.key, m.anchor)
            follows[before].add(after)
        for before in m.after:
            if before in keys and before != m.key:
                follows[before].add(m.key)
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(k: str) -> list[str]:
        state[k] = 1
        path.append(k)
        for n in sorted(follows[k]):
            if state.get(n) == 1:
                return path[path.index(n) :] + [n]
            if n not in state and (found := visit(n)):
                return found
        state[k] = 2
        path.pop()
        return []

    for k in sorted(keys):
        if k not in state and (found := visit(k)):
            return found
    return []


def _check_tracker(config: Config) -> list[Finding]:
    found: list[Finding] = []
    known = config.milestone_keys()
    user_keys = config.tracker_milestones != default_data().get("tracker_milestones")
    for i, key in enumerate(config.tracker_milestones):
        if key not in known and user_keys:  # the default list is cut to the templates' milestones
            message, words = said(("tracker_milestones: unknown milestone '{key}'", {"key": key}), *guessed(key, known))
            found.append(Finding("E300", ("tracker_milestones", i), message, words=words))
    return found


def _anchor_cycle(anchors: dict[str, str]) -> list[str]:
    for start in anchors:
        path = [start]
        node = anchors.get(start)
        while node in anchors:
            if node in path:
                return path[path.index(node) :] + [node]
            path.append(node)
            node = anchors[node]
    return []
