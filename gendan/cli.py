"""The `gendan` command group: global options, and every error turned into an exit code.

Start-up stays fast (`gendan --help` costs little more than a bare click app): a command's
module is imported only when that command runs, `--help` lists the commands from the
summaries in `COMMANDS`, and the error machinery is imported when a command is invoked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from datetime import date
from gettext import gettext as _
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gendan import __version__
from gendan.commands.options import DAY

if TYPE_CHECKING:
    from gendan.core.errors import GendanError


class Context:
    """What every command gets: where the workspace is, and what day it is."""

    __slots__ = ("root", "today", "debug", "cache", "lang")

    def __init__(
        self, root: Path | None, today: date, debug: bool = False, cache: bool = True, lang: str | None = None
    ) -> None:
        self.root = root
        self.today = today
        self.debug = debug
        self.cache = cache
        self.lang = lang  # --lang (else $GENDAN_LANG, else gendan.yaml: render/i18n.language_of)

    def __repr__(self) -> str:
        return f"Context(root={self.root!r}, today={self.today!r}, debug={self.debug}, cache={self.cache})"

    def workspace(self):
        from gendan.store.workspace import Workspace

        return Workspace.open(self.root, cache=self.cache)


def _sane_process() -> None:
    """Output never crashes on a terminal that is not UTF-8 (characters it cannot show are
    printed as escapes), and a file-size limit is an error to report (EFBIG), not a silent kill."""
    import signal

    from gendan.core.errors import system_refusal

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf_8") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    default_hook = sys.unraisablehook

    def unraisable(u) -> None:  # a library's cleanup after a disk-full write: already reported
        if not (isinstance(u.exc_value, OSError) and system_refusal(u.exc_value)):
            default_hook(u)

    sys.unraisablehook = unraisable
    if hasattr(signal, "SIGXFSZ"):
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        except ValueError:  # not the main thread (tests running the CLI in a thread)
            pass


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name; each one's module is imported the first time it is asked for."""

    def __init__(self, entries: list[tuple[str, str, str]]) -> None:
        self._where = {name: where for name, where, _summary in entries}
        self._summary = {name: summary for name, _where, summary in entries}
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        command = self._loaded.get(name)
        if command is None:
            import importlib

            module, attr = self._where[name].split(":")  # KeyError: no such command
            command = self._loaded[name] = getattr(importlib.import_module(f"gendan.commands.{module}"), attr)
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command
        self._where.setdefault(name, "")

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)
        self._summary.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def short_help(self, name: str, limit: int) -> str:
        """What `--help` lists for `name`: its summary cut to `limit` the way click cuts it."""
        if name in self._loaded or name not in self._summary:
            return self[name].get_short_help_str(limit)
        return click.Command(name, help=self._summary[name]).get_short_help_str(limit)


# Every command: its name, where it is (module:function) and its summary, the first line of its
# docstring (what `gendan --help` lists without importing it; tests/test_cli_help.py checks that
# they agree). In alphabetical order.
COMMANDS = [
    ("advance", "advance:advance", "Move an order to its next stage (or --to another) if the gates allow."),
    ("aql", "aql:aql", "Print the ISO 2859-1 single sampling plan (normal inspection) for a lot."),
    ("calendar", "calendar:calendar", "Write the open milestones as a calendar feed (.ics) for phones and Outlook."),
    ("cancel", "cancel:cancel", "Cancel an order (取消); it never moves again."),
    ("change", "change:change", "Change a quantity, a price, the ex-factory date or the packing, logged (R9)."),
    ("diff", "diff:diff", "Show which fields of an order changed since a revision or a date."),
    ("doc", "doc:doc", "Write a document (PI, production notice, PO, packing list...) from an order."),
    ("done", "done:done", "Record that milestones of the T&A calendar have happened (all of them, or none)."),
    ("hold", "hold:hold", "Put an order on hold (暂停), keeping the stage it was at."),
    (
        "import",
        "import_:import_",
        "Create order folders from an Excel order tracking sheet (订单跟踪表), one row per order.",
    ),
    ("init", "init:init", "Create a workspace: gendan.yaml with the defaults, .gitignore, order.schema.json."),
    ("list", "list_:list_", "List the orders, one line each: customer, style, stage, pieces, value, ex-factory."),
    (
        "log",
        "log:log",
        "Show an order's timeline: its history entries and the git commits that changed it, field by field.",
    ),
    ("new", "new:new", "Start a new order: a folder with a commented order.yaml at stage inquiry."),
    ("overdue", "overdue:overdue", "List late and soon-due milestones, money and sample blockers, and orders at risk."),
    ("packing", "packing:packing", "Print an order's packing plan: carton numbers, pieces, weights and CBM."),
    ("pay", "pay:pay", "Record money received on an order (partial payments add up)."),
    ("plan", "plan:plan", "Show the T&A calendar the template computes beside the order's dates."),
    ("resume", "resume:resume", "Take an order off hold, back to the stage it was held at."),
    (
        "revise",
        "revise:revise",
        "Give a milestone a revised due date, with the reason; shows the forecast ex-factory.",
    ),
    ("schema", "schema:schema", "Print the JSON Schema of order.yaml (draft-07, for editors and CI)."),
    ("show", "show:show", "Show one order at a glance: quantities, value, payments, next milestones."),
    (
        "site",
        "site:site",
        "Write static status pages (pipeline, orders, customer folders) and calendar feeds per owner.",
    ),
    (
        "status",
        "status:status",
        "Show the pipeline: orders, pieces and value per stage; risks, holds, ex-factory soon.",
    ),
    ("tracker", "tracker:tracker", "Write the order tracking workbook (订单跟踪表) as Excel."),
    ("validate", "validate:validate", "Check orders against the order format and the company's rules."),
    (
        "whatif",
        "whatif:whatif",
        "Show which deliveries a milestone slip would make late, using the orders' forecast.",
    ),
]


class GendanGroup(click.Group):
    """Turns GendanError into its message and exit code; anything else into one line.

    Its commands are `COMMANDS`, each imported when it is first asked for (`_Commands`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commands: _Commands = _Commands(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of commands, from the summaries: no command is imported for `--help`."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)  # as click.Group's
        rows = [(name, self.commands.short_help(name, limit)) for name in names]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """click's, with a usage error in the gendan options said in the user's language."""
        given = list(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            _usage_in_language(e, None, given)
            raise

    def invoke(self, ctx: click.Context):
        from gendan.core.errors import EXIT_USAGE, GendanError, system_refusal
        from gendan.core.text import terminal

        given = [*ctx._protected_args, *ctx.args]  # (before click takes them)
        try:
            return super().invoke(ctx)
        except GendanError as e:
            message = _in_language(ctx, e)
            click.echo(terminal(f"gendan: {message}" if not e.path else message), err=True)
            ctx.exit(e.exit_code)
        except click.UsageError as e:
            _usage_in_language(e, ctx, given)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("gendan: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except OSError as e:
            said = system_refusal(e)
            if said is None or (ctx.obj is not None and ctx.obj.debug):
                raise
            click.echo(terminal("gendan: " + _in_language(ctx, GendanError.worded(said))), err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as e:  # a bug: one line, never a traceback, unless --debug
            if ctx.obj is not None and ctx.obj.debug:
                raise
            click.echo(
                terminal(
                    f"gendan: internal error: {type(e).__name__}: {e} "
                    "(run again with --debug for the traceback, and please report it)"
                ),
                err=True,
            )
            ctx.exit(EXIT_USAGE)


def _in_language(ctx: click.Context, e: GendanError) -> str:
    """An error in the user's language (--lang, $GENDAN_LANG, else gendan.yaml's `language` when
    gendan.yaml itself reads): an unreadable file's problems, or a message raised with its words."""
    from gendan.core.errors import InvalidFile

    if not isinstance(e, InvalidFile) and not e.words:
        return str(e)
    from gendan.render import i18n

    config = None
    if ctx.obj is not None:
        try:  # its language, and its names of stages and milestones
            config = ctx.obj.workspace().config
        except Exception:  # no workspace, or gendan.yaml is the broken file
            config = None
    lang = i18n.language_of(ctx.obj.lang if ctx.obj is not None else None, config.language if config else "en")
    if not isinstance(e, InvalidFile):
        return i18n.error(lang, config, e)
    words = i18n.Words(lang, config)
    return "\n".join(i18n.problem(words, p) for p in e.problems)


def _usage_in_language(e: click.UsageError, ctx: click.Context | None, args: list[str]) -> None:
    """A usage error said in the user's language, then exit 2 (click's code for it); in English,
    nothing: click says it. The language: --lang before the command, $GENDAN_LANG, else gendan.yaml's
    `language` when the workspace reads (-C / $GENDAN_ROOT / the current folder)."""
    if isinstance(e, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        return  # `gendan` alone: click prints the help (in English, as every --help)
    obj = ctx.obj if ctx is not None else None
    params = ctx.find_root().params if ctx is not None else {}  # the group's options, once parsed
    chosen = obj.lang if obj is not None else params.get("lang") or _global_option(args, "--lang")
    from gendan.render import i18n

    lang = i18n.language_of(chosen, "en")
    if lang == "en" and chosen is None and not os.environ.get("GENDAN_LANG", "").strip():
        lang = i18n.language_of(None, _configured_language(obj, args, params.get("root")))
    if lang == "en":
        return
    from gendan.commands.usage import usage_text
    from gendan.core.text import terminal

    click.echo(terminal(usage_text(e, i18n.Words(lang))), err=True)
    raise click.exceptions.Exit(e.exit_code)


_GLOBAL_VALUES = {"-C", "--root", "--as-of", "--lang"}  # the group's options that take a value


def _global_option(args: list[str], name: str) -> str | None:
    """The value of one of the group's options in the arguments before the command, if given."""
    found, it = None, iter(args)
    for arg in it:
        option, eq, value = arg.partition("=")
        if option in _GLOBAL_VALUES:
            value = value if eq else next(it, "")
            if option == name or (name == "--root" and option == "-C"):
                found = value
        elif not arg.startswith("-") or arg == "--":
            break  # the command: what follows is its own
    return found


def _configured_language(obj: Context | None, args: list[str], root: Path | None = None) -> str:
    """gendan.yaml's `language`, when the workspace reads; else en."""
    try:
        if obj is not None:
            return obj.workspace().config.language
        from gendan.store.workspace import Workspace

        folder = root or _global_option(args, "--root") or os.environ.get("GENDAN_ROOT") or None
        return Workspace.open(Path(folder) if folder else None).config.language
    except Exception:  # no workspace, or gendan.yaml does not read: English
        return "en"


@click.group(
    cls=GendanGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run `gendan COMMAND --help` for a command's options. Example: gendan -C examples/orders list",
)
@click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="GENDAN_ROOT",
    help="Workspace folder (default: the folder holding gendan.yaml, here or above; env GENDAN_ROOT).",
)
@click.option(
    "--as-of",
    type=DAY,
    default=None,
    help="Take this date as today, for every command (2026-12-02, 2026/12/02, 2026年12月2日, yesterday).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    help="Language of the reports (default: $GENDAN_LANG, else language in gendan.yaml).",
)
@click.option("--no-cache", is_flag=True, help="Read every order file afresh, ignoring the parse cache.")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an internal error.")
@click.version_option(__version__, "-V", "--version", prog_name="gendan")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, as_of, lang: str | None, no_cache: bool, debug: bool) -> None:
    """跟单 gendan: follow export garment orders from PO to payment, over plain files."""
    _sane_process()
    folder = root
    if folder is not None and not folder.is_dir():
        from gendan.commands.options import WordedBadParameter
        from gendan.core.errors import said

        raise WordedBadParameter(said(("{folder} is not a folder", {"folder": folder})), param_hint="-C/--root")
    ctx.obj = Context(root=folder, today=as_of or date.today(), debug=debug, cache=not no_cache, lang=lang)
    if os.environ.get("NO_COLOR"):
        ctx.color = False
