"""The `gendan` command group: global options, and every error turned into an exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from gendan import __version__
from gendan.commands.options import DAY
from gendan.core.errors import EXIT_USAGE, GendanError, system_refusal
from gendan.core.text import terminal


@dataclass
class Context:
    """What every command gets: where the workspace is, and what day it is."""

    root: Path | None
    today: date
    debug: bool = False
    cache: bool = True
    lang: str | None = None  # --lang (else $GENDAN_LANG, else gendan.yaml: render/i18n.language_of)

    def workspace(self):
        from gendan.store.workspace import Workspace

        return Workspace.open(self.root, cache=self.cache)


def _sane_process() -> None:
    """Output never crashes on a terminal that is not UTF-8 (characters it cannot show are
    printed as escapes), and a file-size limit is an error to report (EFBIG), not a silent kill."""
    import signal

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


class GendanGroup(click.Group):
    """Turns GendanError into its message and exit code; anything else into one line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GendanError as e:
            message = _in_language(ctx, e)
            click.echo(terminal(f"gendan: {message}" if not e.path else message), err=True)
            ctx.exit(e.exit_code)
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
            click.echo(terminal(f"gendan: {said}"), err=True)
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
    return "\n".join(i18n.problem(lang, p) for p in e.problems)


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
    if root is not None and not root.is_dir():
        raise click.BadParameter(f"{root} is not a folder", param_hint="-C/--root")
    ctx.obj = Context(root=root, today=as_of or date.today(), debug=debug, cache=not no_cache, lang=lang)
    if os.environ.get("NO_COLOR"):
        ctx.color = False


# Every command, one per line as module:function (kept in alphabetical order).
COMMANDS = [
    "advance:advance",
    "aql:aql",
    "calendar:calendar",
    "cancel:cancel",
    "change:change",
    "diff:diff",
    "doc:doc",
    "done:done",
    "hold:hold",
    "import_:import_",
    "init:init",
    "list_:list_",
    "log:log",
    "new:new",
    "overdue:overdue",
    "packing:packing",
    "pay:pay",
    "plan:plan",
    "resume:resume",
    "revise:revise",
    "schema:schema",
    "show:show",
    "site:site",
    "status:status",
    "tracker:tracker",
    "validate:validate",
    "whatif:whatif",
]


def _register() -> None:
    import importlib

    for entry in COMMANDS:
        module, name = entry.split(":")
        cli.add_command(getattr(importlib.import_module(f"gendan.commands.{module}"), name))


_register()
