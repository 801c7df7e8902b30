"""What a shared order repository invites: files that escape the workspace, run code,
inject formulas, markup or terminal escapes, or leak the SMTP password.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import CORPUS, copy_reference_workspace, fuzz, make_workspace, run

ORDER = (CORPUS / "order" / "crlf-valid.yaml").read_bytes().replace(b"\r\n", b"\n")  # SO-1, valid
AS_OF = ("--as-of", "2026-11-30")
WRITES = [
    ("done", "trims_in_house", "--date", "2026-11-21"),
    ("revise", "trims_in_house", "2027-01-10", "--reason", "late"),
    ("change", "qty.Black.M", "450", "--requested-by", "Ingrid Berg", "--approved-by", "Zhang Wei"),
    ("advance",),
]


@pytest.fixture
def outside(tmp_path) -> Path:
    """An order folder outside the workspace, and a file there that must never change."""
    folder = tmp_path / "outside" / "SO-9"
    folder.mkdir(parents=True)
    (folder / "order.yaml").write_bytes(ORDER.replace(b"id: SO-1", b"id: SO-9"))
    return folder


def unchanged(folder: Path) -> bool:
    return (folder / "order.yaml").read_bytes() == ORDER.replace(b"id: SO-1", b"id: SO-9")


# --- paths ------------------------------------------------------------------------


@pytest.mark.parametrize("command", WRITES, ids=[w[0] for w in WRITES])
def test_ids_and_paths_cannot_reach_outside(tmp_path, outside, command, monkeypatch):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    monkeypatch.chdir(root)
    for ident in ("../outside/SO-9", str(outside), "..", "SO-1/../../outside/SO-9", "/etc", "../../../etc/passwd"):
        result = run(root, command[0], ident, *command[1:], *AS_OF)
        assert result.exit_code == 2, (ident, result.output)
        message = result.stderr.strip()
        assert message.startswith("gendan: ") and (
            "outside the workspace" in message or "no order" in message or "not a usable order id" in message
        ), (ident, message)
    assert unchanged(outside)


def test_symlinked_order_folder_is_not_an_order(tmp_path, outside, monkeypatch):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    (root / "SO-9").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(root)
    out = run(root, "validate", *AS_OF).stdout  # discovery skips it
    assert out.endswith("1 order checked, no problems, 1 warning\n")  # W403: a Saturday
    by_id = run(root, "done", "SO-9", "trims_in_house", *AS_OF)
    assert by_id.exit_code == 2 and "no order SO-9" in by_id.stderr
    by_path = run(root, "done", "SO-9/", "trims_in_house", *AS_OF)
    assert by_path.exit_code == 2 and "outside the workspace" in by_path.stderr
    named = run(root, "validate", "SO-9", *AS_OF)
    assert named.exit_code == 1 and "E001 the file points outside the workspace; not read" in named.stdout
    assert unchanged(outside)


def test_symlinked_order_file_is_refused(tmp_path, outside, monkeypatch):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    (root / "SO-9").mkdir()
    (root / "SO-9" / "order.yaml").symlink_to(outside / "order.yaml")
    monkeypatch.chdir(root)
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1
    assert "SO-9/order.yaml:1:1: E001 the file points outside the workspace; not read" in result.stdout
    for command in WRITES:
        refused = run(root, command[0], "SO-9", *command[1:], *AS_OF)
        assert refused.exit_code == 2 and "points outside the workspace" in refused.stderr, refused.output
    assert unchanged(outside)


@pytest.fixture
def docs(tmp_path) -> Path:
    root = tmp_path / "ws"
    copy_reference_workspace(root)
    return root


# doc -o, tracker -o, site -o, schema -o, new/import --dir, doc's out/: tests/test_output_paths.py


# --- YAML that would run code -------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("validate",), ("overdue",), ("status",), ("show", "SO-1"), ("done", "SO-1", "trims_in_house")]
)
def test_object_building_tags_never_run(tmp_path, command):
    marker = tmp_path / "pwned"
    evil = ORDER.replace(
        b"merchandiser: Chen Li",
        b'merchandiser: !!python/object/apply:os.system ["touch ' + str(marker).encode() + b'"]',
    )
    root = make_workspace(tmp_path, {"SO-1/order.yaml": evil})
    (root / "gendan.yaml").write_text(
        'company: {name: !!python/object/apply:os.system ["touch ' + str(marker) + '"]}\n'
    )
    result = run(root, *command, *AS_OF)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert "is not allowed in gendan files" in result.output
    (root / "gendan.yaml").write_text("company: {name: Test Co}\n")
    result = run(root, *command, *AS_OF)
    assert result.exit_code in (1, 2) and "SO-1/order.yaml:4:15: E004 the tag" in result.output
    assert not marker.exists()


def test_file_text_cannot_send_terminal_escapes(tmp_path):
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": ORDER.replace(
                b"stage: production", b'stage: "\\e[2J\\e]0;owned\\a\\u202eproduction\\nE999 fake"'
            )
        },
    )
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\x07" not in result.output
    # refused where it is written (before 2026-12 it was reported escaped, E111 unknown stage '\x1b[2J...)
    assert "SO-1/order.yaml:11:8: E103 'stage': text holds the control character U+001B" in result.stdout
    assert len(result.stdout.splitlines()) == 2  # the problem and the summary: no forged second line


# --- formulas and markup in outputs -------------------------------------------------

# (a CR, "\rCR", was here too: a control character is now refused by validate, see
# test_control_characters_are_refused_where_written)
PREFIXES = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tTAB", '=HYPERLINK("http://x","y")']


def _poison(root: Path, payload: str) -> None:
    path = root / "2026" / "SO-2026-0150" / "order.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'
    for old in ("name: Nordic Outdoor AS", "number: JK-2207", "po: NO-88213", "mark: NOA", "vessel: MAERSK ESSEX 702W"):
        key = old.split(":")[0]
        text = text.replace(old, f"{key}: {quoted}")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", ["pi", "packing-list", "tracker"])
@pytest.mark.parametrize("payload", PREFIXES, ids=["eq", "plus", "minus", "at", "tab", "hyperlink"])
def test_every_xlsx_writer_writes_formula_text_as_text(docs, kind, payload):
    _poison(docs, payload)
    if kind == "tracker":
        result = run(docs, "tracker", "-o", str(docs / "tracker.xlsx"), *AS_OF)
        written = docs / "tracker.xlsx"
    else:
        result = run(docs, "doc", "SO-2026-0150", kind, "--format", "xlsx", *AS_OF)
        written = docs / "2026" / "SO-2026-0150" / "out" / f"{kind}.xlsx"
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(written)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
    shown = payload.replace("\r", "\n")  # XML readers normalise a CR in text to LF: still text
    hits = [c for c in cells if isinstance(c.value, str) and shown in c.value]
    assert hits and all(c.data_type == "s" for c in hits)


@pytest.mark.parametrize("command", [("overdue", "--format", "html"), ("status", "--format", "html")])
def test_html_reports_escape_order_text(tmp_path, command):
    order = ORDER.replace(b"customer: {name: Nordic Outdoor AS", b'customer: {name: "<img src=x onerror=alert(1)>&co"')
    order = order.replace(b"merchandiser: Chen Li", b'merchandiser: "<b>Chen</b>"')
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order})
    result = run(root, *command, "--within", "400", *AS_OF) if command[0] == "overdue" else run(root, *command, *AS_OF)
    assert result.exit_code in (0, 1), result.output
    assert "<img" not in result.stdout and "<b>Chen" not in result.stdout
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;co" in result.stdout or "&lt;b&gt;Chen" in result.stdout


# --- the SMTP password ---------------------------------------------------------------

SECRET = "s3cret-Pa55-word"


def test_password_has_no_place_in_gendan_yaml(tmp_path):
    root = make_workspace(tmp_path, {}, config="company: {name: T}\nmail: {host: x, password: hunter2}\n")
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "gendan.yaml:2:17: E102 unknown key 'mail.password'" in result.stdout


@pytest.fixture
def smtp_server(tmp_path):
    """A local SMTP server that offers STARTTLS (a self-signed certificate the client is told to
    trust through SSL_CERT_FILE) and takes a login only over TLS."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from tests.helpers import tls_certificate

    made = tls_certificate(tmp_path)
    if made is None:
        pytest.skip("no openssl command to make a certificate")
    cert, key = made
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.content.decode("utf-8", "replace"))
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"gendan" and auth_data.password == SECRET.encode()
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        tls_context=context,
        require_starttls=True,
        auth_require_tls=True,
    )
    controller.start()
    yield port, received, {"SSL_CERT_FILE": str(cert)}
    controller.stop()


def _mail_workspace(tmp_path, port: int, mail: str = "") -> Path:
    config = (
        "company: {name: T}\npeople:\n  - {name: Chen Li, role: merchandiser, email: chen@example.com}\n"
        f"mail: {{host: 127.0.0.1, port: {port}, user: gendan, sender: g@example.com{mail}}}\n"
    )
    order = ORDER.replace(
        b"  fabric_in_house: {",
        # materials is behind an order in production: the revised date says the trims are still awaited
        b"  trims_in_house: {planned: 2026-11-02, revised: 2026-11-20, reason: zips, owner: Chen Li}\n"
        b"  fabric_in_house: {",
    )
    return make_workspace(tmp_path, {"SO-1/order.yaml": order}, config=config)


@pytest.mark.parametrize("debug", [[], ["--debug"]], ids=["plain", "debug"])
def test_smtp_password_only_from_the_environment_and_never_shown(tmp_path, smtp_server, debug):
    port, received, trust = smtp_server
    root = _mail_workspace(tmp_path, port)
    missing = run(root, *debug, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": "", **trust})
    assert missing.exit_code == 2 and "GENDAN_SMTP_PASSWORD" in missing.stderr and received == []
    wrong = run(root, *debug, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": SECRET + "x", **trust})
    # refused by the server: reported like any channel that fails (exit 1), the server's answer shown
    assert wrong.exit_code == 1 and "not sent to chen@example.com via mailtos://gendan:" in wrong.stderr
    assert "535" in wrong.stderr and received == [] and "sent to" not in wrong.stdout
    ok = run(root, *debug, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": SECRET, **trust})
    assert ok.exit_code == 0, ok.output
    assert len(received) == 1 and "trims_in_house" in received[0]
    for result in (missing, wrong, ok):
        assert SECRET not in result.output and SECRET[:8] not in result.output
    assert SECRET not in received[0]


def test_dry_run_needs_no_password(tmp_path, smtp_server):
    port, received, trust = smtp_server
    root = _mail_workspace(tmp_path, port)
    result = run(root, "overdue", "--mail", "--dry-run", *AS_OF, env={"GENDAN_SMTP_PASSWORD": "", **trust})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"--- to chen@example.com via mailtos://gendan@127.0.0.1:{port}/chen@example.com")
    assert "trims_in_house" in result.stdout and received == []


def test_the_servers_certificate_is_checked(tmp_path, smtp_server):
    """STARTTLS to a server whose certificate nobody vouches for (no SSL_CERT_FILE here): the
    password is not sent to it, nothing is mailed, and it is reported."""
    port, received, _trust = smtp_server
    root = _mail_workspace(tmp_path, port)
    result = run(root, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": SECRET})
    assert result.exit_code == 1 and received == []
    assert "not sent to chen@example.com via mailtos://gendan:****@127.0.0.1" in result.stderr
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr and SECRET not in result.output


def test_non_ascii_password_is_a_clean_error(tmp_path, smtp_server):
    port, received, trust = smtp_server
    root = _mail_workspace(tmp_path, port)
    secret = "\u5bc6\u7801-s3cret"
    result = run(root, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": secret, **trust})
    assert result.exit_code == 2 and "other than ASCII" in result.stderr and "internal error" not in result.stderr
    assert secret not in result.output and received == []


def test_new_order_cannot_go_through_a_symlinked_folder(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "2026").symlink_to(elsewhere, target_is_directory=True)
    result = run(root, "new", "SO-7", "--dir", "2026", *AS_OF)
    assert result.exit_code == 2 and "leads outside the workspace" in result.stderr
    for bad in ("../elsewhere", str(elsewhere), ".hidden"):
        assert run(root, "new", "SO-7", "--dir", bad, *AS_OF).exit_code == 2
    assert list(elsewhere.iterdir()) == []


def test_document_into_a_linked_out_folder_is_refused(docs, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (docs / "2026" / "SO-2026-0150" / "out").symlink_to(elsewhere, target_is_directory=True)
    result = run(docs, "doc", "SO-2026-0150", "pi", *AS_OF)
    assert result.exit_code == 2 and "leads outside the workspace" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_site_stays_in_its_folder_and_publishes_no_linked_folder(tmp_path, monkeypatch):
    secret = tmp_path / "home" / ".ssh"
    secret.mkdir(parents=True)
    (secret / "id_rsa").write_text("PRIVATE KEY")
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": ORDER.replace(b"id: SO-1", b'id: "../../../../pwned"'),
            "SO-2/order.yaml": ORDER.replace(b"id: SO-1", b"id: SO-2"),
        },
    )
    (root / "SO-2" / "out").symlink_to(secret, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    result = run(root, "site", "-o", "public", *AS_OF)
    assert (
        result.exit_code == 1 and "SO-1/order.yaml:2:5: E103 'id': '../../../../pwned' is not a usable" in result.stderr
    )
    assert not list(tmp_path.rglob("pwned*")) and not list((tmp_path / "public").rglob("id_rsa"))
    assert "1 order files with problems left out" in (tmp_path / "public" / "index.html").read_text()
    assert (tmp_path / "public" / "orders" / "SO-2.html").is_file()


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", "SO-1"),
        ("status",),
        ("overdue", "--within", "400"),
        ("whatif", "--slip", "fabric_in_house=5"),
    ],
)
def test_order_text_cannot_send_terminal_escapes_through_tables(tmp_path, command):
    evil = b'"\\e[31mRED\\e]0;title\\a\\u202eNordic\\nsecond line"'
    root = make_workspace(
        tmp_path, {"SO-1/order.yaml": ORDER.replace(b"customer: {name: Nordic Outdoor AS", b"customer: {name: " + evil)}
    )
    result = run(root, "--as-of", "2026-11-30", *command)
    assert result.exit_code in (0, 1, 2), result.output  # show on an unreadable order: 2
    for bad in ("\x1b", "\x07", "\u202e", "\nsecond line"):
        assert bad not in result.output, (bad, result.output)
    # refused where it is written (it used to be shown escaped in the table: \x1b[31mRED)
    assert "E103 'customer.name': text holds the control character U+001B" in result.output


@pytest.mark.parametrize("template", ["site-index.html.j2", "pi.html.j2"])
def test_workspace_templates_run_in_the_sandbox(tmp_path, docs, template):
    (docs / "templates").mkdir(exist_ok=True)
    (docs / "templates" / template).write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    args = ("site", "-o", str(tmp_path / "pub")) if template.startswith("site") else ("doc", "SO-2026-0150", "pi")
    result = run(docs, *args, *AS_OF)
    assert result.exit_code == 2, result.output
    assert "was stopped by the sandbox: access to attribute '__class__'" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


# --- round two (issue 15): ids, names and git output ------------------------------------

OSC = "\x1b]0;owned\x07"


def _raw_escapes(text: str) -> list[str]:
    return [ch for ch in ("\x1b", "\x07", "\u202e", "\u2066") if ch in text]


@pytest.mark.parametrize(
    "folder",
    ["javascript:alert(1)", f"SO-1\n{OSC}E999 forged", "SO\u202e1", "data:text", "SO-2026-01*", ":(top)x"],
    ids=["scheme", "newline-osc", "bidi", "data", "glob", "pathspec"],
)
def test_validate_refuses_an_unsafe_folder_name(tmp_path, folder):
    """One safe-id rule for ids and folder names: each of these passed validate before."""
    root = make_workspace(tmp_path, {f"{folder}/order.yaml": ORDER.replace(b"id: SO-1", b"id: SO-7")})
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1, result.output
    assert _raw_escapes(result.output) == []
    # (the order's W403: its contract ex-factory 2027-02-20 is a Saturday)
    lines = [line for line in result.stdout.splitlines() if ": W403 ex-factory 2027-02-20 is a Saturday" not in line]
    assert len(lines) == 2 and lines[1] == "1 problem in 1 file (1 order checked, 1 warning)", lines  # no forged line
    assert ": E110 id SO-7 differs from the folder name" in lines[0]
    # the id in the file, the same as the folder: refused by the id rule itself, located
    (root / folder / "order.yaml").write_bytes(ORDER.replace(b"id: SO-1", b"id: " + json.dumps(folder).encode()))
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1 and _raw_escapes(result.output) == []
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and ":2:5: E103 'id': " in lines[0], lines
    assert "is not a usable order id" in lines[0] or "text holds the" in lines[0], lines


def test_the_same_id_in_two_folders_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_workspace(
        tmp_path, {"2025/SO-1/order.yaml": ORDER, "2026/SO-1/order.yaml": ORDER.replace(b"Chen Li", b"Wang Fang")}
    )
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if ": W403 " not in line] == [  # W403: a Saturday
        "ws/2025/SO-1/order.yaml:1:1: E113 order id SO-1 is also the folder ws/2026/SO-1; "
        "an id names one order (rename or remove one of them)",
        "ws/2026/SO-1/order.yaml:1:1: E113 order id SO-1 is also the folder ws/2025/SO-1; "
        "an id names one order (rename or remove one of them)",
        "2 problems in 2 files (2 orders checked, 2 warnings)",
    ]
    one = run(root, "validate", str(root / "2026/SO-1"), *AS_OF)  # as pre-commit names it
    assert one.exit_code == 1 and "E113 order id SO-1 is also the folder ws/2025/SO-1" in one.stdout
    site = run(root, "site", "-o", str(tmp_path / "pub"), *AS_OF)
    assert site.exit_code == 1 and site.stderr.count("E113") == 2
    assert not (tmp_path / "pub/orders/SO-1.html").exists()  # neither is published as "the" SO-1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_log_and_diff_print_commit_authors_and_subjects_escaped(tmp_path):
    from tests.helpers import commit_all, git

    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    commit_all(root, "SO-1 made", when="2026-10-15T10:00:00")
    order = root / "SO-1/order.yaml"
    order.write_bytes(ORDER.replace(b"Chen Li", b"Wang Fang"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"{OSC}evil\u202esubject\x1b[2J", who=f"Mallory{OSC}\u202eX", when="2026-10-16T10:00:00")
    for command in (("log", "SO-1"), ("diff", "SO-1", "--since", "2026-10-16"), ("log", "SO-1", "--format", "json")):
        result = run(root, "--as-of", "2026-11-30", *command)
        assert result.exit_code == 0, result.output
        assert _raw_escapes(result.output) == [], (command, result.output)
    text = run(root, "log", "SO-1", *AS_OF).stdout
    assert "Mallory\\x1b]0;owned\\x07\\u202eX" in text and "\\u202esubject\\x1b[2J" in text
    data = json.loads(run(root, "log", "SO-1", "--format", "json", *AS_OF).stdout)  # still valid JSON, same text
    assert any(e.get("who") == f"Mallory{OSC}\u202eX" for e in data["events"]), data


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("folder", ["SO-2*", ":(top)SO-2", "SO-[2]", ":(glob)SO-2?"])
def test_log_names_its_own_folder_literally(tmp_path, monkeypatch, folder):
    """`log` on a folder whose name is pathspec magic showed other orders' commits. (Such a name
    is no order id, and validate says so with E110; `log` on the folder still shows its own.)"""
    from tests.helpers import commit_all

    other = {f"{name}/order.yaml": ORDER.replace(b"id: SO-1", b"id: " + name.encode()) for name in ("SO-2", "SO-20")}
    root = make_workspace(tmp_path, other)
    commit_all(root, "SO-2 and SO-20: other orders", when="2026-10-14T10:00:00")
    (root / folder).mkdir()
    (root / folder / "order.yaml").write_bytes(ORDER.replace(b"id: SO-1", b"id: SO-2"))
    commit_all(root, "this folder", when="2026-10-15T10:00:00")
    monkeypatch.chdir(root)
    result = run(root, "--as-of", "2026-11-30", "log", f"./{folder}")
    assert result.exit_code == 0, result.output
    assert "this folder" in result.stdout and "other orders" not in result.stdout


def test_import_rejections_print_cell_text_escaped(tmp_path):
    from tests.test_importer import tracker

    root = make_workspace(tmp_path, {})
    rows = [
        ["SO-1\nrow 99: created", "Acme", "P", "S", "Black", 10, 1, "USD", None, "2027-01-10", "X", None],
        ["SO-2", "Acme", "P", "S", "Black", "\u202emany\u2066", 1, "USD", None, "2027-01-10", "X", None],
    ]
    r = run(root, "--as-of", "2026-11-30", "import", str(tracker(tmp_path / "t.xlsx", rows)))
    assert r.exit_code == 1 and _raw_escapes(r.output) == []
    errors = r.stderr.splitlines()
    assert errors[0].startswith(
        "row 5: not imported (SO-1\\nrow 99: created): 'SO-1\\nrow 99: created' is not a usable"
    )
    assert errors[1].startswith(
        "row 6: not imported (SO-2): quantity (quantity): '\\u202emany\\u2066' is not a quantity"
    )
    assert len(errors) == 2


# --- round two: workspace templates stay inside templates/ ---------------------------


@pytest.mark.parametrize("how", ["file", "folder", "templates", "include"])
def test_workspace_templates_cannot_read_a_file_through_a_link(tmp_path, docs, how):
    """A symlink inside templates/ (or a symlinked templates/) plus {% include %} published any file."""
    secret = tmp_path / "home" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("AWS_SECRET=hunter2", encoding="utf-8")
    templates = docs / "templates"
    if how == "templates":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        (elsewhere / "pi.html.j2").write_text("{% include 'secret.txt' %}", encoding="utf-8")
        (elsewhere / "secret.txt").symlink_to(secret)
        templates.symlink_to(elsewhere, target_is_directory=True)
    else:
        templates.mkdir()
        (templates / "pi.html.j2").write_text("PI {% include 'inc/secret.txt' %}", encoding="utf-8")
        if how == "file":
            (templates / "inc").mkdir()
            (templates / "inc" / "secret.txt").symlink_to(secret)
        elif how == "folder":
            (templates / "inc").symlink_to(secret.parent, target_is_directory=True)
        else:  # the template itself a link to a template that includes a neighbour of the secret
            (templates / "pi.html.j2").unlink()
            (secret.parent / "pi.html.j2").write_text("{% include 'secret.txt' %}", encoding="utf-8")
            (templates / "pi.html.j2").symlink_to(secret.parent / "pi.html.j2")
    for args in (("doc", "SO-2026-0150", "pi"), ("site", "-o", str(tmp_path / "pub"))):
        result = run(docs, *args, *AS_OF)
        assert "hunter2" not in result.output
        written = [p for p in (*docs.rglob("*.html"), *(tmp_path / "pub").rglob("*")) if p.is_file()]
        assert not [p for p in written if "hunter2" in p.read_text(encoding="utf-8", errors="replace")]
        if args[0] == "doc":
            assert result.exit_code == 2 and "is a symlink; gendan reads workspace templates only" in result.stderr


# --- round two: the SMTP secret ------------------------------------------------------------


@pytest.mark.parametrize(
    "mail, where, message",
    [
        (", password_env: AWS_SECRET_ACCESS_KEY", "89", "mail.password_env: AWS_SECRET_ACCESS_KEY is not a GENDAN_*"),
        (", password_env: HOME", "89", "mail.password_env: HOME is not a GENDAN_* variable"),
        (", starttls: false", "85", "mail.starttls is false but mail.user is set: the password would cross"),
        (", password_file: secrets/smtp.txt", "90", "mail.password_file: secrets/smtp.txt is inside the workspace"),
    ],
    ids=["aws", "home", "cleartext", "file-inside"],
)
def test_gendan_yaml_cannot_collect_a_secret(tmp_path, smtp_server, mail, where, message):
    """`mail.password_env: AWS_SECRET_ACCESS_KEY` with `starttls: false` sent that variable in clear text."""
    port, received, trust = smtp_server
    root = _mail_workspace(tmp_path, port, mail)
    checked = run(root, "validate", *AS_OF)
    assert checked.exit_code == 1
    line = next(line for line in checked.stdout.splitlines() if "E300" in line)
    assert f"ws/gendan.yaml:4:{where}: E300 {message}" in line, line  # located at the value
    env = {"AWS_SECRET_ACCESS_KEY": SECRET, "HOME": str(tmp_path / SECRET), "GENDAN_SMTP_PASSWORD": SECRET, **trust}
    sent = run(root, "overdue", "--mail", *AS_OF, env=env)
    assert sent.exit_code == 2 and message in sent.stderr and received == []
    assert SECRET not in sent.output


def test_password_from_a_file_outside_the_workspace(tmp_path, smtp_server):
    port, received, trust = smtp_server
    secret_file = tmp_path / "private" / "smtp-password"
    secret_file.parent.mkdir()
    secret_file.write_text(SECRET + "\n", encoding="utf-8")
    root = _mail_workspace(tmp_path, port, f", password_file: {secret_file}")
    ok = run(root, "overdue", "--mail", *AS_OF, env={"GENDAN_SMTP_PASSWORD": "wrong", **trust})
    assert ok.exit_code == 0, ok.output
    assert len(received) == 1 and SECRET not in ok.output
    secret_file.unlink()
    gone = run(root, "overdue", "--mail", *AS_OF, env=trust)
    assert gone.exit_code == 2 and f"mail.password_file {secret_file}: cannot read it" in gone.stderr


def test_login_needs_tls_even_when_the_config_check_is_skipped(tmp_path):
    from gendan.core.config import Mail
    from gendan.core.errors import GendanError
    from gendan.render import mail

    settings = Mail(host="127.0.0.1", port=1, starttls=False, user="gendan")
    with pytest.raises(GendanError, match="gendan logs in only over TLS"):
        mail._login(settings, SECRET)
    with pytest.raises(GendanError, match="is not a GENDAN_\\* variable"):
        mail.password(Mail(password_env="AWS_SECRET_ACCESS_KEY"), tmp_path)


# --- round two: writes outside the workspace through symlinks --------------------------


@pytest.mark.parametrize("dangling", [False, True], ids=["link", "dangling"])
def test_new_on_a_symlinked_id_folder_writes_nothing_outside(tmp_path, dangling):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    elsewhere = tmp_path / "elsewhere"
    if not dangling:
        elsewhere.mkdir()
    (root / "SO-7").symlink_to(elsewhere, target_is_directory=True)
    result = run(root, "new", "SO-7", *AS_OF)
    assert result.exit_code == 2 and "leads outside the workspace" in result.stderr, result.output
    assert not elsewhere.exists() if dangling else list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("link", [".gendan", ".gendan/cache", ".gendan/.gitignore"])
def test_a_symlinked_cache_folder_is_never_written_through(tmp_path, link):
    """A symlinked .gendan/ made every report write its cache and .gitignore wherever it pointed."""
    import time

    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    elsewhere = tmp_path / "elsewhere"
    if link == ".gendan/.gitignore":
        (root / ".gendan").mkdir()
        (root / link).symlink_to(elsewhere / ".bashrc")  # dangling: writing would create it
        elsewhere.mkdir()
    else:
        elsewhere.mkdir()
        (root / link).parent.mkdir(exist_ok=True)
        (root / link).symlink_to(elsewhere, target_is_directory=True)
    time.sleep(0.2)  # the order file has settled: a report would cache it
    for command in (("status",), ("list",), ("validate",)):
        assert run(root, "--as-of", "2026-11-30", *command).exit_code in (0, 1)
    assert list(elsewhere.iterdir()) == []
    if link == ".gendan/.gitignore":  # the cache itself is still kept, in its own folder
        assert (root / ".gendan/cache/orders.pickle").is_file()


# --- round two: the one sanitiser, as a property -----------------------------------------

UNSAFE = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


@fuzz(300)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=()),  # surrogates too
            st.sampled_from("\x1b\x07\u202e\u2066\n\r\t\x7f\x85\u2028\U000e0001\ud800\\[]0;"),
        ),
        max_size=40,
    )
)
def test_the_sanitiser_lets_no_unsafe_character_through(text):
    import unicodedata

    from gendan.core.text import one_line, terminal

    shown = terminal(text)
    assert all(ch in "\n\t" or unicodedata.category(ch) not in UNSAFE for ch in shown)
    assert shown.count("\n") == text.count("\n")  # gendan's own lines are kept ...
    line = one_line(text)
    assert all(unicodedata.category(ch) not in UNSAFE for ch in line)  # ... a value's are not
    assert terminal(line) == line and one_line(line) == line  # escaping twice changes nothing more
    # JSON printed through it stays valid and means the same text
    assert json.loads(terminal(json.dumps(text, ensure_ascii=False))) == text


def test_every_command_prints_through_the_one_sanitiser():
    """New output must not bypass `options.echo` (the one sanitiser): a raw click.echo or print
    in a command is caught here. The allowed ones sanitise in the same statement."""
    import re

    from tests.helpers import ROOT

    raw = re.compile(r"\b(click\.echo|click\.secho|print|sys\.stdout\.write|sys\.stderr\.write)\(")
    found = []
    for path in sorted([*(ROOT / "gendan" / "commands").glob("*.py"), ROOT / "gendan" / "cli.py"]):
        if path.name == "options.py":
            continue
        text = path.read_text(encoding="utf-8")
        for m in raw.finditer(text):
            statement = text[m.start() : text.find("\n\n", m.start())]
            if "terminal(" in statement.split(")\n", 1)[0] or re.match(r'click\.echo\("[^"{]*", err=True\)', statement):
                continue
            found.append(f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}: {statement.splitlines()[0].strip()}")
    assert found == []


def test_a_line_break_in_a_name_forges_no_line_of_site_output(tmp_path):
    """A line break is text (addresses, notes), so a name may hold one; printed, it stays escaped."""
    order = ORDER.replace(b"customer: {name: Nordic Outdoor AS", b'customer: {name: "Nordic\\nE999 forged"')
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order})
    result = run(root, "site", "-o", str(tmp_path / "pub"), *AS_OF)
    assert result.exit_code == 0, result.output
    assert "\nE999" not in result.output and "  Nordic\\nE999 forged: " in result.stdout
