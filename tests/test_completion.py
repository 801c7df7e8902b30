"""Shell completion (README "Shell completion"): order ids, milestones, stages, people and
document kinds, through click's completion machinery, on a copy of examples/orders; the real
bash function; and silence on every error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from gendan.cli import cli
from gendan.store.workspace import Workspace
from tests.helpers import ROOT, replace_in, run


def complete(root: Path | None, *words: str) -> list[str]:
    """What a TAB offers after `gendan [-C root] words[:-1]`, the last word being typed."""
    args = (["-C", str(root)] if root is not None else []) + list(words[:-1])
    found = ShellComplete(cli, {}, "gendan", "_GENDAN_COMPLETE").get_completions(args, words[-1])
    return [str(c.value) for c in found]


def example_ids(root: Path) -> list[str]:
    return sorted(p.parent.name for p in root.rglob("order.yaml"))


def test_order_ids_complete_for_every_command_taking_an_order(examples):
    ids = example_ids(examples)
    assert len(ids) > 10
    for command in ("show", "done", "revise", "advance", "pay", "plan", "log", "diff", "packing", "doc", "validate"):
        assert complete(examples, command, "") == ids, command
    assert complete(examples, "show", "SO-2025") == [i for i in ids if i.startswith("SO-2025")] != []
    assert complete(examples, "show", "so-2026-014") == ["SO-2026-0142", "SO-2026-0148"]  # any case
    assert complete(examples, "show", "XX") == []
    assert complete(examples, "new", "") == []  # a new order's id is new: nothing to offer


def test_order_ids_never_read_an_order(examples, monkeypatch):
    """The ids come from folder names: an order file that does not even parse is offered, and
    neither loading function is called (they would raise, and completion would offer nothing)."""
    (examples / "2026" / "SO-2026-0142" / "order.yaml").write_text("id: [unclosed\n", encoding="utf-8")

    def refuse(*a, **k):
        raise AssertionError("completion read an order")

    monkeypatch.setattr(Workspace, "load_all", refuse)
    monkeypatch.setattr(Workspace, "load", refuse)
    assert complete(examples, "show", "SO-2026-014") == ["SO-2026-0142", "SO-2026-0148"]


def test_order_ids_come_from_the_id_index_while_it_is_current(examples, tmp_path, monkeypatch):
    """With a current id index (.gendan/cache/ids.json) no folder is walked: an id only the
    index knows is offered; once a folder changes, the index is stale and the walk answers."""
    from gendan.store import cache
    from gendan.store import workspace as ws_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    time.sleep(cache.RACY_NS / 1e9 + 0.05)  # files and folders changed just now are not cached (RACY_NS)
    assert run(examples, "list").exit_code == 0  # makes .gendan/cache/
    assert (examples / ".gendan" / "cache").is_dir()
    time.sleep(cache.RACY_NS / 1e9 + 0.05)
    assert run(examples, "show", "SO-2026-0142").exit_code == 0  # looks the id up: writes the index
    index = examples / ".gendan" / "cache" / "ids.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["ids"]["ZZ-ONLY-IN-INDEX"] = ["2026/ZZ-ONLY-IN-INDEX"]
    index.write_text(json.dumps(data), encoding="utf-8")
    with monkeypatch.context() as m:

        def walk(*args, **kwargs):
            raise AssertionError("walked the workspace")

        m.setattr(ws_mod, "_walk", walk)
        assert complete(examples, "show", "ZZ") == ["ZZ-ONLY-IN-INDEX"]
        assert "SO-2026-0142" in complete(examples, "show", "")
    (examples / "2026" / "SO-2026-0999").mkdir()  # the folder 2026/ changes: the index is stale
    (examples / "2026" / "SO-2026-0999" / "order.yaml").write_text("x\n", encoding="utf-8")
    assert complete(examples, "show", "ZZ") == []
    assert "SO-2026-0999" in complete(examples, "show", "SO-2026-09")


def test_done_offers_the_open_milestones_of_that_order(examples):
    ws = Workspace.open(examples)
    template = [m.key for m in ws.config.template_for(None)]
    offered = complete(examples, "done", "SO-2026-0142", "")
    # 0142 is in production with po_received, deposit and the PP sample done: none offered
    for done in ("po_received", "deposit_received", "pp_sample_approved", "order_review", "lab_dip_approved"):
        assert done not in offered
    assert offered == [k for k in template if k in offered]  # in template order
    assert {"fabric_in_house", "cutting_start", "ex_factory", "final_inspection"} <= set(offered)
    # what is already on the line is not offered again
    again = complete(examples, "done", "SO-2026-0142", "fabric_in_house", "")
    assert "fabric_in_house" not in again and again == [k for k in offered if k != "fabric_in_house"]
    assert complete(examples, "done", "SO-2026-0142", "fab") == ["fabric_in_house"]
    assert complete(examples, "revise", "SO-2026-0142", "") == offered
    # the same order done further: fabric_in_house recorded, no longer offered
    assert run(examples, "--as-of", "2026-11-30", "done", "SO-2026-0142", "fabric_in_house").exit_code == 0
    assert "fabric_in_house" not in complete(examples, "done", "SO-2026-0142", "")
    # an unknown order: every milestone of the templates (the default template first)
    unknown = complete(examples, "done", "NO-SUCH", "")
    assert unknown[: len(template)] == template
    assert set(unknown) == set(template) | ws.config.milestone_keys()


def test_milestone_help_is_its_name(examples):
    found = ShellComplete(cli, {}, "gendan", "_GENDAN_COMPLETE").get_completions(
        ["-C", str(examples), "done", "SO-2026-0142"], "fabric_in"
    )
    assert [(c.value, c.help) for c in found] == [("fabric_in_house", "面料到厂")]


def test_whatif_slip_offers_milestone_keys_with_their_equals_sign(examples):
    assert complete(examples, "whatif", "--slip", "fabric_") == ["fabric_booked=", "fabric_in_house="]
    assert complete(examples, "whatif", "--slip", "fabric_in_house=") == []


def test_stages_people_kinds_and_fixed_words(examples):
    config = Workspace.open(examples).config
    stages = config.stage_keys
    assert complete(examples, "advance", "SO-2026-0142", "--to", "") == stages
    assert complete(examples, "resume", "SO-2026-0142", "--to", "ship") == ["shipping"]
    for command in ("list", "overdue", "status", "whatif"):
        assert complete(examples, command, "--stage", "") == [*stages, "on_hold", "cancelled"], command
    assert complete(examples, "list", "--stage", "PRO") == ["production"]
    names = [p.name for p in config.people]
    assert "Chen Li" in names
    assert complete(examples, "overdue", "--owner", "") == names
    assert complete(examples, "list", "--merchandiser", "z") == ["Zhang Wei", "Zhou Min"]
    assert complete(examples, "done", "SO-2026-0142", "x", "--by", "chen") == []  # done has no --by
    assert complete(examples, "pay", "SO-2026-0142", "deposit", "1", "--by", "Li") == ["Liu Fang", "Li Na"]
    assert complete(examples, "advance", "SO-2026-0142", "--approved-by", "Wang") == ["Wang Jianguo"]
    assert complete(examples, "pay", "SO-2026-0142", "") == ["deposit", "balance", "full"]
    assert complete(examples, "doc", "SO-2026-0142", "p") == ["pi", "production-notice", "po", "packing-list"]
    assert complete(examples, "doc", "--copy", "ship") == ["shipping-marks"]


def test_completion_is_silent_on_errors(examples, tmp_path):
    # no workspace here or above, a -C that is not a workspace, a broken gendan.yaml: nothing offered
    outside = tmp_path / "nowhere"
    outside.mkdir()
    assert complete(outside, "show", "") == []
    replace_in(examples / "gendan.yaml", "people:", "people: [unclosed\nx:")
    assert complete(examples, "done", "SO-2026-0142", "") == []
    assert complete(examples, "list", "--stage", "") == []
    assert complete(examples, "show", "SO-2026-014") == ["SO-2026-0142", "SO-2026-0148"]  # ids need no config


# --- the real thing: gendan's completion protocol, and bash itself ----------------------------------------


def _gendan_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has a `gendan` running this checkout (as an installed one would)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gendan"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m gendan "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize(
    ("shell", "words", "cword", "expected"),
    [
        ("bash_complete", "gendan show SO-2026-014", "2", "plain,SO-2026-0142\nplain,SO-2026-0148\n"),
        # bash: a name with a space stays one word (escaped twice: click's function `read`s one level off)
        ("bash_complete", "gendan overdue --owner Chen", "3", "plain,Chen\\\\ Li\n"),
        ("zsh_complete", "gendan overdue --owner Chen", "3", "plain\nChen Li\nmerchandiser\n"),
        ("fish_complete", "gendan overdue --owner Chen", "Chen", "plain,Chen Li\tmerchandiser\n"),
        ("bash_complete", "gendan -C /no/such/folder show ", "4", "\n"),  # nothing (click prints an empty line)
    ],
)
def test_the_completion_protocol(examples, tmp_path, shell, words, cword, expected):
    env = {**_gendan_on_path(tmp_path), "_GENDAN_COMPLETE": shell, "COMP_WORDS": words, "COMP_CWORD": cword}
    done = subprocess.run(["gendan"], cwd=examples, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_through_the_sourced_script(examples, tmp_path):
    """The README's bash line, sourced by a real bash, and its completion function called as
    bash calls it on TAB: each candidate is one shell word."""
    script = tmp_path / "try.sh"
    script.write_text(
        'eval "$(_GENDAN_COMPLETE=bash_source gendan)"\n'
        "for line in 'show SO-2026-014' 'overdue --owner Chen' 'done SO-2026-0142 fabric_in'; do\n"
        '  read -ra COMP_WORDS <<< "gendan $line"\n'
        "  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n"
        "  _gendan_completion gendan\n"
        "  printf '[%s]' \"${COMPREPLY[@]}\"; echo\n"
        "done\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["bash", str(script)], cwd=examples, env=_gendan_on_path(tmp_path), capture_output=True, text=True, timeout=120
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == ["[SO-2026-0142][SO-2026-0148]", "[Chen\\ Li]", "[fabric_in_house]"]
    # and the candidate, put on a command line by bash, is the one argument `--owner 'Chen Li'`
    shown = subprocess.run(
        ["bash", "-c", 'printf "%s|" --owner ' + "Chen\\ Li"], capture_output=True, text=True, timeout=30
    )
    assert shown.stdout == "--owner|Chen Li|"
