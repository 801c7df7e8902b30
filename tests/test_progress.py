"""Progress bars (README "Progress"): on a terminal, `tracker`, `site`, `validate` and `import`
draw a bar on stderr; anywhere else (a pipe, a file, cron, CI) they write exactly what they
wrote before, byte for byte. The terminal is a real pseudo-terminal (python's pty module)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from gendan.commands import progress
from gendan.core.progress import steps
from tests.helpers import gendan_argv, process_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

AS_OF = "2026-11-30"


def on_terminal(args: list[str], env: dict[str, str], timeout: float = 120) -> tuple[int, bytes, bytes]:
    """Run gendan with stderr on a pseudo-terminal and stdout in a pipe: (exit code, stdout, what
    the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    shown = bytearray()
    out = bytearray()
    assert proc.stdout is not None
    streams = {master: shown, proc.stdout.fileno(): out}
    while streams:
        ready, _, _ = select.select(list(streams), [], [], timeout)
        assert ready, "gendan did not finish"
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                data = b""
            if data:
                streams[fd].extend(data)
            else:
                del streams[fd]
    os.close(master)
    return proc.wait(timeout=timeout), bytes(out), bytes(shown)


def in_a_pipe(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def tracking_sheet(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["订单号", "客户", "颜色", "数量", "单价", "币种", "交期"])
    for i in range(1, 6):
        ws.append([f"SO-2027-{i:04d}", "Acme", "Black", 100 * i, 9.5, "USD", "2027/3/1"])
    wb.save(path)
    return path


def commands(root: Path, tmp: Path) -> dict[str, list[str]]:
    book = tracking_sheet(tmp / "tracker-in.xlsx")
    return {
        "validate": gendan_argv(root, "--no-cache", "--as-of", AS_OF, "validate"),
        "tracker": gendan_argv(root, "--as-of", AS_OF, "tracker", "-o", str(root / "out" / "tracker.xlsx")),
        "site": gendan_argv(root, "--as-of", AS_OF, "site", "-o", str(root / "out" / "site")),
        "import": gendan_argv(root, "--as-of", AS_OF, "import", str(book), "--dry-run"),
    }


LABELS = {
    "validate": [b"reading orders", b"checking orders"],
    "tracker": [b"reading orders", b"forecasting"],
    "site": [b"reading orders", b"order pages", b"writing pages"],
    "import": [b"reading rows", b"checking orders"],
}


@pytest.mark.parametrize("command", sorted(LABELS))
def test_a_bar_on_the_terminal_and_the_same_output_elsewhere(examples, tmp_path, command):
    env = process_env(GENDAN_PROGRESS_DELAY="0", TERM="xterm", COLUMNS="100")
    argv = commands(examples, tmp_path)[command]
    code, out, shown = on_terminal(argv, env)
    for label in LABELS[command]:
        assert label in shown, (label, shown)
    assert b"100%" in shown and b"[####" in shown
    assert b"Traceback" not in shown
    # the same command in a pipe: the same exit code and stdout, and no bar (nothing but what the
    # command itself says on stderr: on the examples, nothing at all)
    code2, out2, err2 = in_a_pipe(argv, env)
    assert (code2, out2) == (code, out)
    assert err2 == b""
    if command == "validate":
        assert out.endswith(b"14 orders checked, no problems, 2 warnings\n")
    if command == "tracker":
        assert out == b"" and (examples / "out" / "tracker.xlsx").stat().st_size > 10_000
    if command == "import":
        assert b"5 would create, 0 already there, 0 rows not imported" in out


def test_no_bar_on_a_dumb_terminal_or_with_stderr_in_a_file(examples, tmp_path):
    argv = gendan_argv(examples, "--no-cache", "--as-of", AS_OF, "validate")
    code, out, shown = on_terminal(argv, process_env(GENDAN_PROGRESS_DELAY="0", TERM="dumb"))
    assert (code, shown) == (0, b"") and out.endswith(b"14 orders checked, no problems, 2 warnings\n")
    with open(tmp_path / "err.txt", "wb") as err:
        done = subprocess.run(
            argv, stdout=subprocess.PIPE, stderr=err, env=process_env(GENDAN_PROGRESS_DELAY="0"), timeout=120
        )
    assert done.returncode == 0 and (tmp_path / "err.txt").read_bytes() == b""


def test_a_quick_step_shows_no_bar(monkeypatch):
    """The bar appears only once a step has taken longer than the delay: a clock that does not
    move shows nothing; one that moves a second a step shows the bar after the first item."""
    shown = io.StringIO()
    monkeypatch.setattr(sys, "stderr", shown)
    monkeypatch.delenv("GENDAN_PROGRESS_DELAY", raising=False)
    monkeypatch.setattr(progress.time, "monotonic", lambda: 100.0)
    assert list(progress.bar(range(5), "counting", 5)) == [0, 1, 2, 3, 4]
    assert shown.getvalue() == ""
    ticks = iter(range(1000))
    monkeypatch.setattr(progress.time, "monotonic", lambda: float(next(ticks)))
    assert list(progress.bar(range(5), "counting", 5)) == [0, 1, 2, 3, 4]
    assert "counting" in shown.getvalue()  # (click writes only the label where it is not a terminal)


def test_without_a_progress_the_items_are_passed_through_untouched():
    items = [3, 1, 2]
    assert steps(items, "x", None) is items
    seen = []

    def watch(it, label, length):
        seen.append((label, length))
        return iter(it)

    assert list(steps(items, "sorting", watch)) == items and seen == [("sorting", 3)]
    assert list(steps(iter(items), "sorting", watch, 3)) == items and seen[-1] == ("sorting", 3)
    assert progress.terminal() is None  # pytest's stderr is not a terminal
