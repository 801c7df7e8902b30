"""Shared test helpers: where things are, workspaces built per test, gendan run in-process or as
a real process, git with a fixed identity, and the small workspace the report tests share.

Fixtures live in `conftest.py`; everything a test file imports lives here
(`from tests.helpers import make_workspace, run`). See CONTRIBUTING.md, "Tests".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result

from gendan.cli import cli
from gendan.core.errors import Problem

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "examples" / "orders"
CORPUS = TESTS / "corpus"
REFERENCE = TESTS / "reference_files"  # golden files; `workspace/` is the order they are made from


def readme_commands() -> tuple[str, str]:
    """The README's two opening commands: install and run gendan, install and run the tests."""
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands
    return commands[0], commands[1]


# --- workspaces -----------------------------------------------------------------------------


def make_workspace(
    tmp_path: Path, files: dict[str, str | bytes], config: str | None = "company: {name: Test Co}\n"
) -> Path:
    """A workspace in tmp_path/ws with gendan.yaml (None: none) and the given files (text is dedented)."""
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


def copy_examples(dest: Path) -> Path:
    """A private copy of examples/orders at dest (without generated output or the parse cache)."""
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns("out", ".gendan"))
    return dest


def copy_reference_workspace(dest: Path) -> Path:
    """A private copy of the workspace the golden documents are made from (order SO-2026-0150)."""
    shutil.copytree(REFERENCE / "workspace", dest)
    return dest


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a file as a user would: replace `old` (which must be there) with `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- gendan ---------------------------------------------------------------------------------


def run(root: Path | None, *args: str, input: str | None = None, env: dict | None = None) -> Result:
    """Run gendan in-process on a workspace (`-C root`); returns click's Result (stdout/stderr apart)."""
    argv = (["-C", str(root)] if root is not None else []) + list(args)
    return CliRunner().invoke(cli, argv, input=input, env=env, catch_exceptions=False)


def process_env(**extra: str) -> dict[str, str]:
    """The environment for a real `python -m gendan`: this checkout importable, GENDAN_USER set."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "GENDAN_USER": "Chen Li", **extra}


def gendan_argv(root: Path | None, *args: str) -> list[str]:
    return [sys.executable, "-m", "gendan", *(["-C", str(root)] if root is not None else []), *args]


def start_gendan(root: Path | None, *args: str, env: dict | None = None, **popen: object) -> subprocess.Popen:
    """Start gendan as a real process (stdout and stderr piped, text); the caller waits for it."""
    return subprocess.Popen(
        gendan_argv(root, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=process_env(**(env or {})),
        **popen,  # type: ignore[call-overload]
    )


def paused_write(proc: subprocess.Popen, announce: Path, seconds: float = 30) -> Path:
    """Wait until a gendan started with GENDAN_TEST_PAUSE_WRITE=announce has written its temp
    file and paused before the rename; returns the temp file."""
    deadline = time.monotonic() + seconds
    while not announce.exists() or not announce.read_text():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.01)
    return Path(announce.read_text())


def run_gendan(
    root: Path | None, *args: str, env: dict | None = None, timeout: int = 60
) -> subprocess.CompletedProcess:
    """Run gendan as a real process to the end (output captured, text)."""
    return subprocess.run(
        gendan_argv(root, *args), capture_output=True, text=True, env=process_env(**(env or {})), timeout=timeout
    )


# --- TLS ------------------------------------------------------------------------------------


def tls_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1 (cert, key), made by the openssl command; None
    without it. A client trusts it with SSL_CERT_FILE=cert (gendan logs in to SMTP only over TLS)."""
    import shutil as _shutil

    if _shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


# --- real clients ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium_argv(profile: Path, *args: str) -> list[str]:
    """Headless Chromium with its own profile folder, fetching nothing by itself."""
    assert CHROMIUM is not None, "chromium is not installed"
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]


# --- git ------------------------------------------------------------------------------------


def git(
    root: Path,
    *args: str,
    who: str = "Chen Li",
    when: str | None = None,
    env: dict | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """`git -C root ARGS` as `who` (at `when`, an ISO time, if given), untouched by the user's git config."""
    base = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "a@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    if when is not None:
        base |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env={**base, **(env or {})}, check=check
    )


def commit_all(root: Path, message: str = "orders", **kw: str) -> None:
    """`git init` (branch main) if needed, then commit everything in root."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", message, **kw)


# --- hypothesis ---------------------------------------------------------------------------


def fuzz(examples: int):
    """Hypothesis settings for the fuzz tests: a fixed number of examples, derandomized, so CI
    repeats itself; no deadline and no example database."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class ScratchOrder:
    """One workspace with one order file SO-1, rewritten per example (hypothesis examples and
    function-scoped fixtures do not mix)."""

    def __init__(self, today: date):
        from gendan.store.workspace import Workspace

        self.today = today
        self.dir = Path(tempfile.mkdtemp(prefix="gendan-fuzz-"))
        (self.dir / "gendan.yaml").write_text("company: {name: Fuzz Co}\n", encoding="utf-8")
        self.path = self.dir / "SO-1" / "order.yaml"
        self.path.parent.mkdir()
        self.ws = Workspace.open(self.dir)

    def validate(self, data: bytes) -> list[Problem]:
        """Every problem `validate` finds in `data` as SO-1/order.yaml."""
        from gendan.domain.checks import validate_files

        self.path.write_bytes(data)
        return validate_files(self.ws, [self.path], self.today)


# --- the report workspace: two open orders, one on hold, one closed, and a broken file --------

REPORT_CONFIG = """\
company: {name: Test Trading Co}
people:
  - {name: Chen Li, role: merchandiser, email: chen.li@example.com}
  - {name: Wang Min, role: merchandiser, email: wang.min@example.com}
  - {name: Liu Fang, role: finance, email: liu.fang@example.com}
mail: {host: 127.0.0.1, port: 1, starttls: false, sender: gendan@example.com}
"""

# Deposit missing, PP sample not approved, cutting due 2026-12-07 (X-27 working days).
NO_DEPOSIT = """\
id: SO-A
customer: {name: Nordic Outdoor AS, po: NO-1}
merchandiser: Chen Li
factory: {name: Hongda}
style: {number: JK-1}
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
quality: as PP sample
po_date: 2026-10-12
ex_factory: 2027-01-14
stage: sampling
lines:
  - {colour: Black, unit_price: 10.00, sizes: {S: 100, M: 100}}
milestones:
  lab_dip_approved: {planned: 2026-10-28, owner: Chen Li}
"""

# Balance unpaid with ex-factory on 2026-12-04; fabric revised late: at risk.
SHIPPING_SOON = """\
id: SO-B
customer: {name: "=HYPERLINK(\\"http://x\\")", po: "+PO-2"}
merchandiser: Wang Min
factory: {name: Yida}
style: {number: "-TS-9"}
currency: EUR
payment: {terms: deposit_balance, deposit_pct: 30, balance: before_shipment}
quality: ok
po_date: 2026-09-01
ex_factory: 2026-12-04
stage: inspection
lines:
  - {colour: White, unit_price: 4.25, sizes: {M: 500}}
payments:
  - {kind: deposit, amount: 637.50, received: 2026-09-10, confirmed_by: Liu Fang}
samples:
  - {type: pp, sent: 2026-10-01, verdict: approved}
milestones:
  final_inspection: {planned: 2026-12-03, revised: 2026-12-10, reason: sewing line short}
  ex_factory: {planned: 2026-12-04, owner: Wang Min}
"""

ON_HOLD = """\
id: SO-C
customer: {name: Acme}
merchandiser: Chen Li
currency: USD
po_date: 2026-09-01
ex_factory: 2026-12-01
stage: on_hold
lines:
  - {colour: Red, unit_price: 1.00, sizes: {M: 10}}
history:
  - {date: 2026-11-02, by: Chen Li, action: hold, from: materials, to: on_hold, reason: customer review}
"""

CLOSED = """\
id: SO-D
customer: {name: Acme}
merchandiser: Chen Li
currency: USD
po_date: 2026-01-05
ex_factory: 2026-04-01
stage: closed
lines:
  - {colour: Red, unit_price: 2.00, sizes: {M: 10}}
payments:
  - {kind: full, amount: 20.00, received: 2026-04-20}
"""

REPORT_BROKEN = """\
id: SO-E
customer: {name: Acme}
stage: production
ex_factory: 2026-13-01
"""

REPORT_FILES = {
    "2026/SO-A/order.yaml": NO_DEPOSIT,
    "2026/SO-B/order.yaml": SHIPPING_SOON,
    "2026/SO-C/order.yaml": ON_HOLD,
    "2026/SO-D/order.yaml": CLOSED,
}
