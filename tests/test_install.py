"""A non-editable `pip install` of the checkout into a fresh venv works, templates included."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, ROOT, readme_commands

pytestmark = pytest.mark.slow


def test_pip_install_into_a_fresh_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # copy the tree so a build never writes into the checkout (build/, *.egg-info)
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "out", ".gendan", "*.egg-info"
        ),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    # a normal, isolated build: pip fetches the build backend (hatchling) from PyPI
    install = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(src)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    gendan = venv / "bin" / "gendan"
    # The README's first command, as a newcomer runs it from the checkout (its gendan part).
    readme = shlex.split(readme_commands()[0].split(" && ")[-1])
    assert readme[0] == ".venv/bin/gendan"
    overdue = subprocess.run([str(gendan), *readme[1:]], capture_output=True, text=True, env=env, cwd=src, timeout=120)
    assert overdue.returncode == 0, overdue.stderr
    assert overdue.stdout.startswith("order ") and "SO-2026-0127" in overdue.stdout and "at_risk" in overdue.stdout
    shown = subprocess.run(
        [str(gendan), "-C", str(EXAMPLES), "show", "SO-2026-0142", "--as-of", "2026-11-30"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("order         SO-2026-0142\n")
    where = subprocess.run(
        [str(py), "-c", "import gendan, pathlib; print(pathlib.Path(gendan.__file__).parent)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    package = Path(where.stdout.strip())
    assert package.is_relative_to(venv), f"imported from {package}, not the venv"
    assert (package / "templates").is_dir()
    built = sorted(p.relative_to(package / "templates") for p in (package / "templates").rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(ROOT / "templates") for p in (ROOT / "templates").rglob("*") if p.is_file())
    assert built == shipped and built
