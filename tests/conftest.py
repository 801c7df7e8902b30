"""Shared test helpers: workspaces built per test, and the CLI run on them."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gendan.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "orders"


def make_workspace(tmp_path: Path, files: dict[str, str | bytes], config: str = "company: {name: Test Co}\n") -> Path:
    """A workspace in tmp_path with gendan.yaml and the given files (text is dedented)."""
    root = tmp_path / "ws"
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "gendan.yaml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A private copy of examples/orders."""
    dest = tmp_path / "examples"
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns("out", ".gendan"))
    return dest


def run(root: Path | None, *args: str, input: str | None = None, env: dict | None = None):
    """Run gendan in-process on a workspace; returns click's Result (stdout/stderr apart)."""
    runner = CliRunner()
    argv = (["-C", str(root)] if root is not None else []) + list(args)
    return runner.invoke(cli, argv, input=input, env=env, catch_exceptions=False)
