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
from datetime import date
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
    "tracker": [b"reading orders", b"forecasting", b"writing sheets", b"compressing"],
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
        # the workbook written in the pipe is the one written on the terminal, byte for byte
        code3, _, shown3 = on_terminal(argv, env)
        assert code3 == code and b"writing sheets" in shown3
        assert (examples / "out" / "tracker.xlsx").read_bytes() == tracker_bytes_of(examples, env)
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


def tracker_bytes_of(root: Path, env: dict[str, str]) -> bytes:
    """The tracker of `root` written with stderr in a pipe (no bar), as bytes."""
    out = root / "out" / "tracker-pipe.xlsx"
    done = subprocess.run(
        gendan_argv(root, "--as-of", AS_OF, "tracker", "-o", str(out)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    return out.read_bytes()


@pytest.mark.parametrize("where", ["CI", "cron"])
def test_no_tracker_bar_under_ci_or_cron(examples, tmp_path, where):
    """As .ci/run runs (CI=true, no stdin, stderr in a pipe) and as cron does (a bare environment,
    stdout and stderr into a file): the tracker writes nothing but its workbook, the same bytes as
    the one written on a terminal, where the bar shows every step."""
    out = examples / "out" / "tracker.xlsx"
    argv = gendan_argv(examples, "--as-of", AS_OF, "tracker", "-o", str(out))
    code, _, shown = on_terminal(argv, process_env(GENDAN_PROGRESS_DELAY="0", TERM="xterm"))
    assert code == 0 and all(label in shown for label in LABELS["tracker"]), shown
    on_tty = out.read_bytes()
    out.unlink()
    if where == "CI":
        env = process_env(GENDAN_PROGRESS_DELAY="0", CI="true", TERM="xterm")
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=120)
        said = done.stdout + done.stderr
    else:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": os.environ.get("HOME", "/"),
            "PYTHONPATH": process_env()["PYTHONPATH"],
            "GENDAN_PROGRESS_DELAY": "0",
        }
        with open(tmp_path / "cron.log", "wb") as log:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, timeout=120)
        said = (tmp_path / "cron.log").read_bytes()
    assert (done.returncode, said) == (0, b"")
    assert out.read_bytes() == on_tty


class Recorded:
    """A Progress that keeps, for each step, its label, length, how many items went through and
    how it ended ("done", or "stopped" when the step was left early)."""

    def __init__(self) -> None:
        self.steps: list[dict] = []

    def __call__(self, items, label, length):
        step = {"label": label, "length": length, "counted": 0, "ended": None}
        self.steps.append(step)

        def counted():
            try:
                for item in items:
                    yield item
                    step["counted"] += 1
            except GeneratorExit:
                step["ended"] = "stopped"
                raise
            step["ended"] = "done"

        return counted()


def test_the_trackers_write_phase_counts_every_row_and_every_piece(examples):
    """The tracker's steps: forecasting (one order at a time), writing sheets (every row of the
    four sheets), compressing (the sheets into the file); each counted to its end, and the
    workbook's bytes are those written without a progress."""
    import openpyxl

    from gendan.render.excel import tracker_bytes
    from gendan.store.workspace import Workspace

    ws = Workspace.open(examples)
    orders = [lo.order for lo in ws.load_all()[0]]
    today = date(2026, 11, 30)
    recorded = Recorded()
    shown = tracker_bytes(orders, ws.config, today, "zh", progress=recorded)
    assert shown == tracker_bytes(orders, ws.config, today, "zh")
    book = openpyxl.load_workbook(io.BytesIO(shown), read_only=True)
    rows = sum(sum(1 for _ in sheet.iter_rows()) - 1 for sheet in book.worksheets)
    assert rows > len(orders) * 10  # the Milestones sheet: a row per milestone
    assert [(s["label"], s["length"], s["counted"], s["ended"]) for s in recorded.steps[:2]] == [
        ("forecasting", 14, 14, "done"),
        ("writing sheets", rows, rows, "done"),
    ]
    (compressing,) = recorded.steps[2:]
    assert compressing["label"] == "compressing" and compressing["ended"] == "done"
    assert compressing["counted"] >= compressing["length"] == 4  # each sheet under a MiB: one piece each


def test_a_failed_write_ends_its_bar_before_the_error_is_told(examples, monkeypatch):
    from gendan.render import excel
    from gendan.store.workspace import Workspace

    ws = Workspace.open(examples)
    orders = [lo.order for lo in ws.load_all()[0]]

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(excel, "_due_rules", full)  # after the Orders sheet's rows are written
    recorded = Recorded()
    with pytest.raises(OSError, match="No space left"):
        excel.tracker_bytes(orders, ws.config, date(2026, 11, 30), "en", progress=recorded)
    writing = recorded.steps[-1]
    assert writing["label"] == "writing sheets" and writing["ended"] == "stopped"
    assert 0 < writing["counted"] < writing["length"]
