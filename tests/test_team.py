"""Working as a team: the pre-commit hook on a real repository, clean merges, the CI sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.helpers import ROOT, commit_all, git, make_workspace, run

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]

ORDER = """\
# Order SO-1: a comment the merges must keep
id: SO-1
customer: {name: Nordic Outdoor AS, po: NO-1}
merchandiser: Chen Li
factory: {name: Ningbo Hongda Garment Co.}
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
quality: as approved PP sample
po_date: 2026-10-12
ex_factory: 2027-04-20
stage: confirmed
lines:
  - colour: Black
    unit_price: 18.50
    sizes: {S: 200, M: 400}
payments:
  - {kind: deposit, amount: 2220.00, due: 2026-10-20}
milestones:
  pp_sample_approved: {planned: 2026-11-20, owner: Chen Li}
  fabric_in_house: {planned: 2027-03-05}
"""


@pytest.fixture
def repo(tmp_path):
    root = make_workspace(tmp_path, {"2026/SO-1/order.yaml": ORDER, "2026/SO-1/notes.txt": "call Wang\n"})
    commit_all(root, "SO-1")
    return root


def hook_config(root) -> None:
    """The project's .pre-commit-hooks.yaml as a `repo: local` config: the same ids, files and
    arguments, with `gendan` run from this checkout (language system: no install from PyPI)."""
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = []
    for hook in manifest:
        assert hook["entry"].startswith("gendan ")
        hooks.append(
            {
                **hook,
                "language": "system",
                "entry": f"{sys.executable} -m gendan --as-of 2026-11-30 " + hook["entry"][len("gendan ") :],
            }
        )
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.mark.skipif(
    subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode != 0,
    reason="pre-commit is not installed",
)
def test_pre_commit_blocks_a_bad_order(repo, tmp_path):
    hook_config(repo)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "PYTHONPATH": str(ROOT)}
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert installed.returncode == 0, installed.stderr
    git(repo, "add", ".pre-commit-config.yaml")
    assert git(repo, "commit", "-qm", "hooks", env=env).returncode == 0

    order = repo / "2026/SO-1/order.yaml"
    order.write_text(ORDER.replace("ex_factory: 2027-04-20", "ex_factory: 2027-02-30"), encoding="utf-8")
    git(repo, "add", "-A")
    blocked = git(repo, "commit", "-m", "bad date", env=env, check=False)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "2026/SO-1/order.yaml:10:13: E104" in out
    assert "2027-02-30 is not a real date" in out
    assert "bad date" not in git(repo, "log", "--format=%s").stdout

    order.write_text(ORDER.replace("ex_factory: 2027-04-20", "ex_factory: 2027-04-30"), encoding="utf-8")
    git(repo, "add", "-A")
    ok = git(repo, "commit", "-m", "customer moved ex-factory", env=env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "gendan validate (the orders this commit touches)" in ok.stdout + ok.stderr

    # a file beside the order (not order.yaml) does not run the order hook
    (repo / "2026/SO-1/notes.txt").write_text("called Wang\n", encoding="utf-8")
    git(repo, "add", "-A")
    other = git(repo, "commit", "-m", "notes", env=env, check=False)
    assert other.returncode == 0
    assert "(no files to check)Skipped" in (other.stdout + other.stderr).replace(".", "")

    # a change to gendan.yaml that breaks an order it does not touch blocks the commit too
    stages = [
        "inquiry",
        "confirmed",
        "reviewed",
        "funded",
        "sampling",
        "materials",
        "production",
        "inspection",
        "shipping",
        "paid",
        "delivered",
        "closed",
    ]
    config_text = "company: {name: Test Co}\nstages:\n" + "".join(
        f"  - {{key: {k}, gates: [R1, R4]}}\n" if k == "confirmed" else f"  - {{key: {k}}}\n" for k in stages
    )
    (repo / "gendan.yaml").write_text(config_text, encoding="utf-8")
    git(repo, "add", "-A")
    config = git(repo, "commit", "-m", "config", env=env, check=False)
    assert config.returncode != 0
    assert "2026/SO-1/order.yaml:17:3: E204 R4 deposit not received" in config.stdout + config.stderr


def test_two_branches_change_one_order_and_merge_cleanly(repo):
    # branch A revises a milestone with gendan
    git(repo, "checkout", "-q", "-b", "revise")
    r = run(repo, "--as-of", "2026-11-30", "revise", "SO-1", "fabric_in_house", "2027-03-12", "--reason", "mill delay")
    assert r.exit_code == 0, r.output
    git(repo, "commit", "-qam", "fabric in-house revised")
    # branch B records the deposit as received
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "payment")
    order = repo / "2026/SO-1/order.yaml"
    text = order.read_text(encoding="utf-8")
    order.write_text(
        text.replace(
            "  - {kind: deposit, amount: 2220.00, due: 2026-10-20}",
            "  - {kind: deposit, amount: 2220.00, due: 2026-10-20, received: 2026-10-21, confirmed_by: Liu Fang}",
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "deposit received")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "revise")
    merged = git(repo, "merge", "--no-edit", "payment", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = order.read_text(encoding="utf-8")
    assert "fabric_in_house: {planned: 2027-03-05, revised: 2027-03-12, reason: mill delay}" in text
    assert "received: 2026-10-21, confirmed_by: Liu Fang}" in text
    assert text.startswith("# Order SO-1: a comment the merges must keep\n")
    v = run(repo, "--as-of", "2026-11-30", "validate")
    assert v.exit_code == 0, v.output
    log = run(repo, "log", "SO-1").stdout
    assert "milestones.fabric_in_house.revised" in log and "payments[deposit].received" in log


def test_init_writes_a_ci_workflow(tmp_path):
    r = run(None, "init", str(tmp_path / "orders"))
    assert r.exit_code == 0, r.output
    workflow = tmp_path / "orders/.github/workflows/gendan.yml"
    assert "wrote" in r.stdout and ".github/workflows/gendan.yml" in r.stdout
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps = {job: [s.get("run") for s in spec["steps"]] for job, spec in data["jobs"].items()}
    assert "gendan validate --format github" in steps["validate"]
    assert "gendan overdue --quiet --notify-owners" in steps["overdue"]
    assert data[True]["schedule"][0]["cron"]  # PyYAML 1.1 reads the key `on` as True
    if shutil.which("check-jsonschema"):
        checked = subprocess.run(
            ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    # the team's own workflow is never replaced
    workflow.write_text("name: ours\n", encoding="utf-8")
    (tmp_path / "orders/gendan.yaml").unlink()
    assert run(None, "init", str(tmp_path / "orders")).exit_code == 0
    assert workflow.read_text(encoding="utf-8") == "name: ours\n"
