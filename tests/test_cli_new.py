from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gendan.store.yamlio import load_file
from tests.helpers import make_workspace, run


def test_new_scaffolds_an_order_that_validates_at_inquiry(tmp_path, monkeypatch):
    root = make_workspace(tmp_path, {})
    monkeypatch.chdir(root)
    result = run(
        root,
        "new",
        "SO-2026-0160",
        "--customer",
        "Nordic Outdoor AS",
        "--style",
        "0012",
        "--merchandiser",
        "陈丽",
        "--dir",
        "2026",
        "--as-of",
        "2026-11-30",
    )
    assert (result.exit_code, result.stdout) == (0, "wrote 2026/SO-2026-0160/order.yaml\n")
    path = root / "2026/SO-2026-0160/order.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../order.schema.json\n")
    assert load_file(path) == {
        "id": "SO-2026-0160",
        "customer": {"name": "Nordic Outdoor AS"},
        "merchandiser": "陈丽",
        "style": {"number": "0012"},
        "stage": "inquiry",
    }
    assert "# ex_factory: YYYY-MM-DD" in text and "# po_date: 2026-11-30" in text
    check = run(root, "validate", "--as-of", "2026-11-30")
    assert (check.exit_code, check.stdout) == (0, "1 order checked, no problems\n")
    assert run(root, "show", "SO-2026-0160").exit_code == 0


def test_new_without_options_still_validates(tmp_path):
    root = make_workspace(tmp_path, {})
    assert run(root, "new", "Q-1").exit_code == 0
    assert load_file(root / "Q-1/order.yaml")["customer"] == {"name": "CUSTOMER NAME"}
    assert run(root, "validate").exit_code == 0


def test_new_refuses_an_id_that_exists_anywhere(tmp_path, monkeypatch):
    root = make_workspace(tmp_path, {"2025/SO-1/order.yaml": "id: SO-1\ncustomer: {name: N}\nstage: inquiry\n"})
    monkeypatch.chdir(root)
    result = run(root, "new", "SO-1", "--dir", "2026")
    assert result.exit_code == 2
    assert result.stderr == "gendan: order SO-1 already exists: 2025/SO-1\n"
    assert not (root / "2026").exists()


def test_new_refuses_a_dir_outside_the_workspace(tmp_path):
    root = make_workspace(tmp_path, {})
    for bad in ("../elsewhere", "/tmp", ".git"):
        result = run(root, "new", "SO-2", "--dir", bad)
        assert result.exit_code == 2
        assert result.stderr == (
            f"gendan: --dir {bad}: give a folder inside the workspace, like 2026 "
            "(no absolute path, no '..', no hidden folder)\n"
        )
    assert not (tmp_path / "elsewhere").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_any_customer_name_reads_back(tmp_path_factory, name):
    root = make_workspace(tmp_path_factory.mktemp("n"), {})
    assert run(root, "new", "SO-1", "--customer", name).exit_code == 0
    assert load_file(root / "SO-1/order.yaml")["customer"] == {"name": name}
