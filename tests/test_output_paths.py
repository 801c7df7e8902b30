"""The one output-path guard (gendan/store/paths.py), command by command.

Inside the workspace (`new --dir`, `import --dir`, the order folder, doc's default `out/`,
`doc --copy` into templates/, the files of `init`): '..', absolute paths and symlinks out
are refused. An explicit output (`tracker -o`, `site -o`, `doc -o`, `schema -o`): may be
anywhere, but never an order file, a gendan.yaml, or under .git/ or .gendan/, also not
through a symlinked folder. Every refusal: exit 2, the same words, nothing written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import copy_reference_workspace, run

AS_OF = ("--as-of", "2026-11-30")
ORDER = "2026/SO-2026-0150"
INSIDE = "give a folder inside the workspace, like 2026 (no absolute path, no '..', no hidden folder)"


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    """A workspace with git's and gendan's private folders, the current folder at its root."""
    root = copy_reference_workspace(tmp_path / "ws")  # orders complete enough for every document
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    (root / ".gendan").mkdir()
    (root / ".gendan" / "state").write_text("cache\n")
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)  # a folder leading out
    (root / "gitlink").symlink_to(root / ".git", target_is_directory=True)  # a folder leading into .git/
    monkeypatch.chdir(root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the test's folder (the workspace and what is around it), by path."""
    top = root.parent
    return {str(p.relative_to(top)): p.read_bytes() for p in sorted(top.rglob("*")) if p.is_file()}


def refused(root: Path, *args: str) -> str:
    """Run a command that must be refused: exit 2, nothing written anywhere; its message."""
    before = snapshot(root)
    result = run(root, *AS_OF, *args)
    assert result.exit_code == 2, (args, result.output)
    assert snapshot(root) == before, args
    assert result.stdout == "", args
    return result.stderr


def real(path: Path) -> str:
    return str(path.resolve())


# -- inside the workspace: new --dir, import --dir ------------------------------------------------


def workbook(path: Path, *ids: str) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.append(["订单号", "客户", "款号", "颜色", "数量", "单价", "币种"])
    for ident in ids:
        sheet.append([ident, "Nordic Outdoor AS", "JK-1", "Black", 100, 10, "USD"])
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path) -> Path:
    return workbook(tmp_path / "tracker.xlsx", "SO-7")


def folder_commands(book: Path) -> dict[str, tuple[str, ...]]:
    return {"new": ("new", "SO-7"), "import": ("import", str(book))}


@pytest.mark.parametrize("command", ["new", "import"])
def test_dir_through_a_symlink_out_of_the_workspace_is_refused(ws, book, tmp_path, command):
    """On the main before this change `import --dir linked` wrote the order into elsewhere/."""
    message = refused(ws, *folder_commands(book)[command], "--dir", "linked")
    assert message == (
        f"gendan: --dir linked leads outside the workspace, to {real(tmp_path / 'elsewhere')} (a symlink?); "
        "nothing written (remove the link, or use a real folder inside the workspace)\n"
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("command", ["new", "import"])
@pytest.mark.parametrize("given", ["../elsewhere", "2026/../../elsewhere", "ABSOLUTE", ".git", ".gendan", "  "])
def test_dir_must_be_a_plain_folder_inside_the_workspace(ws, book, tmp_path, command, given):
    given = str(tmp_path / "elsewhere") if given == "ABSOLUTE" else given
    assert refused(ws, *folder_commands(book)[command], "--dir", given) == f"gendan: --dir {given}: {INSIDE}\n"


@pytest.mark.parametrize("command", ["new", "import"])
def test_dir_through_a_symlink_into_git_is_refused(ws, book, command):
    message = refused(ws, *folder_commands(book)[command], "--dir", "gitlink")
    assert message == (
        f"gendan: --dir gitlink: {real(ws / '.git')} is inside .git/, which gendan never writes into; nothing written\n"
    )


def test_a_symlinked_order_folder_is_never_written_through(ws, book, tmp_path):
    (ws / "2026" / "SO-7").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    message = refused(ws, "new", "SO-7", "--dir", "2026")
    assert message.startswith("gendan: 2026/SO-7 leads outside the workspace, to ")
    before = snapshot(ws)
    result = run(ws, *AS_OF, "import", str(book), "--dir", "2026")  # a row problem: the others are imported
    assert result.exit_code == 1 and snapshot(ws) == before
    assert "row 2: not imported (SO-7): 2026/SO-7 leads outside the workspace, to " in result.stderr


@pytest.mark.parametrize("command", ["new", "import"])
def test_a_real_folder_inside_is_fine(ws, book, command):
    result = run(ws, *AS_OF, *folder_commands(book)[command], "--dir", "2027/spring")
    assert result.exit_code == 0, result.output
    assert (ws / "2027" / "spring" / "SO-7" / "order.yaml").is_file()


# -- inside the workspace: doc's out/, doc --copy, init ---------------------------------------------


def test_doc_into_an_out_folder_linked_out_of_the_workspace_is_refused(ws, tmp_path):
    (ws / ORDER / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert refused(ws, "doc", "SO-2026-0150", "pi") == (
        f"gendan: {ORDER}/out leads outside the workspace, to {real(tmp_path / 'elsewhere')} (a symlink?); "
        "nothing written (remove the link, or use a real folder inside the workspace)\n"
    )


def test_doc_into_an_out_folder_linked_into_git_is_refused(ws):
    (ws / ORDER / "out").symlink_to(ws / ".git", target_is_directory=True)
    assert refused(ws, "doc", "SO-2026-0150", "pi") == (
        f"gendan: {ORDER}/out: {real(ws / '.git')} is inside .git/, which gendan never writes into; nothing written\n"
    )


def test_doc_copy_never_writes_through_templates_linked_out(ws, tmp_path):
    (ws / "templates").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert refused(ws, "doc", "--copy", "pi").startswith("gendan: templates/ leads outside the workspace, to ")


def test_doc_copy_never_writes_through_a_dangling_link(ws, tmp_path):
    (ws / "templates").mkdir()
    target = tmp_path / "elsewhere" / "planted.j2"
    (ws / "templates" / "base.html.j2").symlink_to(target)  # dangling: writing there would create it
    result = run(ws, *AS_OF, "doc", "--copy", "base")
    assert result.exit_code == 1 and "templates/base.html.j2 already exists" in result.stderr
    assert run(ws, *AS_OF, "doc", "--copy", "pi").exit_code == 0  # copies pi, leaves the link alone
    assert not target.exists() and (ws / "templates" / "base.html.j2").is_symlink()
    assert (ws / "templates" / "pi.html.j2").is_file()


def test_init_never_writes_through_a_link_out_of_its_folder(tmp_path, monkeypatch):
    new = tmp_path / "new"
    new.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (new / ".github").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    before = snapshot(new)
    result = run(None, "init", "new")
    assert result.exit_code == 2 and snapshot(new) == before
    assert result.stderr.startswith("gendan: new/.github/workflows/gendan.yml leads outside the workspace, to ")
    assert not (new / "gendan.yaml").exists()


def test_init_is_not_made_inside_git(tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = run(None, "init", "repo/.git/ws")
    assert result.exit_code == 2 and not (tmp_path / "repo" / ".git" / "ws").exists()
    assert result.stderr == (
        f"gendan: repo/.git/ws: {real(tmp_path / 'repo/.git/ws')} is inside .git/, "
        "which gendan never writes into; nothing written\n"
    )


# -- an explicit output: tracker -o, doc -o, schema -o, site -o ------------------------------------

FILE_OUTPUTS = {
    "tracker": ("tracker",),
    "doc": ("doc", "SO-2026-0150", "pi"),
    "schema": ("schema",),
}
PROTECTED = {  # -o given -> the path it really is, and why it is refused
    f"{ORDER}/order.yaml": (f"{ORDER}/order.yaml", "is an order file, which gendan never overwrites"),
    "gendan.yaml": ("gendan.yaml", "is a workspace's gendan.yaml, which gendan never overwrites"),
    ".git/config": (".git/config", "is inside .git/, which gendan never writes into"),
    ".gendan/state": (".gendan/state", "is inside .gendan/, which gendan never writes into"),
    "gitlink/config": (".git/config", "is inside .git/, which gendan never writes into"),  # through a symlink
    "2026/../.git/HEAD": (".git/HEAD", "is inside .git/, which gendan never writes into"),
}


@pytest.mark.parametrize("command", FILE_OUTPUTS)
@pytest.mark.parametrize("given", PROTECTED)
def test_an_output_never_overwrites_orders_settings_or_git(ws, command, given):
    shown, why = PROTECTED[given]
    message = refused(ws, *FILE_OUTPUTS[command], "-o", given)
    assert message == f"gendan: -o {given}: {real(ws / shown)} {why}; nothing written\n"


@pytest.mark.parametrize("command", FILE_OUTPUTS)
def test_an_order_file_elsewhere_is_not_overwritten_either(ws, tmp_path, command):
    other = tmp_path / "other" / "SO-1"
    other.mkdir(parents=True)
    (other / "order.yaml").write_text("id: SO-1\n")
    message = refused(ws, *FILE_OUTPUTS[command], "-o", str(other / "ORDER.YAML"))
    assert "is an order file, which gendan never overwrites; nothing written" in message


@pytest.mark.parametrize("command", FILE_OUTPUTS)
@pytest.mark.parametrize("given", ["../elsewhere/out.file", "ABSOLUTE", "linked/out.file"])
def test_an_output_may_be_outside_the_workspace(ws, tmp_path, command, given):
    """'..', an absolute path and a symlinked folder out of the workspace: the user's choice."""
    given = str(tmp_path / "elsewhere" / "out.file") if given == "ABSOLUTE" else given
    result = run(ws, *AS_OF, *FILE_OUTPUTS[command], "-o", given)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / "out.file").stat().st_size > 1000


def test_an_output_that_is_a_symlink_is_replaced_not_written_through(ws, tmp_path):
    victim = tmp_path / "elsewhere" / "victim.html"
    victim.write_text("keep me")
    (ws / "pi.html").symlink_to(victim)
    assert run(ws, *AS_OF, "doc", "SO-2026-0150", "pi", "-o", "pi.html").exit_code == 0
    assert victim.read_text() == "keep me"
    assert not (ws / "pi.html").is_symlink() and "<html" in (ws / "pi.html").read_text()
    order = ws / ORDER / "order.yaml"
    (ws / "x.xlsx").symlink_to(order)  # a link to an order file: replaced, the order untouched
    before = order.read_bytes()
    assert run(ws, *AS_OF, "tracker", "-o", "x.xlsx").exit_code == 0
    assert order.read_bytes() == before and not (ws / "x.xlsx").is_symlink()


SITE_REFUSED = {  # -o given -> what the message says after the real path
    ".git/site": " is inside .git/, which gendan never writes into; nothing written",
    ".gendan/site": " is inside .gendan/, which gendan never writes into; nothing written",
    "gitlink/site": " is inside .git/, which gendan never writes into; nothing written",
    ".": " holds the workspace; nothing written (choose a folder of its own)",
    "..": " holds the workspace; nothing written (choose a folder of its own)",
    f"{ORDER}/public": f" is inside the order folder {ORDER}; nothing written (choose a folder of its own)",
}


@pytest.mark.parametrize("given", SITE_REFUSED)
def test_site_never_goes_into_git_the_workspace_or_an_order_folder(ws, given):
    assert refused(ws, "site", "-o", given) == f"gendan: -o {given}: {real(ws / given)}{SITE_REFUSED[given]}\n"


@pytest.mark.parametrize("given", ["../elsewhere/site", "ABSOLUTE", "linked/site"])
def test_site_may_be_published_outside_the_workspace(ws, tmp_path, given):
    """Cron publishes the pages to /srv/www: '..', absolute paths and linked folders are fine."""
    given = str(tmp_path / "elsewhere" / "site") if given == "ABSOLUTE" else given
    result = run(ws, *AS_OF, "site", "-o", given)
    assert result.exit_code in (0, 1), result.output  # 1: orders with problems, listed
    assert (tmp_path / "elsewhere" / "site" / "index.html").is_file()


def test_site_never_writes_through_links_planted_in_an_earlier_site(ws, tmp_path):
    assert run(ws, *AS_OF, "site", "-o", "../public").exit_code in (0, 1)
    public = tmp_path / "public"
    shutil.rmtree(public / "orders")
    shutil.rmtree(public / "customers")
    (public / "orders").symlink_to(ws / ".git", target_is_directory=True)
    (public / "customers").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    marker = next(p for p in public.iterdir() if p.name.startswith(".") and p.is_file())
    marker.unlink()
    marker.symlink_to(ws / "gendan.yaml")

    def workspace() -> dict:
        files = (p for p in ws.rglob("*") if p.is_file() and not p.is_symlink())
        return {p: p.read_bytes() for p in files if ".gendan" not in p.parts}  # the parse cache may change

    before = workspace()
    assert run(ws, *AS_OF, "site", "-o", "../public").exit_code in (0, 1)
    assert workspace() == before and list((tmp_path / "elsewhere").iterdir()) == []
    assert not (public / "orders").is_symlink() and (public / "orders" / "SO-2026-0150.html").is_file()
    assert not marker.is_symlink()


@pytest.mark.parametrize("command", FILE_OUTPUTS)
def test_an_output_the_system_refuses_is_a_clean_error(ws, tmp_path, command):
    """A file where a folder should be: the system says no, gendan says so in one line (exit 2)."""
    (tmp_path / "file").write_text("")
    result = run(ws, *AS_OF, *FILE_OUTPUTS[command], "-o", str(tmp_path / "file" / "out.file"))
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert result.stderr.startswith(f"gendan: cannot write {tmp_path / 'file' / 'out.file'}: ")
    assert result.stderr.endswith("; nothing was written\n")
    zh = run(ws, "--lang", "zh", *AS_OF, *FILE_OUTPUTS[command], "-o", str(tmp_path / "file" / "out.file"))
    assert zh.exit_code == 2 and zh.stderr.startswith(f"gendan: 无法写入 {tmp_path / 'file' / 'out.file'}：")
    assert zh.stderr.endswith("；没有写入任何内容\n"), zh.stderr


@pytest.mark.parametrize("command", FILE_OUTPUTS)
def test_an_output_in_a_new_folder_makes_the_folder(ws, tmp_path, command):
    assert run(ws, *AS_OF, *FILE_OUTPUTS[command], "-o", "../new/deeper/out.file").exit_code == 0
    assert (tmp_path / "new" / "deeper" / "out.file").stat().st_size > 1000


@pytest.mark.parametrize("command", ["new", "import"])
def test_dir_inside_an_order_folder_is_refused(ws, book, command):
    """An order folder holds no further orders: one made there would never be found again."""
    message = refused(ws, *folder_commands(book)[command], "--dir", f"{ORDER}/more")
    assert message == (
        f"gendan: --dir {ORDER}/more: {real(ws / ORDER / 'more')} is inside the order folder {ORDER}; "
        "nothing written (choose a folder of its own)\n"
    )


@pytest.mark.parametrize("command", ["new", "import", "init"])
def test_a_folder_the_system_refuses_is_a_clean_error(ws, book, tmp_path, command):
    (ws / "afile").write_text("")
    args = (
        ("init", str(ws / "afile" / "ws")) if command == "init" else (*folder_commands(book)[command], "--dir", "afile")
    )
    result = run(ws, *AS_OF, *args)
    assert "internal error" not in result.stderr and "cannot write " in result.stderr, result.stderr
    assert "; nothing was written" in result.stderr
    assert result.exit_code == (1 if command == "import" else 2)  # import: that row is not imported
