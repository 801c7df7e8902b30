"""`gendan overdue --mail` against a real SMTP server on localhost (aiosmtpd): the mail channel
made from `mail:` in gendan.yaml and sent by Apprise, like every other channel (render/notify.py)."""

import email
import email.policy
import socket

import pytest

from tests.helpers import REPORT_CONFIG, REPORT_FILES, make_workspace, run

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

AS_OF = ("--as-of", "2026-11-30")


class Recorder:
    """Accepts every mail; refuses recipients listed in `refuse`."""

    def __init__(self, refuse=()):
        self.received = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    servers = []

    def start(refuse=()):
        handler = Recorder(refuse)
        controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return controller.port, handler

    yield start
    for c in servers:
        c.stop()


def workspace(tmp_path, port):
    return make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG.replace("port: 1", f"port: {port}"))


ADDRESSES = ("chen.li@example.com", "liu.fang@example.com", "wang.min@example.com")


def bodies(msg):
    """The HTML table gendan wrote, and the plain-text alternative Apprise made of it."""
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return plain, html


def cells(html):
    """The table's rows, cell by cell, read back from the HTML."""
    import re
    from html import unescape

    return [
        [unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
    ]


def test_one_mail_per_owner_with_their_items(tmp_path, smtp):
    port, server = smtp()
    root = workspace(tmp_path, port)
    result = run(root, "overdue", *AS_OF, "--mail")
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(f"sent to {a} via mailto://127.0.0.1:{port}/{a}: 1 message\n" for a in ADDRESSES)
    by_rcpt = {tuple(rcpts): msg for sender, rcpts, msg in server.received}
    assert sorted(by_rcpt) == [(a,) for a in ADDRESSES]
    assert all(sender == "gendan@example.com" for sender, _, _ in server.received)
    assert all(msg["From"] == "gendan@example.com" and msg["To"] == rcpts[0] for _, rcpts, msg in server.received)
    # every item of `gendan overdue` in exactly one mail: its owner's
    import json

    report = json.loads(run(root, "overdue", *AS_OF, "--format", "json").stdout)
    assert len(report) == 20
    mailed = []
    for (address,), msg in by_rcpt.items():
        plain, html = bodies(msg)
        rows = cells(html)
        assert rows[0] == [
            "order",
            "customer",
            "milestone",
            "owner",
            "due",
            "working_days_late",
            "kind",
            "severity",
            "detail",
        ]
        mailed += [(address, r[0], r[2], r[3], r[8]) for r in rows[1:]]
        for row in rows[1:]:  # the plain-text alternative holds every cell too
            assert all(c in plain for c in row if c), (row, plain)
    owners = {"Chen Li": "chen.li@example.com", "Liu Fang": "liu.fang@example.com", "Wang Min": "wang.min@example.com"}
    # ... with its detail worded as the report words it (no data structure shown as text)
    assert sorted(mailed) == sorted(
        (owners[i["owner"]], i["order"], i["milestone"], i["owner"], i["detail"]) for i in report
    )
    liu = by_rcpt[("liu.fang@example.com",)]
    assert liu["Subject"] == "gendan: 0 overdue, 2 items to follow up (as of 2026-11-30)"
    plain, html = bodies(liu)
    assert "deposit not received" in plain and "the terms want the money before shipment" in plain
    assert "lab_dip" not in plain  # Chen Li's items stay in Chen Li's mail
    assert "<td>R4</td>" in html and "<td>Liu Fang</td>" in html
    chen_plain, chen_html = bodies(by_rcpt[("chen.li@example.com",)])
    assert "lab_dip_approved" in chen_plain and "Wang Min" not in chen_plain
    # customer text is escaped in HTML
    wang_html = bodies(by_rcpt[("wang.min@example.com",)])[1]
    assert "=HYPERLINK(&quot;http://x&quot;)" in wang_html


def test_mail_to_one_address(tmp_path, smtp):
    port, server = smtp()
    result = run(workspace(tmp_path, port), "overdue", *AS_OF, "--mail-to", "boss@example.com", "--quiet")
    assert (result.exit_code, result.stdout) == (0, "")
    assert [r for _, r, _ in server.received] == [["boss@example.com"]]
    plain, html = bodies(server.received[0][2])
    assert "SO-A" in plain and "SO-B" in plain and "<table>" in html


def test_nothing_to_report_sends_nothing(tmp_path, smtp):
    port, server = smtp()
    root = make_workspace(tmp_path, {}, REPORT_CONFIG.replace("port: 1", f"port: {port}"))
    result = run(root, "overdue", *AS_OF, "--mail", "--quiet")
    assert (result.exit_code, result.stdout, server.received) == (0, "", [])


def test_server_down(tmp_path):
    """Reported per recipient as every channel's failures are (exit 1), nothing reported as sent."""
    port = free_port()
    result = run(workspace(tmp_path, port), "overdue", *AS_OF, "--mail")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "".join(
        f"gendan: not sent to {a} via mailto://127.0.0.1:{port}/{a}: Connection error while submitting email "
        f'to "127.0.0.1" ([Errno 111] Connection refused) (0 of 1 messages sent)\n'
        for a in ADDRESSES
    )


def test_server_refuses_a_recipient_partway(tmp_path, smtp):
    port, server = smtp(refuse={"wang.min@example.com"})
    result = run(workspace(tmp_path, port), "overdue", *AS_OF, "--mail")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gendan: not sent to wang.min@example.com via mailto://127.0.0.1:{port}/wang.min@example.com: "
        'Sending email to "wang.min@example.com" failed. (550 5.1.1 mailbox unavailable) (0 of 1 messages sent)\n'
    )
    # the others are served, and only they are reported as sent
    assert result.stdout.count("sent to") == 2 and "wang.min" not in result.stdout
    assert sorted(r for _, r, _ in server.received) == [["chen.li@example.com"], ["liu.fang@example.com"]]


def test_dry_run_sends_nothing_and_shows_each_mail(tmp_path, smtp):
    port, server = smtp()
    result = run(workspace(tmp_path, port), "overdue", *AS_OF, "--mail", "--dry-run")
    assert result.exit_code == 0, result.output
    assert server.received == []
    for a in ADDRESSES:
        assert f"--- to {a} via mailto://127.0.0.1:{port}/{a}: 1 message\nSubject: gendan: " in result.stdout
    assert "Overdue and due within 7 days, as of 2026-11-30, for Test Trading Co." in result.stdout


def test_no_login_without_tls(tmp_path, smtp):
    """This server offers no TLS: a login over it would send the password in clear text, so a
    `user` with `starttls: false` is refused before anything is sent (the password's own tests,
    over STARTTLS, are in tests/test_security.py)."""
    port, server = smtp()
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG.replace("port: 1", f"port: {port}, user: robot"))
    result = run(root, "overdue", *AS_OF, "--mail", env={"GENDAN_SMTP_PASSWORD": "s3cret-pw"})
    assert result.exit_code == 2 and "E300 mail.starttls is false but mail.user is set" in result.stderr
    assert "s3cret-pw" not in result.stderr + result.stdout and server.received == []


def test_missing_address_sends_nothing(tmp_path, smtp):
    port, server = smtp()
    config = REPORT_CONFIG.replace("port: 1", f"port: {port}").replace(", email: wang.min@example.com", "")
    result = run(make_workspace(tmp_path, REPORT_FILES, config), "overdue", *AS_OF, "--mail")
    assert result.exit_code == 2
    assert "no e-mail address in gendan.yaml people for Wang Min" in result.stderr
    assert server.received == []


def test_mail_in_chinese_with_links_to_the_order_pages(tmp_path, smtp):
    port, server = smtp()
    config = REPORT_CONFIG.replace("port: 1", f"port: {port}") + "site: {url: 'https://orders.example.com'}\n"
    root = make_workspace(tmp_path, REPORT_FILES, config)
    result = run(root, "--lang", "zh", "overdue", *AS_OF, "--mail-to", "boss@example.com")
    assert result.exit_code == 0, result.output
    ((_, rcpts, msg),) = server.received
    assert rcpts == ["boss@example.com"]
    import json

    report = json.loads(run(root, "overdue", *AS_OF, "--format", "json").stdout)
    late = sum(1 for i in report if i["kind"] != "at_risk" and i["working_days_late"] > 0)
    assert (late, len(report)) == (10, 20)
    assert msg["Subject"] == "gendan：10 项逾期，20 项待跟进（截至 2026-11-30）"
    plain, html = bodies(msg)
    rows = cells(html)
    assert rows[0] == ["订单号", "客户", "节点", "负责人", "应完成", "逾期工作日", "类别", "紧急程度", "说明"]
    assert {r[6] for r in rows[1:]} <= {
        "逾期",
        "即将到期",
        "定金未到",
        "产前样未批",
        "尾款未到",
        "有延期风险",
        "待收款",
        "信用证",
    }
    assert "Test Trading Co：截至 2026-11-30，逾期及 7 天内到期的事项。" in plain
    for order in ("SO-A", "SO-B"):
        assert f'<td><a href="https://orders.example.com/orders/{order}.html">{order}</a></td>' in html
