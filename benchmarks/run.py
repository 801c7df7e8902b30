"""Benchmark gendan against the floors it cannot beat, side by side, and write RESULTS.md.

    python benchmarks/run.py                      # N = 1,000 and 10,000, 3 runs each (~12 minutes idle)
    python benchmarks/run.py --sizes 1000 --runs 5
    python benchmarks/run.py --small              # CI: 20 orders, 1 run, proves it works
    python benchmarks/run.py --profile overdue --sizes 10000   # where one command's time goes

Every measurement is a fresh process (so interpreter start-up is in every number, floors
included), timed from outside; the median of `--runs` runs is reported, with the peak
resident memory of the measured process (ru_maxrss of its wait) and its CPU time (user +
system: on a shared machine it moves less than the wall time). A run that takes more than
SLOW_S is repeated once, not `--runs` times. gendan's modules are compiled to bytecode first
and PYTHONDONTWRITEBYTECODE is dropped, as for an installed package (else every run would
compile gendan's sources again). Workspaces come from benchmarks/generate.py (seeded, so
every run measures the same files) and live in benchmarks/work/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

AS_OF = str(generate.TODAY)

# Runs `argv` as a child and prints its wall time, peak RSS (KiB), exit code and CPU time.
WRAP = """\
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
dt = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(dt, u.ru_maxrss, r.returncode, u.ru_utime + u.ru_stime)
sys.stderr.write(r.stderr.decode(errors="replace")[-2000:])
"""

FILES = """\
import os, sys
def files(root):
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "out"]
        if "order.yaml" in names and folder != root:
            out.append(os.path.join(folder, "order.yaml"))
            dirs[:] = []
    return out
"""

READ_FLOOR = (
    FILES
    + """\
n = 0
for p in files(sys.argv[1]):
    with open(p, "rb") as f:
        n += len(f.read())
"""
)

PARSE_FLOOR = (
    FILES
    + """\
import yaml
for p in files(sys.argv[1]):
    with open(p, "rb") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""
)

# The tracker's cells without its logic: a write-only workbook with the same sheets of the
# same rows and columns as the tracker wrote (argv[3], JSON; else one 40-cell row per order), of
# text, dates and numbers.
OPENPYXL_FLOOR = (
    FILES
    + """\
import datetime, json
from openpyxl import Workbook
shape = json.loads(sys.argv[3]) if len(sys.argv) > 3 else [("Orders", len(files(sys.argv[1])) + 1, 40)]
wb = Workbook(write_only=True)
day = datetime.date(2026, 11, 30)
kinds = ["SO-2026-00001", day, 1200, "Nordic Outdoor AS", day, "18.50", "production", 3]
for title, rows, cols in shape:
    ws = wb.create_sheet(title)
    ws.append([f"column {i}" for i in range(cols)])
    for r in range(rows - 1):
        ws.append([kinds[(r + c) % len(kinds)] for c in range(cols)])
wb.save(sys.argv[2])
"""
)

MINIMAL_CLICK = """\
import click

@click.group()
def cli():
    \"\"\"A minimal click app.\"\"\"

@cli.command()
def hello():
    \"\"\"Say hello.\"\"\"

cli()
"""

# The targets of issue 16: (label, measured, floor, factor) meaning measured <= factor x floor,
# or (label, measured, None, seconds) meaning measured <= seconds.
TARGETS = [
    ("cold validate <= 0.9 x parse floor", "validate cold", "parse floor", 0.9),
    ("check-jsonschema >= 10 x cold validate", "validate cold", "check-jsonschema", 0.1),
    ("warm overdue <= 3 x read floor", "overdue warm", "read floor", 3),
    ("warm overdue <= 0.5 s", "overdue warm", None, 0.5),
    ("warm status <= 3 x read floor", "status warm", "read floor", 3),
    ("warm status <= 0.5 s", "status warm", None, 0.5),
    ("show ID <= 0.3 s", "show ID warm", None, 0.3),
    ("show ID <= 1.2 x on 10 orders", "show ID warm", "show ID warm, 10 orders", 1.2),
    ("plan ID <= 0.3 s", "plan ID warm", None, 0.3),
    ("plan ID <= 1.2 x on 10 orders", "plan ID warm", "plan ID warm, 10 orders", 1.2),
    ("done ID M <= 0.3 s", "done ID M warm", None, 0.3),
    ("done ID M <= 1.2 x on 10 orders", "done ID M warm", "done ID M warm, 10 orders", 1.2),
    ("tracker <= 0.75 x openpyxl floor", "tracker warm", "openpyxl floor", 0.75),
]
TRACKER_LIMIT_MB = 200
STARTUP_TARGET = ("gendan --help <= 1.5 x minimal click app", "gendan --help", "click app --help", 1.5)
NESTED_LIMIT_S = 0.05
MEMORY_LIMIT_MB = 300
SLOW_S = 30  # a measurement whose first run takes longer is run twice, not --runs times


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(argv: list[str], runs: int, env: dict, before=None, cwd=None, ok=(0, 1)) -> dict:
    """Median wall and CPU time and peak memory of `runs` fresh runs of argv (before() runs
    first each time); a run slower than SLOW_S makes it 2 runs at most. An exit code not in
    `ok` stops the harness (a command that fails measures nothing)."""
    times, cpus, peaks, codes = [], [], [], set()
    for i in range(runs):
        if i == 2 and times[0] > SLOW_S:
            break
        if before:
            before()
        done = subprocess.run([sys.executable, "-c", WRAP, *argv], capture_output=True, text=True, env=env, cwd=cwd)
        if done.returncode != 0 or not done.stdout.strip():
            raise SystemExit(f"benchmark harness failed on {argv}: {done.stderr}")
        dt, rss, code, cpu = done.stdout.split()
        times.append(float(dt))
        cpus.append(float(cpu))
        peaks.append(int(rss) / 1024)
        codes.add(int(code))
        if int(code) not in ok:
            raise SystemExit(f"{' '.join(argv)} exited {code}: {done.stderr}")
    return {
        "median": statistics.median(times),
        "min": min(times),
        "cpu": statistics.median(cpus),
        "peak_mb": max(peaks),
        "runs": len(times),
        "exit": sorted(codes),
    }


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": load,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def has_command(name: str, env: dict) -> bool:
    done = subprocess.run([sys.executable, "-m", "gendan", name, "--help"], capture_output=True, env=env)
    return done.returncode == 0


def workspace(work: Path, n: int, seed: int) -> Path:
    root = work / f"ws{n}"
    stamp = root / ".generated"
    want = json.dumps({"orders": n, "seed": seed, "generator": (HERE / "generate.py").stat().st_size})
    if not (stamp.is_file() and stamp.read_text() == want):
        generate.generate(root, n, seed)
        stamp.write_text(want)
    return root


def sheet_shapes(xlsx: Path) -> list[tuple[str, int, int]]:
    """(title, rows, columns) of every sheet (write-only files carry no dimensions: count them)."""
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    shapes = []
    for ws in wb.worksheets:
        rows = cols = 0
        for row in ws.iter_rows(values_only=True):
            rows += 1
            cols = max(cols, len(row))
        shapes.append((ws.title, rows, cols))
    wb.close()
    return shapes


def bench_size(n: int, runs: int, work: Path, seed: int, env: dict, notes: list[str]) -> dict:
    root = workspace(work, n, seed)
    cache = root / ".gendan"
    drop_cache = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    gendan = [sys.executable, "-m", "gendan", "-C", str(root), "--as-of", AS_OF]
    out: dict[str, dict] = {}
    xlsx = work / f"floor{n}.xlsx"

    def row(name: str, *args, **kwargs) -> None:
        progress(f"N={n:,}: {name}")
        out[name] = measure(*args, **kwargs)

    row("read floor", [sys.executable, "-c", READ_FLOOR, str(root)], runs, env)
    row("parse floor", [sys.executable, "-c", PARSE_FLOOR, str(root)], runs, env)
    for command in ("validate", "overdue", "status"):
        row(f"{command} cold", [*gendan, "--no-cache", command], runs, env)
        row(f"{command} first run", [*gendan, command], 1, env, before=drop_cache)
        row(f"{command} warm", [*gendan, command], runs, env)
    out.update(single_order(root, gendan, runs, env, ""))
    tracker = work / f"tracker{n}.xlsx"
    tracker.unlink(missing_ok=True)
    if has_command("tracker", env):
        row("tracker warm", [*gendan, "tracker", "-o", str(tracker)], runs, env)
    else:
        notes.append("`gendan tracker` is not on this branch yet: its row is skipped.")
    shape = [json.dumps(sheet_shapes(tracker))] if tracker.exists() else []
    row("openpyxl floor", [sys.executable, "-c", OPENPYXL_FLOOR, str(root), str(xlsx), *shape], runs, env)
    # next to the running interpreter first: a venv's bin/ is not on PATH unless activated
    checker = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable)) or shutil.which("check-jsonschema")
    if checker:
        schema = work / "order.schema.json"
        subprocess.run([sys.executable, "-m", "gendan", "schema", "-o", str(schema)], check=True, env=env)
        files = sorted(str(p.relative_to(root)) for p in root.glob("*/*/order.yaml"))
        # slow (~13 ms a file): at most 3 runs, 1 above 2,000 files
        row("check-jsonschema", [checker, "--schemafile", str(schema), *files], runs if n <= 2000 else 1, env, cwd=root)
    else:
        notes.append("check-jsonschema is not installed: its row is skipped.")
    return out


def first_id(root: Path) -> str:
    return min(p.parent.name for p in root.glob("*/*/order.yaml"))


def pending_milestone(root: Path) -> tuple[Path, str, str]:
    """(order file, id, milestone) of the first open order, by id, with a milestone not done yet:
    what `done ID M` is measured on."""
    import yaml

    for path in sorted(root.glob("*/*/order.yaml"), key=lambda p: p.parent.name):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("stage") in ("closed", "cancelled", "hold"):
            continue
        for key, milestone in (data.get("milestones") or {}).items():
            if isinstance(milestone, dict) and "actual" not in milestone:
                return path, path.parent.name, key
    raise SystemExit(f"no open order with a milestone to do in {root}")


def single_order(root: Path, gendan: list[str], runs: int, env: dict, suffix: str) -> dict:
    """show ID, plan ID and done ID M, warm (a first run made the cache and the id index).
    `done` edits the order: its file is put back before every run, so each run records the
    same milestone on the same file (and reads it afresh: its cache entry is stale then)."""
    out = {}
    ident = first_id(root)
    for command in ("show", "plan"):
        subprocess.run([*gendan, command, ident], capture_output=True, env=env)
        progress(f"{root.name}: {command} ID")
        out[f"{command} ID warm{suffix}"] = measure([*gendan, command, ident], runs, env)
    path, ident, milestone = pending_milestone(root)
    original = path.read_bytes()
    subprocess.run([*gendan, "show", ident], capture_output=True, env=env)
    progress(f"{root.name}: done ID M")
    try:
        out[f"done ID M warm{suffix}"] = measure(
            [*gendan, "done", ident, milestone], runs, env, before=lambda: path.write_bytes(original), ok=(0,)
        )
    finally:
        path.write_bytes(original)
    return out


def bench_single(runs: int, work: Path, seed: int, env: dict) -> dict:
    """show, plan and done on a 10-order workspace: what a single-order command costs at any size."""
    root = workspace(work, 10, seed)
    gendan = [sys.executable, "-m", "gendan", "-C", str(root), "--as-of", AS_OF]
    return single_order(root, gendan, runs, env, ", 10 orders")


# A 3 KB file of nothing but `[`: time to refusal inside the process (the read and the checks).
NESTED = """\
import sys, time
from gendan.core.errors import InvalidFile
from gendan.store.yamlio import loads
text = "k: " + "[" * 3000 + "\\n"
t = time.perf_counter()
try:
    loads(text, "order.yaml")
except InvalidFile:
    pass
else:
    sys.exit("not refused")
print(time.perf_counter() - t)
"""


def bench_nested(runs: int, env: dict) -> float:
    times = []
    for _ in range(max(runs, 3)):
        done = subprocess.run([sys.executable, "-c", NESTED], capture_output=True, text=True, env=env, check=True)
        times.append(float(done.stdout))
    return statistics.median(times)


def bench_startup(runs: int, env: dict) -> dict:
    runs = max(runs, 5)
    return {
        "python -c pass": measure([sys.executable, "-c", "pass"], runs, env),
        "click app --help": measure([sys.executable, "-c", MINIMAL_CLICK, "--help"], runs, env),
        "gendan --version": measure([sys.executable, "-m", "gendan", "--version"], runs, env),
        "gendan --help": measure([sys.executable, "-m", "gendan", "--help"], runs, env),
    }


def verdicts(results: dict, startup: dict, nested: float | None = None) -> list[tuple]:
    """(N, target, value, unit, verdict, the value in CPU time) rows; unit "s", "MB" or "x".
    The verdict is on wall time (what a user waits); the CPU value says how much of a miss
    a busy machine made (None where it means nothing: memory, the in-process nested time)."""
    rows = []
    for n, res in results.items():
        for label, what, floor, factor in TARGETS:
            if what not in res or (floor and floor not in res):
                rows.append((n, label, None, None, "skipped", None))
                continue
            value, cpu = res[what]["median"], res[what]["cpu"]
            if floor is None:
                rows.append((n, label, value, "s", "met" if value <= factor else "NOT met", cpu))
            elif label.startswith("check-jsonschema"):
                ratio = res[floor]["median"] / value
                cpu_ratio = res[floor]["cpu"] / cpu
                rows.append((n, label, ratio, "x", "met" if ratio >= 10 else "NOT met", cpu_ratio))
            else:
                ratio = value / res[floor]["median"]
                cpu_ratio = cpu / res[floor]["cpu"]
                rows.append((n, label, ratio, "x", "met" if ratio <= factor else "NOT met", cpu_ratio))
        if "tracker warm" in res:
            peak = res["tracker warm"]["peak_mb"]
            rows.append(
                (
                    n,
                    f"tracker peak <= {TRACKER_LIMIT_MB} MB",
                    peak,
                    "MB",
                    "met" if peak <= TRACKER_LIMIT_MB else "NOT met",
                    None,
                )
            )
        gendan_rows = {k: m for k, m in res.items() if not k.endswith("floor") and k != "check-jsonschema"}
        if gendan_rows:
            biggest = max(gendan_rows, key=lambda k: gendan_rows[k]["peak_mb"])
            peak = gendan_rows[biggest]["peak_mb"]
            rows.append(
                (
                    n,
                    f"peak memory <= {MEMORY_LIMIT_MB} MB (every gendan command; largest: {biggest})",
                    peak,
                    "MB",
                    "met" if peak <= MEMORY_LIMIT_MB else "NOT met",
                    None,
                )
            )
    if nested is not None:
        rows.append(
            (
                "-",
                "3 KB nested file refused <= 0.05 s",
                nested,
                "s",
                "met" if nested <= NESTED_LIMIT_S else "NOT met",
                None,
            )
        )
    label, what, floor, factor = STARTUP_TARGET
    ratio = startup[what]["median"] / startup[floor]["median"]
    cpu_ratio = startup[what]["cpu"] / startup[floor]["cpu"]
    rows.append(("-", label, ratio, "x", "met" if ratio <= factor else "NOT met", cpu_ratio))
    return rows


def report(results: dict, startup: dict, info: dict, notes: list[str], runs: int, nested: float | None = None) -> str:
    lines = [
        "# gendan benchmark results",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']} ({info['platform']}); "
        f"run {info['date']}; load average before the run {info['load_before']}, after "
        f"{info.get('load_after')}. The machine may be shared: other jobs slow the commands and "
        "the floors alike, so the ratios to floors measured in the same run are what to compare.",
        "",
        f"Median of {runs} fresh processes per row (start-up included; `first run` and, above "
        f"2,000 files, check-jsonschema: 1 run; a row whose first run took over {SLOW_S} s: 2 runs); "
        "cpu = user + system time of the measured process; peak = its largest resident set. "
        "`cold` = `--no-cache`; `first run` = no cache yet, builds it; `warm` = cache present. "
        "`done ID M` records a pending milestone of the first open order on a fresh copy of its file "
        "each run. gendan's bytecode is compiled before the run (as a pip install does).",
        "",
    ]
    sizes = list(results)
    lines.append("| measurement | " + " | ".join(f"N={n:,} median s | cpu s | peak MB" for n in sizes) + " |")
    lines.append("|---|" + "---:|---:|---:|" * len(sizes))
    names = list(dict.fromkeys(k for res in results.values() for k in res))
    for name in names:
        cells = []
        for n in sizes:
            m = results[n].get(name)
            cells += [f"{m['median']:.3f}", f"{m['cpu']:.3f}", f"{m['peak_mb']:.0f}"] if m else ["-", "-", "-"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "Start-up:", "", "| command | median s | cpu s | peak MB |", "|---|---:|---:|---:|"]
    for name, m in startup.items():
        lines.append(f"| {name} | {m['median']:.3f} | {m['cpu']:.3f} | {m['peak_mb']:.0f} |")
    lines += [
        "",
        "Targets (ratios from this run; the verdict is on wall time, the CPU-time value beside it):",
        "",
        "| N | target | value | in CPU time | verdict |",
        "|---|---|---:|---:|---|",
    ]
    for n, label, value, unit, verdict, cpu in verdicts(results, startup, nested):
        shown = "-" if value is None else (f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} {unit}")
        on_cpu = "-" if cpu is None else f"{cpu:.3f} {unit}"
        lines.append(f"| {n if n == '-' else f'{n:,}'} | {label} | {shown} | {on_cpu} | {verdict} |")
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in dict.fromkeys(notes)]
    return "\n".join(lines) + "\n"


# One command under cProfile, in the same process that `python -m gendan` would be.
PROFILE = """\
import cProfile, sys
out = sys.argv[1]
sys.argv = ["gendan", *sys.argv[2:]]
from gendan.cli import cli as main
prof = cProfile.Profile()
code = 0
prof.enable()
try:
    main(prog_name="gendan")
except SystemExit as e:
    code = e.code
finally:
    prof.disable()
    prof.dump_stats(out)
sys.exit(code)
"""


def import_breakdown(stderr: str, top: int) -> list[str]:
    """`-X importtime` lines summed by top-level package (self times): where start-up goes."""
    total: dict[str, int] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, self_us, _cumulative, name = (part.strip() for part in line.replace("import time:", "|", 1).split("|"))
        root = name.split(".")[0]
        total[root] = total.get(root, 0) + int(self_us)
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    lines = [f"imports: {sum(total.values()) / 1000:.0f} ms in {len(total)} top-level packages"]
    lines += [f"  {us / 1000:8.1f} ms  {name}" for name, us in ranked[:top]]
    return lines


def profile(command: str, n: int, work: Path, seed: int, env: dict, cold: bool, top: int) -> str:
    """Profile `gendan COMMAND` at N orders: the cProfile top entries, the import times by package.

    `{id}` in COMMAND is replaced by the id of the workspace's first order. Without `--cold`
    the cache is built first (the profile is of a warm run). The raw profile is kept next to
    the workspace (`profile-<command>-<N>.prof`, for pstats or snakeviz).
    """
    import pstats
    import shlex

    root = workspace(work, n, seed)
    args = shlex.split(command.replace("{id}", first_id(root)))
    gendan = ["-C", str(root), "--as-of", AS_OF, *(["--no-cache"] if cold else []), *args]
    if not cold:  # warm the cache: the profile is of the second run of the day
        subprocess.run([sys.executable, "-m", "gendan", *gendan], capture_output=True, env=env)
    slug = "-".join(a for a in args if a.isidentifier() or a.replace("-", "").isalnum())[:40]
    stats_file = work / f"profile-{slug}-{n}.prof"
    started = datetime.datetime.now()
    done = subprocess.run(
        [sys.executable, "-c", PROFILE, str(stats_file), *gendan], capture_output=True, text=True, env=env
    )
    wall = (datetime.datetime.now() - started).total_seconds()
    if done.returncode not in (0, 1):
        raise SystemExit(f"gendan {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gendan", *gendan], capture_output=True, text=True, env=env
    )
    buf = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buf)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    body = "\n".join(line for line in buf.getvalue().splitlines() if line.strip())
    head = [
        f"gendan {' '.join(args)} at N={n:,} ({'cold: --no-cache' if cold else 'warm: cache present'}); "
        f"{wall:.2f} s under the profiler; load average {os.getloadavg()[0]:.1f}",
        f"raw profile: {stats_file}",
        "",
        *import_breakdown(imports.stderr, top),
        "",
    ]
    return "\n".join(head) + body + "\n"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--sizes", nargs="+", default=["1000", "10000"], help="workspace sizes in orders (1000 10000, or 1000,10000)"
    )
    p.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is reported)")
    p.add_argument("--seed", type=int, default=1, help="generator seed")
    p.add_argument("--small", action="store_true", help="CI mode: 20 orders, 1 run")
    p.add_argument("--work", type=Path, default=HERE / "work", help="where the generated workspaces live")
    p.add_argument("-o", "--output", type=Path, default=HERE / "RESULTS.md", help="the Markdown report to write")
    p.add_argument(
        "--profile",
        metavar="CMD",
        help="instead: profile `gendan CMD` (quoted, `{id}` = the first order) at the first size and print "
        "the cProfile top entries and the import times by package",
    )
    p.add_argument("--cold", action="store_true", help="with --profile: run with --no-cache")
    p.add_argument("--top", type=int, default=25, help="with --profile: how many entries to print")
    args = p.parse_args(argv)
    sizes = [20] if args.small else [int(s) for given in args.sizes for s in given.split(",") if s.strip()]
    runs = 1 if args.small else args.runs
    args.work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "XDG_CACHE_HOME": str(args.work / "usercache"),
    }
    # as installed: gendan's bytecode compiled once, not again in every measured process
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "gendan")], env=env, capture_output=True)
    if args.profile:
        n = sizes[0]
        print(profile(args.profile, n, args.work, args.seed, env, args.cold, args.top), end="")
        return
    started = time.monotonic()
    info = machine()
    notes: list[str] = []
    results = {}
    for n in sizes:
        progress(f"benchmarking {n:,} orders...")
        results[n] = bench_size(n, runs, args.work, args.seed, env, notes)
    single = bench_single(runs, args.work, args.seed, env)
    for res in results.values():
        res.update(single)
    progress("the nested file, start-up")
    nested = bench_nested(runs, env)
    startup = bench_startup(runs, env)
    info["load_after"] = os.getloadavg()
    notes.append(f"The whole run took {(time.monotonic() - started) / 60:.1f} minutes.")
    text = report(results, startup, info, notes, runs, nested)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
