"""`gendan calendar -o FILE.ics`: open milestones as an RFC 5545 feed, read back here by a reader
of its own (not icalendar, which wrote it) and checked event by event."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from tests.helpers import run

AS_OF = "2026-11-30"


def parse_ics(data: bytes) -> list[dict]:
    """A minimal RFC 5545 reader: CRLF lines, unfolding (3.1), components as nested BEGIN/END,
    `NAME;PARAMS:VALUE` content lines (values unescaped per 3.3.11). Returns the components as
    dicts: {"type", "props": {NAME: [(params, value)]}, "children": [...]}; strict about what the
    RFC requires of the lines themselves."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "lines must end in CRLF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    lines: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    root: dict = {"type": None, "props": {}, "children": []}
    stack = [root]
    for line in lines:
        m = re.match(r"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", line)
        assert m, f"not a content line: {line!r}"
        name, params, value = m.group(1).upper(), m.group(2), m.group(3)
        if name == "BEGIN":
            comp = {"type": value.upper(), "props": {}, "children": []}
            stack[-1]["children"].append(comp)
            stack.append(comp)
        elif name == "END":
            assert stack[-1]["type"] == value.upper(), f"END:{value} closes {stack[-1]['type']}"
            stack.pop()
        else:
            value = re.sub(r"\\([\\;,nN])", lambda e: "\n" if e.group(1) in "nN" else e.group(1), value)
            stack[-1]["props"].setdefault(name, []).append((params, value))
    assert len(stack) == 1, "unclosed component"
    assert [c["type"] for c in root["children"]] == ["VCALENDAR"]
    return root["children"]


def one(comp: dict, name: str) -> str:
    values = comp["props"].get(name, [])
    assert len(values) == 1, f"{name}: {values}"
    return values[0][1]


def vcalendar(path) -> dict:
    cal = parse_ics(path.read_bytes())[0]
    assert one(cal, "VERSION") == "2.0"
    assert one(cal, "PRODID")
    return cal


def events(cal: dict) -> list[dict]:
    return [c for c in cal["children"] if c["type"] == "VEVENT"]


def open_milestones(root) -> dict[tuple[str, str, str], int]:
    """(order, milestone, due) of every open milestone, with its working days late, from a
    different report of the same workspace: `overdue` over ten years lists every open dated
    milestone as overdue or due_soon."""
    items = json.loads(run(root, "--as-of", AS_OF, "overdue", "--within", "3650", "--format", "json").output)
    return {
        (i["order"], i["milestone"], i["due"]): i["working_days_late"]
        for i in items
        if i["kind"] in ("overdue", "due_soon")
    }


def test_examples_feed_event_by_event(examples, tmp_path):
    out = tmp_path / "feed.ics"
    result = run(examples, "--as-of", AS_OF, "calendar", "-o", str(out))
    assert result.exit_code == 0, result.output
    evs = events(vcalendar(out))
    assert result.output.startswith(f"wrote {out}: {len(evs)} open milestones")
    expected = open_milestones(examples)
    seen = set()
    for ev in evs:
        start = one(ev, "DTSTART")
        params = ev["props"]["DTSTART"][0][0]
        assert "VALUE=DATE" in params  # all-day
        due = date(int(start[:4]), int(start[4:6]), int(start[6:8]))
        end = one(ev, "DTEND")
        assert end == (due + timedelta(days=1)).strftime("%Y%m%d")
        desc = one(ev, "DESCRIPTION")
        order = re.search(r"^Order: (.+)$", desc, re.M).group(1)
        milestone = re.search(r"^Milestone: .*?(?:\((\w+)\))?$", desc, re.M)
        key = milestone.group(1) or re.search(r"^Milestone: (\w+)$", desc, re.M).group(1)
        assert re.search(r"^Customer: .+$", desc, re.M) and re.search(r"^Order stage: \w+$", desc, re.M)
        assert one(ev, "SUMMARY").endswith(f"({re.search(r'^Customer: (.+)$', desc, re.M).group(1)})")
        seen.add((order, key, due.isoformat()))
        late = due < date.fromisoformat(AS_OF)
        alarms = [c for c in ev["children"] if c["type"] == "VALARM"]
        if late:
            # late in working days, the number `overdue` reports (not calendar days)
            days = expected[(order, key, due.isoformat())]
            assert 0 < days < (date.fromisoformat(AS_OF) - due).days or (date.fromisoformat(AS_OF) - due).days < 3
            assert one(ev, "SUMMARY").startswith(f"OVERDUE {days}d: {order} ")
            assert f"Overdue by {days} working day" in one(ev, "DESCRIPTION").replace("\n", " ")
            assert "OVERDUE" in one(ev, "CATEGORIES").split(",")
            assert alarms == []
        else:
            assert "OVERDUE" not in one(ev, "SUMMARY")
            assert len(alarms) == 1
            assert one(alarms[0], "ACTION") == "DISPLAY" and one(alarms[0], "TRIGGER") == "-P1D"
    # `overdue` reports money owed as a payment item (with the payment's own due date) in place of
    # the balance_received milestone; the calendar keeps the T&A's milestone, so that one is apart
    # apart (SO-2026-0112's balance is owed: `overdue` lists it as a payment due 2026-12-20)
    balance = ("SO-2026-0112", "balance_received", "2026-12-09")
    assert balance in seen
    assert seen - {balance} == set(expected)
    assert len(seen) == len(evs) > 20
    assert len({one(ev, "UID") for ev in evs}) == len(evs)
    assert any(one(ev, "SUMMARY").startswith("OVERDUE") for ev in evs)


def test_uids_stable_and_a_revised_date_moves_the_same_event(examples, tmp_path):
    first, second, third = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(first))
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()  # the same feed, byte for byte

    def by_uid(path):
        return {one(ev, "UID"): ev for ev in events(vcalendar(path))}

    before = by_uid(first)
    uid, ev = next(
        (u, e) for u, e in before.items() if "SO-2026-0142 " in one(e, "SUMMARY") and "fabric" in one(e, "DESCRIPTION")
    )
    result = run(
        examples, "--as-of", AS_OF, "revise", "SO-2026-0142", "fabric_in_house", "2027-02-01", "--reason", "mill"
    )
    assert result.exit_code == 0, result.output
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(third))
    after = by_uid(third)
    assert set(after) == set(before)  # no event added or lost: the same UID, moved
    assert one(after[uid], "DTSTART") == "20270201" != one(ev, "DTSTART")


def test_owner_filter_and_empty_calendar(examples, tmp_path):
    out = tmp_path / "chen.ics"
    assert run(examples, "--as-of", AS_OF, "calendar", "-o", str(out), "--owner", "chen").exit_code == 0
    all_out = tmp_path / "all.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(all_out))
    mine, everyone = events(vcalendar(out)), events(vcalendar(all_out))
    assert 0 < len(mine) < len(everyone)
    assert all("Owner: Chen Li" in one(ev, "DESCRIPTION") for ev in mine)
    assert run(examples, "calendar", "-o", str(out), "--merchandiser", "chen", "--remind", "3").exit_code == 0

    empty = tmp_path / "nobody.ics"
    result = run(examples, "--as-of", AS_OF, "calendar", "-o", str(empty), "--owner", "Nobody Here")
    assert result.exit_code == 0
    assert result.output == f"wrote {empty}: 0 open milestones\n"
    cal = vcalendar(empty)  # still a well-formed calendar, with no event
    assert events(cal) == [] and cal["children"] == []


def test_closed_and_done_milestones_left_out(examples, tmp_path):
    out = tmp_path / "f.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(out))
    before = [one(ev, "SUMMARY") for ev in events(vcalendar(out)) if "SO-2026-0142 " in one(ev, "SUMMARY")]
    assert before
    result = run(examples, "cancel", "SO-2026-0142", "--reason", "buyer withdrew")
    assert result.exit_code == 0, result.output
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(out))
    assert not [ev for ev in events(vcalendar(out)) if "SO-2026-0142 " in one(ev, "SUMMARY")]


def test_refuses_to_overwrite_gendan_yaml(examples):
    result = run(examples, "calendar", "-o", str(examples / "gendan.yaml"))
    assert result.exit_code != 0
    assert "never overwrites" in result.output


def test_readme_shows_the_feed_it_makes(examples, tmp_path):
    from tests.helpers import ROOT

    out = tmp_path / "chen.ics"
    result = run(examples, "--as-of", AS_OF, "calendar", "-o", str(out), "--owner", "Chen Li")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert result.output.replace(str(out), "chen.ics") in readme
    head = "\n".join(out.read_bytes().decode("utf-8").split("\r\n")[:20]) + "\n"
    assert head in readme


# --- gendan site: one feed per owner, and everyone's -----------------------------------------


def test_site_publishes_a_feed_per_owner(examples, tmp_path):
    public = tmp_path / "public"
    result = run(examples, "--as-of", AS_OF, "site", "-o", str(public))
    assert result.exit_code == 0, result.output
    feeds = sorted((public / "calendars").glob("*.ics"))
    assert result.output.startswith("wrote ") and f", {len(feeds)} calendar feeds and " in result.output
    everyone = events(vcalendar(public / "calendars" / "all.ics"))
    by_owner = {}
    for path in feeds:
        if path.name == "all.ics":
            continue
        evs = events(vcalendar(path))
        owners = {one(ev, "X-GENDAN-OWNER") for ev in evs}
        assert len(owners) == 1, (path, owners)  # one owner's feed holds only that owner's events
        by_owner[owners.pop()] = {one(ev, "UID") for ev in evs}
    assert "Chen Li" in by_owner and len(by_owner) > 3
    # every owned event is in its owner's feed once, and in everyone's feed; nothing else is
    owned = [u for uids in by_owner.values() for u in uids]
    assert len(owned) == len(set(owned))
    assert set(owned) == {one(ev, "UID") for ev in everyone if ev["props"].get("X-GENDAN-OWNER")}
    # one way to compute a feed: the site's are `gendan calendar`'s, byte for byte
    chen = tmp_path / "chen.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(chen), "--owner", "Chen Li")
    assert (public / "calendars" / "chen-li.ics").read_bytes() == chen.read_bytes()
    whole = tmp_path / "all.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(whole))
    assert (public / "calendars" / "all.ics").read_bytes() == whole.read_bytes()
    # the index links every feed; customer folders (shared with buyers) hold none
    index = (public / "index.html").read_text(encoding="utf-8")
    for path in feeds:
        assert f'href="calendars/{path.name}"' in index
    assert not list((public / "customers").rglob("*.ics"))
    # re-published: the same bytes, so subscribed calendars keep their events (stable UIDs)
    assert run(examples, "--as-of", AS_OF, "site", "-o", str(public)).exit_code == 0
    assert (public / "calendars" / "chen-li.ics").read_bytes() == chen.read_bytes()


def test_site_url_links_each_event_to_its_order_page(examples, tmp_path):
    from tests.helpers import replace_in

    replace_in(examples / "gendan.yaml", "people:", "site: {url: 'https://orders.example.com/hongda/'}\npeople:")
    public = tmp_path / "public"
    assert run(examples, "--as-of", AS_OF, "site", "-o", str(public)).exit_code == 0
    evs = events(vcalendar(public / "calendars" / "all.ics"))
    assert evs
    for ev in evs:
        order = re.search(r"^Order: (.+)$", one(ev, "DESCRIPTION"), re.M).group(1)
        link = one(ev, "URL")
        assert link == f"https://orders.example.com/hongda/orders/{order}.html"
        assert one(ev, "DESCRIPTION").endswith("\n" + link)
        assert (public / "orders" / f"{order}.html").is_file()  # the page it points at is published
    index = (public / "index.html").read_text(encoding="utf-8")
    assert "https://orders.example.com/hongda/calendars/chen-li.ics" in index  # the address to subscribe to
    # `gendan calendar` links the same way
    out = tmp_path / "f.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(out))
    assert out.read_bytes() == (public / "calendars" / "all.ics").read_bytes()


ENGLISH_WORDS = re.compile(
    r"\b(OVERDUE|overdue|late|due|Due|Order|Customer|Milestone|Owner|Merchandiser|Forecast|working|days?|stage)\b"
)


def test_feed_in_chinese(examples, tmp_path):
    """`language: zh` (or --lang zh, GENDAN_LANG=zh): the feed's words are Chinese; what is left
    in Latin letters is names and keys (order ids, customers, people, milestone keys)."""
    out = tmp_path / "zh.ics"
    result = run(examples, "--lang", "zh", "--as-of", AS_OF, "calendar", "-o", str(out), "--owner", "Chen Li")
    assert result.exit_code == 0, result.output
    evs = events(vcalendar(out))
    assert evs
    late = [ev for ev in evs if one(ev, "SUMMARY").startswith("逾期 ")]
    assert late and all("逾期" in one(ev, "CATEGORIES").split(",") for ev in late)
    for ev in evs:
        desc = one(ev, "DESCRIPTION")
        for field in ("订单：", "客户：", "节点：", "订单阶段：", "负责人：", "应完成："):
            assert field in desc, desc
        words = re.sub(r"\([a-z_]+\)", "", desc)  # the milestone's key after its Chinese name
        words = words.replace(one(ev, "X-GENDAN-OWNER"), "")
        customer = re.search(r"^客户：(.+)$", desc, re.M).group(1)
        assert not ENGLISH_WORDS.search(words.replace(customer, "")), desc
        assert not ENGLISH_WORDS.search(one(ev, "SUMMARY").replace(customer, "")), one(ev, "SUMMARY")
    # the same events as in English: same UIDs, same days
    en = tmp_path / "en.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(en), "--owner", "Chen Li")
    assert [(one(e, "UID"), one(e, "DTSTART")) for e in evs] == [
        (one(e, "UID"), one(e, "DTSTART")) for e in events(vcalendar(en))
    ]
    # gendan.yaml's language does the same
    from tests.helpers import replace_in

    replace_in(examples / "gendan.yaml", "people:", "language: zh\npeople:")
    again = tmp_path / "again.ics"
    run(examples, "--as-of", AS_OF, "calendar", "-o", str(again), "--owner", "Chen Li")
    assert again.read_bytes() == out.read_bytes()
