"""The bad-input corpus: every broken file is a located problem with a stable code, never a crash.

Each case in tests/corpus/manifest.csv is validated through the CLI in its own
workspace; the generated cases (too big or too deep to commit) run in a
subprocess, so that a crash of the C parser would show as a dead process.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from gendan.core.errors import CODES
from tests.helpers import CORPUS, make_workspace, run, run_gendan

pytestmark = pytest.mark.slow

AS_OF = "2026-11-30"
PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>E\d{3}) ", re.M)


def manifest() -> list[dict]:
    with open(CORPUS / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


CASES = manifest()


def workspace_for(tmp_path: Path, kind: str, data: bytes) -> Path:
    if kind == "order":
        return make_workspace(tmp_path, {"SO-1/order.yaml": data})
    assert kind == "config"
    root = make_workspace(tmp_path, {}, config=None)
    (root / "gendan.yaml").write_bytes(data)
    return root


def check_output(output: str, exit_code: int, case: dict, shown: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output
    assert exit_code == int(case["exit"]), output
    found = [m.groupdict() for m in PROBLEM.finditer(output)]
    assert len(found) == int(case["problems"]), output
    for p in found:
        assert p["code"] in CODES and int(p["line"]) >= 1 and int(p["col"]) >= 1, output
        assert p["path"].endswith(shown), output
    if case["code"]:
        assert (case["code"], case["line"]) in [(p["code"], p["line"]) for p in found], output


def test_manifest_lists_every_file_once():
    files = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.yaml"))
    assert sorted(c["file"] for c in CASES) == files
    assert len(CASES) >= 60
    assert all(c["code"] == "" or c["code"] in CODES for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_case(tmp_path, case):
    root = workspace_for(tmp_path, case["kind"], (CORPUS / case["file"]).read_bytes())
    result = run(root, "validate", "--as-of", AS_OF)
    shown = "SO-1/order.yaml" if case["kind"] == "order" else "gendan.yaml"
    check_output(result.stdout + result.stderr, result.exit_code, case, shown)


# Generated cases: too big to commit, or the ones that could crash a process.
BASE = (CORPUS / "order" / "crlf-valid.yaml").read_bytes().replace(b"\r\n", b"\n")
GENERATED = {
    "larger-than-1-MiB": (
        BASE + b"notes: |\n" + b"  padding padding padding padding padding\n" * 30_000,
        {"code": "E001", "line": "1", "exit": "1", "problems": "1"},
    ),
    "100000-deep-flow": (
        BASE + b"notes: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        {"code": "E004", "line": "27", "exit": "1", "problems": "1"},
    ),
    "100000-deep-block": (
        BASE + b"changes:\n  - date: 2026-11-01\n    field: x\n    old:\n      " + b"- " * 100_000 + b"x\n",
        {"code": "E004", "line": "31", "exit": "1", "problems": "1"},
    ),
    "100000-deep-mapping": (
        BASE + b"notes: " + b"{a: " * 100_000 + b"1" + b"}" * 100_000 + b"\n",
        {"code": "E004", "line": "27", "exit": "1", "problems": "1"},
    ),
    "deep-through-aliases": (
        BASE
        + b"changes:\n  - date: 2026-11-01\n    field: x\n    old: &a "
        + b"[" * 60
        + b"]" * 60
        + b"\n    new: ["
        + b"[" * 60
        + b"*a"
        + b"]" * 60
        + b"]\n",
        {"code": "E004", "line": "30", "exit": "1", "problems": "1"},
    ),
    "valid-just-under-1-MiB": (
        BASE + b"notes: |\n" + b"  padding padding padding padding padding\n" * 24_000,
        {"code": "", "line": "", "exit": "0", "problems": "0"},
    ),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_case_in_a_subprocess(tmp_path, name):
    data, case = GENERATED[name]
    root = workspace_for(tmp_path, "order", data)
    proc = run_gendan(root, "validate", "--as-of", AS_OF)
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}"
    check_output(proc.stdout + proc.stderr, proc.returncode, case, "SO-1/order.yaml")


# Every command that reads orders meets every broken file: a located problem or a clean
# result, never a crash. (Write commands: `edit.read` refuses an invalid order first.)
READERS = [
    ("list",),
    ("show", "SO-1"),
    ("plan", "SO-1"),
    ("status",),
    ("overdue",),
    ("packing", "SO-1"),
    ("whatif", "--slip", "fabric_in_house=7"),
    ("doc", "SO-1", "pi", "--format", "md"),
    ("tracker", "-o", "{tmp}/tracker.xlsx"),
    ("site", "-o", "{tmp}/site"),
    ("log", "SO-1"),
    ("diff", "SO-1"),
    ("done", "SO-1", "trims_in_house"),
    ("revise", "SO-1", "cutting_start", "2027-01-20", "--reason", "x"),
    ("change", "SO-1", "qty.Black.M", "450", "--requested-by", "a", "--approved-by", "b"),
    ("advance", "SO-1"),
]
LOCATED = re.compile(r"(order\.yaml|gendan\.yaml):\d+:\d+: E\d{3} ")


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_every_command_on_the_corpus(tmp_path, case):
    root = workspace_for(tmp_path, case["kind"], (CORPUS / case["file"]).read_bytes())
    broken = case["code"][:3] in ("E00", "E10")  # the file cannot be read into an order or a config
    for command in READERS:
        args = [a.replace("{tmp}", str(tmp_path)) for a in command]
        result = run(root, "--as-of", AS_OF, *args)
        output = result.stdout + result.stderr
        assert "Usage:" not in output, (command, output)
        assert "Traceback" not in output and "internal error" not in output, (command, output)
        assert result.exit_code in (0, 1, 2), (command, output)
        if broken and command[0] not in ("log", "diff"):
            assert LOCATED.search(output), (command, output)
