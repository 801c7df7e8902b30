from __future__ import annotations

import json

from gendan.store.configfile import DEFAULTS_PATH
from gendan.store.scaffold import IGNORED
from tests.helpers import run

IGNORE_LINES = "".join(f"{p}\n" for p in IGNORED)


def test_init_writes_defaults_gitignore_and_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(None, "init", "ws")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote ws/gendan.yaml\nwrote ws/.gitignore\nwrote ws/order.schema.json\n"
        "wrote ws/.github/workflows/gendan.yml\n"
        "next: edit gendan.yaml (company, people, holidays), then `gendan new ORDER-ID`\n"
    )
    ws = tmp_path / "ws"
    assert (ws / "gendan.yaml").read_bytes() == DEFAULTS_PATH.read_bytes()  # comments and all
    assert (ws / ".gitignore").read_text() == IGNORE_LINES
    assert {"out/", ".gendan/"} <= set(IGNORED)
    assert json.loads((ws / "order.schema.json").read_text())["$schema"] == "http://json-schema.org/draft-07/schema#"
    # the new workspace works at once
    assert run(ws, "validate").stdout == "0 orders checked, no problems\n"


def test_init_in_the_current_folder_keeps_an_existing_gitignore(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.pyc\nout/")
    assert run(None, "init").exit_code == 0
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\nout/\n" + IGNORE_LINES.replace("out/\n", "")


def test_init_refuses_to_overwrite_gendan_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gendan.yaml").write_text("company: {name: Mine}\n")
    result = run(None, "init")
    assert result.exit_code == 2
    assert result.stderr == "gendan: gendan.yaml already exists; not overwriting it\n"
    assert (tmp_path / "gendan.yaml").read_text() == "company: {name: Mine}\n"
    assert not (tmp_path / "order.schema.json").exists()
