"""The README's shell lines work as written: the tour from a clone with the environment activated
once, and both crontab recipes under `env -i` (cron's bare environment) with only their own
variables, full paths substituted for the placeholders."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, REPORT_CONFIG, REPORT_FILES, ROOT, commit_all, git, make_workspace

README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKSPACE, VENV = "/srv/orders", "/opt/gendan/.venv"  # the placeholders the README's cron lines use

pytestmark = pytest.mark.skipif(shutil.which("git") is None or sys.platform == "win32", reason="needs git and sh")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def environment(where: Path) -> Path:
    """A virtual environment at `where` whose bin/gendan runs this checkout, as `pip install` makes
    it (a script naming its Python by full path); returns its bin folder."""
    venv.create(where, with_pip=False, symlinks=True)
    script = where / "bin" / "gendan"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from gendan.cli import cli\nsys.exit(cli())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return where / "bin"


def test_the_tour_runs_as_written_in_a_clone(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(EXAMPLES, clone / "examples" / "orders", ignore=shutil.ignore_patterns("out", ".gendan"))
    environment(clone / ".venv")
    blocks = re.findall(r"```sh\n(.*?)```", section("A short tour"), flags=re.S)
    assert blocks[0].startswith(". .venv/bin/activate")
    script = "set -e\n" + "".join(blocks)
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "GENDAN_USER": "Chen Li", "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wrote 2026/SO-2026-0160/order.yaml\n" in done.stdout
    assert "1 order checked, no problems" in done.stdout
    assert "SO-2026-0142  Nordic Outdoor AS" in done.stdout  # `list` on the examples, from the clone
    assert "order         SO-2026-0142" in done.stdout  # `show`
    assert (clone / "shop" / "2026" / "SO-2026-0160" / "order.yaml").is_file()


def cron_lines(block_kind: str, where: str) -> tuple[dict[str, str], str]:
    """The variables and the one job's command of the README's crontab block in section `where`."""
    block = re.findall(rf"```{block_kind}\n(.*?)```", section(where), flags=re.S)
    assert len(block) == 1
    variables: dict[str, str] = {}
    jobs = []
    for line in block[0].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"([A-Z_][A-Z0-9_]*)=(.*)", line)
        if m:
            variables[m[1]] = m[2]
        else:
            jobs.append(line)
    assert len(jobs) == 1, jobs
    fields = jobs[0].split(None, 5)
    assert all(re.fullmatch(r"[\d*,/-]+", f) for f in fields[:5]), fields  # minute hour day month weekday
    return variables, fields[5]


def under_env_i(command: str, variables: dict[str, str], workspace: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    """Run a crontab command as cron would, with nothing of this process's environment:
    `env -i NAME=VALUE... /bin/sh -c COMMAND`, the placeholders replaced by real paths."""
    assert WORKSPACE in command and f"{VENV}/bin/gendan" in command
    command = command.replace(WORKSPACE, str(workspace)).replace(VENV, str(bin_dir.parent))
    argv = ["env", "-i", *(f"{k}={v}" for k, v in variables.items()), "/bin/sh", "-c", command]
    return subprocess.run(argv, capture_output=True, text=True, timeout=300)


def office_server(tmp_path: Path, root: Path) -> Path:
    """The workspace as the office server has it: a clone of the team's repository, one commit
    behind (the cron line pulls it)."""
    commit_all(root)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(root), str(origin)], check=True, capture_output=True)
    server = tmp_path / "srv-orders"
    subprocess.run(["git", "clone", "-q", str(origin), str(server)], check=True, capture_output=True)
    (root / "pulled.txt").write_text("pushed after the server's clone\n", encoding="utf-8")
    commit_all(root, "one more")
    git(root, "push", "-q", str(origin), "main")
    return server


def test_the_mail_cron_line_runs_under_env_i(tmp_path):
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from tests.test_mail import Recorder, free_port

    handler = Recorder()
    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG.replace("port: 1", f"port: {controller.port}"))
        server = office_server(tmp_path, root)
        variables, command = cron_lines("crontab", "Reports")
        assert set(variables) == {"GENDAN_SMTP_PASSWORD"}
        done = under_env_i(command, variables, server, environment(tmp_path / "venv"))
    finally:
        controller.stop()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")  # --quiet: cron mails nothing
    assert (server / "pulled.txt").is_file()  # the pull ran
    assert handler.received, "no mail was sent"
    assert {to for _, tos, _ in handler.received for to in tos} >= {"chen.li@example.com"}


def test_the_notify_cron_line_runs_under_env_i(tmp_path):
    import threading
    from http.server import ThreadingHTTPServer

    from tests.test_notify import Hook

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    hook.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=hook.serve_forever, daemon=True)
    thread.start()
    try:
        root = tmp_path / "orders"
        shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("out", ".gendan"))
        config = root / "gendan.yaml"
        config.write_text(
            config.read_text(encoding="utf-8") + "notify:\n  default: {to: GENDAN_NOTIFY_TEAM}\n", encoding="utf-8"
        )
        server = office_server(tmp_path, root)
        variables, command = cron_lines("cron", "Working as a team")
        assert set(variables) == {"GENDAN_NOTIFY_TEAM"}
        variables["GENDAN_NOTIFY_TEAM"] = f"json://127.0.0.1:{hook.server_address[1]}/team"
        done = under_env_i(command, variables, server, environment(tmp_path / "venv"))
    finally:
        hook.shutdown()
        hook.server_close()
        thread.join(5)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (server / "pulled.txt").is_file()
    messages = [body["message"] for path, body in hook.received if path == "/team"]  # type: ignore[attr-defined]
    assert messages and all(m.startswith("gendan ") for m in messages)
