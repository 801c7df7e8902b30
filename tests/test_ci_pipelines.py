"""`gendan init --ci github|gitlab|gitea`: a ready pipeline per git server, checked against the
servers' published schemas (check-jsonschema's vendored copies, no network)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import run

CHECK = str(Path(sys.executable).parent / "check-jsonschema")
FILES = {
    "github": (".github/workflows/gendan.yml", "vendor.github-workflows"),
    "gitea": (".gitea/workflows/gendan.yml", "vendor.github-workflows"),  # Gitea Actions reads GitHub's syntax
    "gitlab": (".gitlab-ci.yml", "vendor.gitlab-ci"),
}


def checked(path: Path, schema: str) -> None:
    out = subprocess.run([CHECK, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("server", sorted(FILES))
def test_init_writes_a_valid_pipeline(tmp_path, server):
    rel, schema = FILES[server]
    result = run(None, "init", str(tmp_path / "orders"), "--ci", server)
    assert result.exit_code == 0, result.output
    path = tmp_path / "orders" / rel
    assert f"wrote {path}" in result.stdout or rel in result.stdout
    others = [r for s, (r, _) in FILES.items() if s != server]
    assert not any((tmp_path / "orders" / r).exists() for r in others)
    checked(path, schema)
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if server == "gitlab":
        scripts = {job: spec["script"] for job, spec in data.items() if isinstance(spec, dict) and "script" in spec}
        assert "gendan validate --format gitlab > gendan-code-quality.json || true" in scripts["validate"]
        assert data["validate"]["artifacts"]["reports"]["codequality"] == "gendan-code-quality.json"
        assert "schedule" in data["overdue"]["rules"][0]["if"]
        assert scripts["overdue"] == ["gendan overdue --quiet --notify-owners"]
        assert scripts["pages"] == ["gendan site -o public"] and data["pages"]["artifacts"]["paths"] == ["public"]
    else:
        runs = {job: [s.get("run") for s in spec["steps"]] for job, spec in data["jobs"].items()}
        assert ("gendan validate --format github" if server == "github" else "gendan validate") in runs["validate"]
        assert "gendan overdue --quiet --notify-owners" in runs["overdue"]
        assert "gendan site -o public" in runs["site"]
        assert data[True]["schedule"][0]["cron"] == "30 0 * * 1-6"  # PyYAML reads `on` as True
        env = next(s["env"] for s in data["jobs"]["overdue"]["steps"] if s.get("run", "").startswith("gendan overdue"))
        assert env["GENDAN_NOTIFY_TEAM"] == "${{ secrets.GENDAN_NOTIFY_TEAM }}"  # from the server's secrets


def test_the_pipelines_commands_work_here(examples, monkeypatch):
    """What the pipelines run, run on the examples: the options exist and behave as the files expect."""
    monkeypatch.chdir(examples)
    assert run(None, "validate", "--format", "github").exit_code == 0
    assert run(None, "validate", "--format", "gitlab").stdout == "[]\n"
    result = run(None, "--as-of", "2026-11-30", "overdue", "--quiet", "--notify-owners")
    # the examples configure no notify: every owner is reported as having no channel, exit 1
    assert result.exit_code == 1 and "no notify channel for" in result.stderr


def test_unknown_server_refused(tmp_path):
    result = run(None, "init", str(tmp_path / "o"), "--ci", "bitbucket")
    assert result.exit_code == 2 and not (tmp_path / "o").exists()
