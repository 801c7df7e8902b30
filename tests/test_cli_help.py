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
