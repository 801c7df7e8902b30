"""The README says what the code does: every error code, every order.yaml key, the opening commands."""

from __future__ import annotations

import dataclasses
import re
import typing

from gendan.core import model
from gendan.core.errors import CODES
from tests.helpers import ROOT, readme_commands

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_readme_lists_every_error_code_exactly():
    rows = dict(re.findall(r"^\| ([EW]\d{3}) \| (.+) \|$", section("Error codes"), re.M))
    assert rows == CODES, "regenerate the README's error-code table from gendan.core.errors.CODES"


def _fields(cls, seen: set) -> set[str]:
    names: set[str] = set()
    if cls in seen:
        return names
    seen.add(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    for f in dataclasses.fields(cls):
        names.add(f.name.rstrip("_"))
        stack = [hints[f.name]]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and dataclasses.is_dataclass(t) and t.__module__ == model.__name__:
                names |= _fields(t, seen)
            stack.extend(typing.get_args(t))
    return names


def test_reference_names_every_order_key():
    ref = section("order.yaml reference")
    missing = sorted(k for k in _fields(model.Order, set()) if f"`{k}`" not in ref)
    assert missing == []


def test_opening_commands_install_and_run_the_examples_and_the_tests():
    run_it, test_it = readme_commands()
    # only Python is needed: a venv, then everything from inside it by its full path
    assert run_it.startswith("python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/gendan ")
    assert run_it.endswith(" -C examples/orders --as-of 2026-11-30 overdue")  # test_install.py runs it
    assert test_it == "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q"


def test_ci_runs_the_readme_test_command_verbatim_after_the_checks_on_a_bare_path():
    _, test_it = readme_commands()
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in ci if line and not line.startswith("#")]
    assert commands.count(test_it) == 1, "the README's test command must appear verbatim in .ci/run"
    at = commands.index(test_it)
    path = commands.index('export PATH="$ONLY_PYTHON:/usr/local/bin:/usr/bin:/bin"')
    checks = [commands.index(f".venv/bin/{check}") for check in ("ruff check", "ruff format --check", "lint-imports")]
    checks.append(next(i for i, c in enumerate(commands) if c.startswith(".venv/bin/mypy")))
    assert path < min(checks) and max(checks) < at
    assert commands[0] == "set -euo pipefail" and "exec </dev/null # nothing may wait for input" in commands
    assert "export CI=true" in commands
