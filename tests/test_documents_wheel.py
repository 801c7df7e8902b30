"""The built-in templates ship in the wheel and are found there (not only in a checkout)."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REFERENCE, ROOT, copy_reference_workspace

pytestmark = pytest.mark.slow


def test_wheel_carries_the_templates_and_renders_from_them(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel here: {built.stderr.strip()[-200:]}")
    wheel = next((tmp_path / "dist").glob("gendan-*.whl"))
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "gendan" / "templates" / "pi.html.j2").is_file()
    ws = tmp_path / "ws"
    copy_reference_workspace(ws)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "from gendan.render import documents; print(documents.builtin_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == site / "gendan" / "templates"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gendan",
            "-C",
            str(ws),
            "doc",
            "SO-2026-0150",
            "pi",
            "--format",
            "md",
            "--as-of",
            "2026-12-01",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    out = ws / "2026" / "SO-2026-0150" / "out" / "pi.md"
    assert out.read_text(encoding="utf-8") == (REFERENCE / "pi.md").read_text(encoding="utf-8")
