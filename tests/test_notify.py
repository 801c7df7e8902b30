"""`gendan overdue --notify URL` / `--notify-owners`: delivery through Apprise to a webhook served
here on the loopback address (Apprise's generic `json://`), failures, routing, splitting."""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from gendan.reports.facts import Item
from tests.helpers import replace_in, run

AS_OF = "2026-11-30"


class Hook(BaseHTTPRequestHandler):
    received: list[tuple[str, dict]]  # set on the class per server

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(3)
        status = {"/fail": 500, "/gone": 404}.get(path, 200)
        if status == 200:
            self.server.received.append((path, body))  # type: ignore[attr-defined]
        try:
            self.send_response(status)
            self.end_headers()
        except OSError:  # the client gave up (time-out)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def hook():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def url(server, path: str, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"json://127.0.0.1:{server.server_address[1]}{path}" + (f"?{query}" if query else "")


def expected_lines(root, *args: str) -> list[str]:
    """The report's items, from `overdue --format json`, as the notify module writes a line."""
    from gendan.render.notify import line

    items = json.loads(run(root, "--as-of", AS_OF, "overdue", "--format", "json", *args).output)
    return [
        line(Item(**{**i, "due": date.fromisoformat(i["due"]) if i["due"] else None, "merchandiser": "", "stage": ""}))
        for i in items
    ]


def bodies(server, path: str) -> list[str]:
    return [b["message"] for p, b in server.received if p == path]


def test_delivered_to_a_local_webhook(examples, hook):
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify", url(hook, "/ok"))
    assert result.exit_code == 0, result.output
    got = bodies(hook, "/ok")
    assert len(got) == 1
    lines = got[0].split("\n")
    assert lines[0].startswith(f"gendan {AS_OF}: ") and " overdue, " in lines[0]
    assert lines[1:] == expected_lines(examples)
    assert result.stdout == f"sent to --notify via json://127.0.0.1:{hook.server_address[1]}/ok: 1 message\n"


def test_failures_reported_others_served(examples, hook):
    result = run(
        examples,
        "--as-of",
        AS_OF,
        "overdue",
        "--notify",
        url(hook, "/fail"),
        "--notify",
        "bogus://nothing-here",
        "--notify",
        url(hook, "/gone"),
        "--notify",
        url(hook, "/slow", rto="1", cto="1"),
        "--notify",
        url(hook, "/ok"),
    )
    assert result.exit_code == 1
    assert len(bodies(hook, "/ok")) == 1  # the good one still served
    assert bodies(hook, "/fail") == bodies(hook, "/gone") == []
    # only what a service accepted is reported as sent
    assert result.stdout.count("sent to") == 1 and "/ok: 1 message" in result.stdout
    err = result.stderr
    assert "not sent to --notify via --notify #2: unknown or malformed notification URL (scheme 'bogus')" in err
    assert "/fail" in err and "500" in err
    assert "/gone" in err and "404" in err
    assert "/slow" in err and "0 of 1 messages sent" in err
    assert "Traceback" not in result.output


def test_dry_run_splits_within_wecom_limit(examples, hook):
    result = run(
        examples,
        "--as-of",
        AS_OF,
        "overdue",
        "--within",
        "3650",
        "--notify",
        "wecombot://0123456789abcdef",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert hook.received == []
    assert result.stdout.startswith("--- to --notify via wecombot://")
    assert "0123456789abcdef" not in result.stdout  # the key is not printed
    messages = [m.strip("\n") for m in result.stdout.split("\n\n") if m.strip()]
    messages[0] = messages[0].split("\n", 1)[1]  # after the "--- to" line
    assert len(messages) > 3
    for n, text in enumerate(messages, 1):
        assert len(text.encode("utf-8")) <= 2048
        assert text.split("\n")[0].endswith(f" ({n}/{len(messages)})")
    items = [item for text in messages for item in text.split("\n")[1:]]
    assert items == expected_lines(examples, "--within", "3650")  # every item once, none cut


@pytest.mark.parametrize(
    "chat",
    [
        "wecombot://0123456789abcdef",
        "dingtalk://token0123456789/",
        "dingtalk://SECsecret0123@token0123456789/",
        "feishu://token0123456789",
        "lark://token0123456789/",
        "mailtos://user:pw@example.com?to=chen@example.com",
    ],
)
def test_each_chat_url_parsed_without_sending(examples, chat):
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify", chat, "--dry-run")
    assert result.exit_code == 0, result.output
    scheme = chat.split("://")[0]
    assert result.stdout.startswith(f"--- to --notify via {scheme}://")


CONFIG = """\
company: {name: Test Co}
notify:
  default: {to: GENDAN_NOTIFY_TEAM}
  people:
    Chen Li: {to: GENDAN_NOTIFY_CHEN, min_severity: high}
"""


def test_routing_from_gendan_yaml(examples, hook):
    replace_in(examples / "gendan.yaml", "people:", CONFIG.split("company: {name: Test Co}\n")[1] + "people:")
    env = {"GENDAN_NOTIFY_TEAM": url(hook, "/team"), "GENDAN_NOTIFY_CHEN": url(hook, "/chen")}
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify-owners", env=env)
    assert result.exit_code == 0, result.output
    items = json.loads(run(examples, "--as-of", AS_OF, "overdue", "--format", "json").output)
    chen = bodies(hook, "/chen")
    team = bodies(hook, "/team")
    assert len(chen) == len(team) == 1
    chen_lines, team_lines = chen[0].split("\n")[1:], team[0].split("\n")[1:]
    wanted = expected_lines(examples)
    merchandiser = {
        d["id"]: d.get("merchandiser")
        for d in map(yaml.safe_load, (p.read_text() for p in examples.rglob("order.yaml")))
    }

    def to_chen(i):  # her own items, and those of her orders whose owner has no channel
        return i["owner"] == "Chen Li" or merchandiser[i["order"]] == "Chen Li"

    pairs = list(zip(wanted, items, strict=True))
    # to her: only severity high or worse; to the team channel: everything of everyone else
    assert chen_lines == [w for w, i in pairs if to_chen(i) and i["severity"] != "normal"]
    assert 0 < len(chen_lines) < len([w for w, i in pairs if to_chen(i)])  # her normal items are held back
    assert team_lines == [w for w, i in pairs if not to_chen(i)]
    assert team_lines


def test_owner_without_channel_and_no_default(examples, hook):
    replace_in(examples / "gendan.yaml", "people:", "notify:\n  people:\n    Nobody: {to: GENDAN_NOTIFY_X}\npeople:")
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify-owners", env={"GENDAN_NOTIFY_X": url(hook, "/x")})
    assert result.exit_code == 1
    assert "no notify channel for Chen Li" in result.stderr
    assert hook.received == []


def test_variable_not_set(examples, hook):
    replace_in(examples / "gendan.yaml", "people:", "notify:\n  default: {to: GENDAN_NOTIFY_UNSET}\npeople:")
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify-owners", env={"GENDAN_NOTIFY_UNSET": ""})
    assert result.exit_code == 1
    assert "not sent to default via notify.default.to ($GENDAN_NOTIFY_UNSET): no URL" in result.stderr


@pytest.mark.parametrize("value", ["wecombot://0123456789abcdef", "SMTP_PASSWORD"])
def test_secret_in_gendan_yaml_refused(examples, value):
    replace_in(examples / "gendan.yaml", "people:", f"notify:\n  default: {{to: '{value}'}}\npeople:")
    result = run(examples, "validate")
    assert result.exit_code == 1
    assert "gendan.yaml:" in result.output and "E300 notify.default.to " in result.output
    assert "GENDAN_" in result.output
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify-owners")
    assert result.exit_code != 0 and "notify.default.to" in result.output


def test_split_never_cuts_an_item():
    from gendan.render.notify import Report, line, split

    items = [
        Item(
            f"SO-{n}",
            "北欧户外 Nordic Outdoor AS",
            "fabric_in_house",
            "陈丽",
            date(2026, 12, n % 28 + 1),
            n - 30,
            "overdue",
            "high",
        )
        for n in range(60)
    ]
    for limit in (300, 1000, 2048, 19985):
        parts = split(items, Report(date(2026, 11, 30)), limit)
        assert all(len(p.encode("utf-8")) <= limit for p in parts)
        assert [x for p in parts for x in p.split("\n")[1:]] == [line(i) for i in items]
        if limit < 2048:
            assert len(parts) > 1


def test_readme_shows_the_wecom_message_it_makes(examples):
    from tests.helpers import ROOT

    result = run(
        examples,
        "--as-of",
        AS_OF,
        "overdue",
        "--owner",
        "Chen Li",
        "--notify",
        "wecombot://0123456789abcdef",
        "--dry-run",
    )
    assert result.exit_code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (
        '--owner "Chen Li" --notify "wecombot://$GENDAN_WECOM_KEY" --dry-run\n' + result.stdout.rstrip("\n") in readme
    )
    zh = run(
        examples,
        "--lang",
        "zh",
        "--as-of",
        AS_OF,
        "overdue",
        "--owner",
        "Chen Li",
        "--notify",
        "wecombot://0123456789abcdef",
        "--dry-run",
    )
    assert zh.exit_code == 0 and "项逾期" in zh.stdout
    assert (
        '$ gendan --lang zh --as-of 2026-11-30 overdue --owner "Chen Li" --notify "wecombot://$GENDAN_WECOM_KEY" '
        "--dry-run\n" + zh.stdout.rstrip("\n") in readme
    )


# --- site.url: the address order links point at ---------------------------------------------


@pytest.mark.parametrize(
    "value, why",
    [
        ("ftp://orders.example.com/", "is not an http:// or https:// address with a host"),
        ("orders.example.com/status", "is not an http:// or https:// address with a host"),
        ("https://", "is not an http:// or https:// address with a host"),
        ("https://robot:s3cret@orders.example.com/", "holds a user name or password"),
        ("https://orders.example.com/?token=1", "has a query or fragment"),
        ("https://orders.example.com/#top", "has a query or fragment"),
        ("https://orders.example.com/a b", "has spaces or control characters"),
        ("https://orders.example.com:99999/", "is not a valid address"),
        ("https://orders.example.com/" + "x" * 500, "is longer than 500 characters"),
    ],
)
def test_site_url_checked(examples, value, why):
    replace_in(examples / "gendan.yaml", "people:", f"site: {{url: '{value}'}}\npeople:")
    line_no = next(n for n, t in enumerate((examples / "gendan.yaml").read_text().splitlines(), 1) if "site:" in t)
    result = run(examples, "validate")
    assert result.exit_code == 1
    assert f"gendan.yaml:{line_no}:" in result.output and f"E300 site.url {value!r} {why}" in result.output
    # every command refuses it, before sending anything
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify", "wecombot://0123456789abcdef", "--dry-run")
    assert result.exit_code == 2 and "site.url" in result.output and "--- to" not in result.output


@pytest.mark.parametrize("value", ["https://orders.example.com", "http://10.0.0.5:8080/gendan/", "HTTPS://x.cn/跟单"])
def test_site_url_accepted(examples, value):
    replace_in(examples / "gendan.yaml", "people:", f"site: {{url: '{value}'}}\npeople:")
    result = run(examples, "validate")
    assert "site.url" not in result.output, result.output


# --- links to the site's order pages, and the language ---------------------------------------

SITE = "https://orders.example.com/hongda"


def dry_run_messages(stdout: str) -> list[str]:
    messages = [m.strip("\n") for m in stdout.split("\n\n") if m.strip()]
    messages[0] = messages[0].split("\n", 1)[1]  # after the "--- to" line
    return messages


def test_each_item_links_to_its_order_page(examples, hook):
    replace_in(examples / "gendan.yaml", "people:", f"site: {{url: '{SITE}/'}}\npeople:")
    args = ("--as-of", AS_OF, "overdue", "--within", "3650")
    result = run(examples, *args, "--notify", "wecombot://0123456789abcdef", "--dry-run")
    assert result.exit_code == 0, result.output
    messages = dry_run_messages(result.stdout)
    assert len(messages) > 3
    wanted = expected_lines(examples, "--within", "3650")
    got: list[str] = []
    for n, text in enumerate(messages, 1):
        assert len(text.encode("utf-8")) <= 2048  # the links count in the limit
        assert text.split("\n")[0].endswith(f" ({n}/{len(messages)})")
        body = text.split("\n")[1:]
        assert len(body) % 2 == 0 and not body[0].startswith("  ")  # a part starts with an item, never a link
        for item, link in zip(body[::2], body[1::2], strict=True):
            order = item.split(" ")[1]
            assert link == f"  {SITE}/orders/{order}.html"  # under its own item, in the same part
            got.append(item)
    assert got == wanted  # every item once, in order, none cut
    # delivered the same way
    result = run(examples, "--as-of", AS_OF, "overdue", "--notify", url(hook, "/ok"))
    assert result.exit_code == 0, result.output
    lines = bodies(hook, "/ok")[0].split("\n")[1:]
    assert lines[1::2] == [f"  {SITE}/orders/{item.split(' ')[1]}.html" for item in lines[::2]]


# English words of the messages that must not be left in a Chinese message (names, order ids
# and milestone keys of workspaces without Chinese names are data, not words of gendan's)
ENGLISH = ("overdue", "late", "due", "follow up", "at_risk", "at risk", "today", "working days", "deposit", "forecast")


@pytest.mark.parametrize("how", ["--lang", "GENDAN_LANG", "language"])
def test_messages_in_chinese(examples, how):
    args: tuple[str, ...] = ()
    env = {}
    if how == "--lang":
        args = ("--lang", "zh")
    elif how == "GENDAN_LANG":
        env = {"GENDAN_LANG": "zh"}
    else:
        replace_in(examples / "gendan.yaml", "people:", "language: zh\npeople:")
    result = run(
        examples,
        *args,
        "--as-of",
        AS_OF,
        "overdue",
        "--within",
        "30",
        "--notify",
        "wecombot://0123456789abcdef",
        "--dry-run",
        env=env,
    )
    assert result.exit_code == 0, result.output
    messages = dry_run_messages(result.stdout)
    items = json.loads(run(examples, "--as-of", AS_OF, "overdue", "--within", "30", "--format", "json").output)
    lines = [x for m in messages for x in m.split("\n")[1:]]
    assert len(lines) == len(items)
    assert messages[0].split("\n")[0].startswith(f"gendan {AS_OF}：") and "项逾期" in messages[0]
    kinds = {i["kind"] for i in items}
    assert {"overdue", "due_soon", "at_risk"} <= kinds and kinds & {"R4", "R6", "payment"}
    for text, item in zip(lines, items, strict=True):
        data = text.replace(item["customer"], "").replace(item["owner"], "").replace(item["milestone"], "")
        assert not [w for w in ENGLISH if w in data.lower()], text
        assert item["order"] in text and (item["due"] or "") in text
        if item["working_days_late"] > 0:
            assert f"{item['working_days_late']} 个工作日" in text
