"""Options shared by several commands, named once."""

from __future__ import annotations

import functools
from datetime import date
from typing import NoReturn

import click

from gendan.commands import complete

FORMATS = ("table", "json", "csv", "markdown")


class DayType(click.ParamType):
    """A date as people type it (gendan/core/dates.py: 2026-12-02, 2026/12/02, 2026年12月2日,
    today, yesterday); `today` counts from the global --as-of, else the real date."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from gendan.core.dates import in_range, parse_day

        root = ctx.find_root().obj if ctx is not None else None
        try:  # then the range every date of an order keeps (1990-2100)
            return in_range(parse_day(value, getattr(root, "today", None)))
        except ValueError as e:
            _bad_date(e, param, ctx)


DAY = DayType()


class WhenType(DayType):
    """A date (as DayType), or `+3` / `-2` working days from the as-of date: returned as a
    `gendan.core.dates.WorkingDays` for `on_calendar` to count once the workspace is open."""

    def convert(self, value, param, ctx):
        from gendan.core.dates import WorkingDays, parse_when

        if isinstance(value, (date, WorkingDays)):
            return value
        try:
            found = parse_when(value)
        except ValueError as e:
            _bad_date(e, param, ctx)
        if isinstance(found, WorkingDays):
            return found
        return super().convert(value, param, ctx)


WHEN = WhenType()


def _bad_date(e: ValueError, param, ctx) -> NoReturn:
    """A date refused (gendan.core.dates), as click's bad value with the parser's words."""
    raise WordedBadParameter((str(e), getattr(e, "words", ())), ctx, param)


def on_calendar(value, config, today: date, hint: str = "DATE") -> date:
    """A WHEN value as a date: `+N` / `-N` counted in working days from `today` on the
    workspace's calendar (gendan/domain/calendar.py: its weekdays, public holidays and closures);
    a date as it is. A result outside the dates an order may hold is a usage error."""
    from gendan.core.dates import WorkingDays

    if not isinstance(value, WorkingDays):
        return value
    from gendan.core.model import _date
    from gendan.domain.calendar import calendar_for

    per_year = max(1, len(config.workdays) * 48)  # fewer than there are: the holidays cover every year reached
    span = abs(value.days) // per_year + 1
    cal = calendar_for(config, range(today.year - span, today.year + span + 1))
    try:
        return _date(cal.add(today, value.days))
    except ValueError as e:
        from gendan.core.errors import said

        head, head_words = said(("{days} working days from {today}: ", {"days": str(value), "today": today}))
        words = getattr(e, "words", ())  # (a refusal of gendan.core.dates says its words)
        raise WordedBadParameter((head + str(e), head_words + words if words else ()), param_hint=hint) from None


def echo(message: object = "", err: bool = False, nl: bool = True) -> None:
    """Print for a person: every command prints through here, so every string passes the one
    terminal sanitiser (`gendan.core.text.terminal`: control characters, OSC/CSI escapes and bidi
    overrides shown escaped; JSON stays valid). A value that must stay on its own line (a folder
    name, a commit subject, a cell's text) is `one_line`d where the line is made."""
    from gendan.core.text import terminal

    click.echo(terminal(str(message)), err=err, nl=nl)


def words(ctx: click.Context, config=None):
    """The words of this run (gendan.render.i18n.Words): --lang, else $GENDAN_LANG, else `language`
    in gendan.yaml (`config`; None outside a workspace)."""
    from gendan.render.i18n import Words, language_of

    root = ctx.find_root().obj
    return Words(language_of(getattr(root, "lang", None), config.language if config else "en"), config)


def say(ctx: click.Context, config, english: tuple[str, tuple]) -> str:
    """A message made by `gendan.core.errors.said` in the words of this run."""
    text, pieces = english
    w = words(ctx, config)
    return text if w.lang == "en" else w.pieces(pieces)


class WordedUsageError(click.UsageError):
    """A usage error worded by `gendan.core.errors.said`: its words (`words`) say it in the user's
    language (gendan/cli.py)."""

    def __init__(self, english: tuple[str, tuple], ctx: click.Context | None = None) -> None:
        super().__init__(english[0], ctx)
        self.words = english[1]


class WordedBadParameter(click.BadParameter):
    """A bad value, worded by `gendan.core.errors.said` (`words`: said in the user's language)."""

    def __init__(self, english: tuple[str, tuple], ctx=None, param=None, param_hint=None) -> None:
        super().__init__(english[0], ctx, param, param_hint)
        self.words = english[1]


as_of = click.option(
    "--as-of",
    "as_of",
    type=DAY,
    default=None,
    help="Take this date as today, for reproducible reports (2026-12-02, 2026/12/02, 2026年12月2日, yesterday).",
)


def _set_wide(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    from gendan.render.tables import set_wide

    set_wide(value)


wide = click.option(
    "--wide",
    is_flag=True,
    expose_value=False,
    callback=_set_wide,
    help="Print tables whole: no column left out or shortened to fit the terminal.",
)


def output_format(*choices: str, default: str = "table"):
    """The --format option, with the formats a command offers (and --wide where one is a table)."""
    choices = choices or FORMATS
    fmt = click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )
    if "table" not in choices:
        return fmt
    return lambda f: wide(fmt(f))


order_id = click.argument("order_id", metavar="ID", shell_complete=complete.order_ids)

by = click.option(
    "--by",
    "by",
    default=None,
    metavar="NAME",
    shell_complete=complete.people,
    help="Who does this (default: $GENDAN_USER, git user.name, or the login name).",
)


def filters(*, owner: bool = False):
    """--stage (repeatable), --customer, --merchandiser, --factory (and, with `owner`, --owner),
    handed to the command as one `filters` argument (a `gendan.reports.filters.Filters`).
    How they match and what is refused: gendan/reports/filters.py."""
    name_help = "Only {what} name contains TEXT, in any case ({example})."
    added = [
        click.option(
            "--stage",
            "stages",
            multiple=True,
            metavar="STAGE",
            shell_complete=complete.any_stage,
            help="Only orders at this stage (repeatable: at any of them).",
        ),
        click.option(
            "--customer",
            metavar="TEXT",
            default=None,
            help=name_help.format(what="orders whose customer's", example="nordic: Nordic Outdoor AS"),
        ),
        click.option(
            "--merchandiser",
            metavar="TEXT",
            default=None,
            shell_complete=complete.people,
            help=name_help.format(what="orders whose merchandiser's", example="chen: Chen Li"),
        ),
        click.option(
            "--factory",
            metavar="TEXT",
            default=None,
            help=name_help.format(what="orders whose factory's", example="hongda: Ningbo Hongda Garment Co."),
        ),
    ]
    if owner:
        added.append(
            click.option(
                "--owner",
                metavar="TEXT",
                default=None,
                shell_complete=complete.people,
                help=name_help.format(what="items whose owner's", example="li: Li Na"),
            )
        )

    def decorate(f):
        @functools.wraps(f)
        def command(*args, stages, customer, merchandiser, factory, **kwargs):
            from gendan.reports.filters import Filters

            who = kwargs.pop("owner", None) if owner else None
            chosen = Filters(tuple(stages), customer, merchandiser, factory, who)
            return f(*args, filters=chosen, **kwargs)

        for option in reversed(added):
            command = option(command)
        return command

    return decorate


def today(ctx: click.Context, as_of_value) -> date:
    """The command's --as-of, else the global one, else the real date."""
    if as_of_value is not None:
        return as_of_value
    return ctx.find_root().obj.today


override = click.option(
    "--override",
    is_flag=True,
    help="Move even though gates are not met: a special approval (特批), needs --approved-by and --reason.",
)
approved_by = click.option(
    "--approved-by",
    metavar="NAME",
    default=None,
    shell_complete=complete.people,
    help="Who grants the special approval or the change.",
)
reason = click.option("--reason", metavar="TEXT", default=None, help="Why (written to the order's history).")


def who(by: str | None, root) -> str:
    """Who acts: --by, else $GENDAN_USER, else `git config user.name`, else the login name."""
    import os
    import subprocess

    if by and by.strip():
        return by.strip()
    env = os.environ.get("GENDAN_USER", "").strip()
    if env:
        return env
    try:
        out = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
