"""Every command documents itself: a one-line docstring, help on every option, an example."""

from __future__ import annotations

import click
import pytest

from gendan.cli import COMMANDS, cli
from tests.helpers import run_gendan


def test_python_m_gendan_help():
    proc = run_gendan(None, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: gendan [OPTIONS] COMMAND [ARGS]...")
    for name in ("init", "new", "show", "list", "validate"):
        assert f"\n  {name} " in proc.stdout


def test_every_registered_command_is_in_the_group():
    assert len(cli.commands) == len(COMMANDS)
    assert COMMANDS == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_one_line_docstring_option_help_and_example(name):
    cmd = cli.commands[name]
    summary = (cmd.help or "").strip().split("\n\n")[0]
    assert summary and "\n" not in summary, f"{name}: the docstring must start with a one-line summary"
    assert len(summary) <= 100 and summary.endswith((".", ")")), f"{name}: summary too long or unfinished"
    assert cmd.epilog and "gendan " in cmd.epilog, f"{name}: epilog example missing"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name}: option {param.opts} has no help"


def test_group_options_have_help():
    assert all(p.help for p in cli.params if isinstance(p, click.Option))


def test_the_summaries_in_commands_are_the_commands_docstrings():
    """`gendan --help` lists COMMANDS' summaries without importing the commands: they must say
    what each command's own help says, cut the way click cuts it at any width."""
    import importlib

    for name, where, summary in COMMANDS:
        module, attr = where.split(":")
        command = getattr(importlib.import_module(f"gendan.commands.{module}"), attr)
        assert command.name == name
        assert (command.help or "").strip().split("\n\n")[0] == summary, f"update {name}'s summary in gendan/cli.py"
        assert not command.hidden and not command.deprecated and not command.short_help
        stub = click.Command(name, help=summary)
        for limit in (20, 45, 74, 200):
            assert stub.get_short_help_str(limit) == command.get_short_help_str(limit), (name, limit)


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_help_imports_no_command_and_lists_what_click_would(columns):
    """The listing from the summaries is byte for byte click's own listing of the imported commands."""
    import subprocess
    import sys

    from tests.helpers import ROOT

    code = (
        "import sys, io, contextlib, runpy\n"
        "import click\n"
        "sys.argv = ['gendan', '--help']\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n        runpy.run_module('gendan', run_name='__main__')\n    except SystemExit:\n        pass\n"
        "from gendan.cli import COMMANDS\n"
        "modules = {'gendan.commands.' + where.split(':')[0] for _, where, _ in COMMANDS}\n"
        "imported = sorted(m for m in sys.modules if m in modules)\n"
        "from gendan.cli import cli\n"
        "ctx = click.Context(cli, info_name='gendan')\n"
        "loaded = [cli.commands[name] for name in list(cli.commands)]\n"
        "formatter = ctx.make_formatter()\n"
        "click.Group.format_commands(cli, ctx, formatter)\n"
        "print(repr((imported, len(loaded), out.getvalue(), formatter.getvalue())))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": columns},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    imported, loaded, printed, listed = eval(done.stdout.strip().splitlines()[-1])
    assert imported == []  # --help imported no command's module (helpers like options may be)
    assert loaded == len(COMMANDS) and printed.count("\n  ") > loaded
    assert "\nCommands:\n" + listed.split("Commands:\n", 1)[1] in printed  # click's own listing, once imported


def test_an_unknown_command_is_still_refused():
    proc = run_gendan(None, "lst")
    assert proc.returncode == 2
    assert "No such command 'lst'" in proc.stderr
