"""Record what the report commands print on a workspace, to compare two versions byte for byte.

    python benchmarks/generate.py --orders 1000 --seed 1 /tmp/ws
    PYTHONPATH=/tmp/old python benchmarks/same_output.py /tmp/ws /tmp/out-old   # the old code
    python benchmarks/same_output.py /tmp/ws /tmp/out-new                       # this checkout
    (an optional third argument: where the working copy goes, default /tmp/gendan-same-output-ws)
    diff -r /tmp/out-old /tmp/out-new && echo IDENTICAL

Each run works on a fresh copy of the workspace (caches and written files stay apart; run
the versions one after the other, not at once). Every command's stdout, stderr and exit
code go to OUTDIR/NAME.txt; files a command writes (.ics, the tracker's cells as text, the
site's pages) go beside them.
`gendan` is run as `python -m gendan` with this interpreter, so PYTHONPATH picks the code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

AS_OF = "2026-11-30"


def commands(ids: list[str]) -> dict[str, list[str]]:
    first, mid, last = ids[0], ids[len(ids) // 2], ids[-1]
    out: dict[str, list[str]] = {}
    for fmt in ("table", "csv", "json", "markdown", "html"):
        out[f"overdue-{fmt}"] = ["overdue", "--wide", "--format", fmt]
        out[f"status-{fmt}"] = ["status", "--wide", "--format", fmt]
    for fmt in ("table", "csv", "json", "markdown"):
        out[f"list-{fmt}"] = ["list", "--wide", "--format", fmt]
    out["overdue-narrow"] = ["overdue"]  # fitted to 80 columns
    out["status-narrow"] = ["status"]
    out["list-narrow"] = ["list"]
    out["overdue-within30"] = ["overdue", "--wide", "--within", "30", "--format", "csv"]
    out["overdue-nocache"] = ["--no-cache", "overdue", "--wide", "--format", "json"]
    out["overdue-zh"] = ["--lang", "zh", "overdue", "--wide"]
    out["status-merch"] = ["status", "--wide", "--group-by", "merchandiser"]
    out["status-zh"] = ["--lang", "zh", "status", "--wide"]
    out["validate"] = ["validate"]
    out["validate-nocache"] = ["--no-cache", "validate"]
    out["whatif"] = ["whatif", "--slip", "fabric_in_house=7", "--format", "csv"]
    for name, oid in (("first", first), ("mid", mid), ("last", last)):
        out[f"show-{name}"] = ["show", oid]
        for fmt in ("table", "json", "csv"):
            out[f"plan-{name}-{fmt}"] = ["plan", oid, "--wide", "--format", fmt]
    out["calendar"] = ["calendar", "-o", "{ws}/calendar.ics"]
    out["tracker"] = ["tracker", "-o", "{ws}/tracker.xlsx"]
    out["site"] = ["site", "-o", "{ws}/site"]
    return out


def cells(xlsx: Path) -> str:
    """Every cell of every sheet as text (value and number format): the tracker's content."""
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"## {sheet.title} {sheet.max_row}x{sheet.max_column}")
        for row in sheet.iter_rows():
            lines.append("\t".join(f"{c.value!r}|{c.number_format}" for c in row))
        for rng in sheet.conditional_formatting:
            lines.append(f"cf {rng.sqref} " + " ".join(repr(r.formula) for r in rng.rules))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    source, outdir = Path(argv[0]), Path(argv[1])
    # one fixed place for the copy, so messages that name a path read the same for both versions
    ws = Path(argv[2]) if len(argv) > 2 else Path("/tmp/gendan-same-output-ws")
    for old in (outdir, ws):
        if old.exists():
            shutil.rmtree(old)
    outdir.mkdir(parents=True)
    shutil.copytree(source, ws, ignore=shutil.ignore_patterns(".gendan"))
    ids = sorted(p.parent.name for p in ws.rglob("order.yaml"))
    for name, args in commands(ids).items():
        args = [a.replace("{out}", str(outdir)).replace("{ws}", str(ws)) for a in args]
        done = subprocess.run(
            [sys.executable, "-m", "gendan", "-C", str(ws), "--as-of", AS_OF, *args],
            capture_output=True,
            env={**os.environ, "COLUMNS": "80"},
        )
        (outdir / f"{name}.txt").write_bytes(
            done.stdout + b"\n--- stderr\n" + done.stderr + f"\n--- exit {done.returncode}\n".encode()
        )
    (outdir / "tracker-cells.txt").write_text(cells(ws / "tracker.xlsx"))
    (ws / "tracker.xlsx").unlink()
    shutil.move(str(ws / "calendar.ics"), str(outdir / "calendar.ics"))
    shutil.move(str(ws / "site"), str(outdir / "site"))
    shutil.rmtree(ws)


if __name__ == "__main__":
    main(sys.argv[1:])
