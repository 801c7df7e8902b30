"""gendan.store.edit: round-trip edits that change only the intended lines, under a lock."""

from __future__ import annotations

import difflib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.errors import ConflictError, GendanError, RefusedError
from gendan.store import edit
from gendan.store.yamlio import loads
from tests.helpers import EXAMPLES

EXAMPLE = EXAMPLES / "2026/SO-2026-0142/order.yaml"

MIXED = """\
# yaml-language-server: $schema=../order.schema.json
id: SO-1    # the id, same as the folder
customer:   {name: "Nordic",  country: NO, po: 0012}
stage: production
notes: |
  multi line
  text
lines:
- colour: Black   # main colour
  unit_price: 18.50
  sizes:
    S: 100
    M: 200
# the log below is written by gendan

history:
  - {date: 2026-01-05, by: Chen Li, action: advance, from: funded, to: sampling}   # first
"""


def changed_lines(old: str, new: str) -> list[str]:
    return [
        d
        for d in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if d[:1] in "+-" and not d.startswith(("+++", "---"))
    ]


def test_example_stage_and_history_only():
    text = EXAMPLE.read_text()
    patch = (
        edit.Patch()
        .set("stage", value="inspection")
        .append(
            "history",
            {
                "date": date(2026, 11, 30),
                "by": "Chen Li",
                "action": "advance",
                "from": "production",
                "to": "inspection",
                "reason": None,
            },
        )
    )
    assert changed_lines(text, edit.apply(text, patch)) == [
        "-stage: production",
        "+stage: inspection",
        "+history:",
        "+  - {date: 2026-11-30, by: Chen Li, action: advance, from: production, to: inspection}",
    ]


def test_mixed_layout_survives_and_append_follows_neighbours():
    patch = (
        edit.Patch()
        .set("stage", value="inspection")
        .append(
            "history",
            {"date": date(2026, 2, 1), "by": "Wang", "action": "advance", "from": "production", "to": "inspection"},
        )
    )
    new = edit.apply(MIXED, patch)
    assert changed_lines(MIXED, new) == [
        "-stage: production",
        "+stage: inspection",
        "+  - {date: 2026-02-01, by: Wang, action: advance, from: production, to: inspection}",
    ]
    data = loads(new, "x")
    assert data["customer"] == {"name": "Nordic", "country": "NO", "po": "0012"}


def test_milestone_fields_go_in_model_order_and_new_entries_are_flow():
    text = EXAMPLE.read_text()
    patch = (
        edit.Patch()
        .set("milestones", "fabric_in_house", "actual", value=date(2026, 11, 20))
        .set("milestones", "cutting_start", "planned", value=date(2027, 1, 4))
        .set("milestones", "pp_sample_approved", "revised", value=date(2026, 11, 25))
        .set("milestones", "pp_sample_approved", "reason", value="buyer: re-check colour")
    )
    assert changed_lines(text, edit.apply(text, patch)) == [
        "-  pp_sample_approved: {planned: 2026-11-20, actual: 2026-11-10, owner: Chen Li}",
        "-  fabric_in_house: {planned: 2027-01-05, revised: 2027-01-12, reason: mill delay}",
        '+  pp_sample_approved: {planned: 2026-11-20, revised: 2026-11-25, reason: "buyer: re-check colour", '
        "actual: 2026-11-10, owner: Chen Li}",
        "+  fabric_in_house: {planned: 2027-01-05, revised: 2027-01-12, reason: mill delay, actual: 2026-11-20}",
        "+  cutting_start: {planned: 2027-01-04}",
    ]


def test_new_top_keys_go_before_history_and_decimals_stay_numbers():
    patch = edit.Patch().append(
        "changes", {"date": date(2026, 2, 1), "field": "price", "old": Decimal("18.50"), "new": Decimal("18.90")}
    )
    new = edit.apply(MIXED, patch)
    assert changed_lines(MIXED, new) == [
        "+changes:",  # a new list takes the file's dominant style (here the `lines:` one)
        "+- {date: 2026-02-01, field: price, old: 18.50, new: 18.90}",
    ]
    assert new.index("changes:") < new.index("history:")
    assert loads(new, "x")["changes"][0]["new"] == Decimal("18.90")


def test_block_style_lists_get_block_entries():
    text = "id: SO-1\ncustomer: {name: A}\nstage: inquiry\nhistory:\n- date: 2026-01-01\n  by: A\n  action: advance\n"
    new = edit.apply(text, edit.Patch().append("history", {"date": date(2026, 1, 2), "by": "B", "action": "hold"}))
    assert new.endswith("- date: 2026-01-01\n  by: A\n  action: advance\n- date: 2026-01-02\n  by: B\n  action: hold\n")


def test_crlf_bom_and_missing_final_newline(tmp_path):
    text = "id: SO-1\r\ncustomer: {name: A}  # who\r\nstage: inquiry"
    new = edit.apply(text, edit.Patch().set("stage", value="confirmed"))
    assert new == "id: SO-1\r\ncustomer: {name: A}  # who\r\nstage: confirmed\r\n"
    folder = tmp_path / "SO-1"
    folder.mkdir()
    path = folder / "order.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    draft = edit.read(path, "SO-1/order.yaml")
    edit.write(draft, edit.Patch().set("stage", value="confirmed"))
    assert path.read_bytes() == b"\xef\xbb\xbf" + new.encode()


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_round_trips(reason):
    new = edit.apply(
        MIXED, edit.Patch().append("history", {"date": date(2026, 2, 1), "by": "x", "action": "hold", "reason": reason})
    )
    entry = loads(new, "x")["history"][-1]
    assert entry["reason"] == reason
    assert new.startswith(MIXED.split("history:")[0])


def make_order(tmp_path: Path, text: str = MIXED) -> Path:
    folder = tmp_path / "SO-1"
    folder.mkdir(exist_ok=True)
    path = folder / "order.yaml"
    path.write_text(text)
    return path


def test_write_refuses_when_the_file_changed_after_reading(tmp_path):
    path = make_order(tmp_path)
    draft = edit.read(path, "SO-1/order.yaml")
    path.write_text(MIXED.replace("Black", "Navy"))
    with pytest.raises(ConflictError, match="changed on disk after gendan read it"):
        edit.write(draft, edit.Patch().set("stage", value="inspection"))
    assert "Navy" in path.read_text() and "stage: production" in path.read_text()


def test_write_refuses_an_invalid_result_and_writes_nothing(tmp_path):
    path = make_order(tmp_path)
    draft = edit.read(path, "SO-1/order.yaml")
    with pytest.raises(GendanError, match="would make the order invalid"):
        edit.write(draft, edit.Patch().set("lines", 0, "sizes", "S", value=-5))
    assert path.read_text() == MIXED


def test_write_waits_for_the_lock_then_says_so_past_the_wait(tmp_path, monkeypatch):
    import fcntl
    import os
    import time

    monkeypatch.setenv("GENDAN_LOCK_WAIT", "0.3")
    path = make_order(tmp_path)
    draft = edit.read(path, "SO-1/order.yaml")
    fd = os.open(path.parent, os.O_RDONLY)  # another gendan holding the order's lock
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        with pytest.raises(ConflictError, match="another gendan has been changing SO-1 for more than 0.3 s"):
            edit.write(draft, edit.Patch().set("stage", value="inspection"))
        assert 0.3 <= time.monotonic() - started < 2
    finally:
        os.close(fd)
    assert path.read_text() == MIXED
    edit.write(draft, edit.Patch().set("stage", value="inspection"))  # its turn once the lock is free
    assert "stage: inspection" in path.read_text()


def test_a_save_while_gendan_writes_is_never_replaced(tmp_path, monkeypatch):
    """The bytes were compared before the change was applied (50 ms to 12 s) but not right before
    the replace: an editor's save in between was lost. Now `write` refuses, and `edit` starts
    again from the saved file, so both the hand edit and gendan's change are in it."""
    path = make_order(tmp_path)
    real_apply = edit.apply
    saves = iter([MIXED.replace("Black", "Navy")])

    def slow_apply(text, patch):  # the editor saves while gendan computes its change
        saved = next(saves, None)
        if saved is not None:
            path.write_text(saved)
        return real_apply(text, patch)

    monkeypatch.setattr(edit, "apply", slow_apply)
    with pytest.raises(ConflictError, match="changed on disk after gendan read it"):
        edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert "Navy" in path.read_text() and "stage: production" in path.read_text()
    assert not list(path.parent.glob(".order.yaml.*.tmp"))

    saves = iter([MIXED.replace("Black", "Grey")])
    _, written = edit.edit(path, "SO-1/order.yaml", lambda d: edit.Patch().set("stage", value="inspection"))
    assert written is not None
    assert "Grey" in path.read_text() and "stage: inspection" in path.read_text()


def test_a_symlinked_order_file_is_refused_not_replaced(tmp_path):
    path = make_order(tmp_path)
    real = tmp_path / "real.yaml"
    path.rename(real)
    path.symlink_to(real)
    with pytest.raises(RefusedError, match="is a symbolic link; gendan edits only plain order files"):
        edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert path.is_symlink() and real.read_text() == MIXED


def test_no_lock_file_is_left_and_an_old_one_is_removed(tmp_path):
    path = make_order(tmp_path)
    (path.parent / ".order.yaml.lock").write_bytes(b"")  # left by an earlier gendan
    edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert sorted(p.name for p in path.parent.iterdir()) == ["order.yaml"]


def test_a_symlinked_lock_file_is_left_alone(tmp_path):
    path = make_order(tmp_path)
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (path.parent / ".order.yaml.lock").symlink_to(target)
    edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert target.read_text() == "keep" and "stage: inspection" in path.read_text()


def test_write_removes_temp_files_of_a_killed_writer(tmp_path):
    path = make_order(tmp_path)
    stale = path.parent / ".order.yaml.abc123.tmp"
    stale.write_text("half a file")
    edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert not stale.exists()
    assert "stage: inspection" in path.read_text()


def test_read_refuses_an_invalid_order(tmp_path):
    path = make_order(tmp_path, MIXED.replace("S: 100", "S: lots"))
    with pytest.raises(RefusedError, match="fix it first") as e:
        edit.read(path, "SO-1/order.yaml")
    assert "SO-1/order.yaml:12:" in str(e.value)


def test_a_file_ruamel_cannot_handle_is_left_alone(tmp_path, monkeypatch):
    path = make_order(tmp_path)
    draft = edit.read(path, "SO-1/order.yaml")

    def broken(text, patch):
        raise ValueError("odd construct\nmore")

    monkeypatch.setattr(edit, "apply", broken)
    with pytest.raises(GendanError, match=r"cannot edit this file safely \(ValueError: odd construct\)"):
        edit.write(draft, edit.Patch().set("stage", value="inspection"))
    assert path.read_text() == MIXED


@st.composite
def order_texts(draw):
    """Order files written by hand in many layouts: spacing, comments, list indentation, blank lines."""
    sp = lambda: " " * draw(st.integers(1, 4))  # noqa: E731
    comment = lambda: draw(st.sampled_from(["", f"{sp()}# note", f"{sp()}# 备注: 客户确认"]))  # noqa: E731
    blank = lambda: draw(st.sampled_from(["", "\n"]))  # noqa: E731
    ind = draw(st.sampled_from(["", "  "]))
    parts = [
        draw(st.sampled_from(["", "# order file\n", "# yaml-language-server: $schema=x.json\n"])),
        f"id: SO-1{comment()}\n",
        blank(),
        f"customer:{sp()}{{name: Nordic,{sp()}country: NO, po: 0012}}{comment()}\n",
        f"stage: production{comment()}\n",
        blank(),
        f"lines:{comment()}\n",
    ]
    for colour in draw(st.lists(st.sampled_from(["Black", "Navy", "Olive"]), min_size=1, max_size=3, unique=True)):
        parts.append(f"{ind}- colour: {colour}{comment()}\n{ind}  unit_price: 18.50\n")
        if draw(st.booleans()):
            parts.append(f"{ind}  sizes: {{S: 10,{sp()}M: 20}}\n")
        else:
            parts.append(f"{ind}  sizes:\n{ind}    S: 10{comment()}\n{ind}    M: 20\n")
    parts.append(blank())
    if draw(st.booleans()):
        hind = draw(st.sampled_from(["", "  "]))
        parts.append(
            f"history:{comment()}\n{hind}- {{date: 2026-01-05, by: Chen Li, action: advance, "
            f"from: funded, to: production}}{comment()}\n"
        )
    return "".join(parts)


@settings(max_examples=40, deadline=None)
@given(order_texts())
def test_only_the_intended_lines_change_in_any_layout(text):
    entry = {"date": date(2026, 2, 1), "by": "Wang", "action": "advance", "from": "production", "to": "inspection"}
    new = edit.apply(text, edit.Patch().set("stage", value="inspection").append("history", entry))
    changed = changed_lines(text, new)
    removed = [c for c in changed if c.startswith("-")]
    added = [c for c in changed if c.startswith("+")]
    assert len(removed) == 1 and removed[0].startswith("-stage: production")
    assert added[0] == removed[0].replace("-stage: production", "+stage: inspection")
    assert [a[1:].strip() for a in added[1:]] in (
        ["- {date: 2026-02-01, by: Wang, action: advance, from: production, to: inspection}"],
        ["history:", "- {date: 2026-02-01, by: Wang, action: advance, from: production, to: inspection}"],
    )
    data = loads(new, "x")
    assert data["customer"]["po"] == "0012" and data["customer"]["country"] == "NO"


def test_a_yaml_1_1_directive_is_not_silently_reinterpreted():
    text = "%YAML 1.1\n---\nid: SO-1\ncustomer: {name: A, country: NO, po: 0012}\nstage: inquiry\n"
    with pytest.raises(GendanError, match="without changing other values"):
        edit.apply(text, edit.Patch().set("stage", value="confirmed"))


def test_where_folders_cannot_be_locked_a_lock_file_is_used(tmp_path, monkeypatch):
    """Some network shares refuse flock on a folder (ENOLCK): the writer falls back to a lock file."""
    import errno
    import fcntl
    import os
    import stat

    real = fcntl.flock

    def no_folder_locks(fd, op):
        if stat.S_ISDIR(os.fstat(fd if isinstance(fd, int) else fd.fileno()).st_mode):
            raise OSError(errno.ENOLCK, "No locks available")
        return real(fd, op)

    monkeypatch.setattr(fcntl, "flock", no_folder_locks)
    path = make_order(tmp_path)
    edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert "stage: inspection" in path.read_text()
    assert (path.parent / ".order.yaml.lock").exists()  # (git-ignored in a `gendan init` workspace)


def test_permission_denied_is_a_sentence(tmp_path, monkeypatch):
    """Root passes permission checks, so the refusal is simulated at the rename."""
    import os

    path = make_order(tmp_path)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr("gendan.store.yamlio._exchange", refuse)  # the rename, where it is a swap
    with pytest.raises(GendanError, match=r"cannot write SO-1/order.yaml: permission denied; nothing written"):
        edit.write(edit.read(path, "SO-1/order.yaml"), edit.Patch().set("stage", value="inspection"))
    assert path.read_text() == MIXED
    assert not list(path.parent.glob(".order.yaml.*.tmp"))
