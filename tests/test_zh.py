"""Chinese output of the report commands (issue 17): the language from --lang, $GENDAN_LANG or
gendan.yaml; no English key, status word or heading left in a zh report, apart from the user's
own text (names, reasons, descriptions: what the order files and gendan.yaml hold)."""

from __future__ import annotations

import re

import pytest

from gendan.reports.facts import COLUMNS, KINDS, SEVERITIES
from gendan.store.workspace import Workspace
from tests.helpers import run

AS_OF = ("--as-of", "2026-11-30")


def english_words(root) -> set[str]:
    config = Workspace.open(root).config
    words = {s.key for s in config.stages} | {"on_hold", "cancelled"} | config.milestone_keys()
    words |= set(KINDS) | set(SEVERITIES) | set(COLUMNS) | {"id", "style", "pieces", "value", "ex-factory"}
    return words - {"R4", "R5", "R6"}  # rule names are the same in both languages in the detail


def scan(output: str, words: set[str], skip_last_column: bool) -> list[str]:
    found = []
    for line in output.splitlines():
        if set(line) <= {"-", " "}:
            continue
        cells = re.split(r"\s{2,}", line.strip())
        if skip_last_column and len(cells) == len(COLUMNS):
            cells = cells[:-1]  # the detail: free text
        cells = cells[2:] if cells and re.match(r"SO-\d{4}-\d{4}$", cells[0]) else cells  # id, customer
        found += [c for c in cells if c in words]
    return found


@pytest.mark.parametrize("how", ["--lang", "GENDAN_LANG", "gendan.yaml"])
def test_zh_reports_have_no_english_keys(examples, how):
    args, env = [], {}
    if how == "--lang":
        args = ["--lang", "zh"]
    elif how == "GENDAN_LANG":
        env = {"GENDAN_LANG": "zh"}
    else:
        config = examples / "gendan.yaml"
        assert "language:" not in config.read_text()
        config.write_text(config.read_text() + "\nlanguage: zh\n", encoding="utf-8")
    words = english_words(examples)
    listed = run(examples, *args, "list", "--wide", env=env)
    assert listed.exit_code == 0 and "订单号" in listed.stdout and "阶段" in listed.stdout
    assert scan(listed.stdout, words, False) == []
    late = run(examples, *args, *AS_OF, "overdue", "--within", "30", "--wide", env=env)
    assert "逾期工作日" in late.stdout and "面料到厂" in late.stdout and "有延期风险" in late.stdout
    assert scan(late.stdout, words, True) == []
    # the check finds English where it is
    english = run(examples, "--lang", "en", *AS_OF, "overdue", "--within", "30", "--wide", env=env)
    assert "fabric_in_house" in scan(english.stdout, words, True)


def test_machine_formats_keep_their_english_keys(examples):
    out = run(examples, "--lang", "zh", *AS_OF, "overdue", "--format", "json").stdout
    assert '"kind": "at_risk"' in out and '"milestone": "ex_factory"' in out


def test_tracker_follows_the_global_language(examples, tmp_path):
    import openpyxl

    out = tmp_path / "t.xlsx"
    assert run(examples, *AS_OF, "tracker", "-o", str(out), env={"GENDAN_LANG": "zh"}).exit_code == 0
    headers = [c.value for c in openpyxl.load_workbook(out)["Orders"][1] if c.value]
    assert any("定金到账" in str(h) for h in headers), headers  # the milestone's name_zh, not deposit_received
    assert not any("deposit_received" in str(h) for h in headers), headers


# --- every report, scanned -------------------------------------------------------------------

STATUS_WORDS = {
    "done",
    "passed",
    "overdue",
    "due",
    "due_soon",
    "open",
    "no_date",
    "late",
    "at_risk",
    "at risk",
    "AT RISK",
    "on time",
    "revised",
    "planned",
    "not planned yet",
    "plan differs",
    "slips",
    "outstanding",
    "received",
    "becomes late",
    "already at risk",
    "forecast",
    "contract",
    "why",
    "none",
    "total",
    "no orders",
    "as of",
    "working day",
    "working days",
    "more column",
    "more columns",
    "wd late",
    "Pipeline",
    "On hold",
    "At risk",
    "Ex-factory",
    "ex-factory",
    "this week",
    "next week",
    "next milestones",
    "stage passed",
    "verdict",
    "chain",
    "note",
    "owner",
    "customer",
    "milestone",
    "stage",
    "pieces",
    "value",
    "order",
    "orders",
    "kind",
    "severity",
    "detail",
    "merchandiser",
    "factory",
    "colour",
    "price",
    "amount",
    "payment",
    "deposit",
    "balance",
    "style",
    "buyer",
    "finance",
    "purchasing",
    "sample room",
    "QA",
    "shipping",
    "documents",
    "template",
    "actual",
    "slack",
}


def english_keys_and_words(root) -> set[str]:
    """What a zh report must not show: stage and milestone keys, kinds, severities, statuses, headings."""
    return english_words(root) | STATUS_WORDS | {"ex_factory", "working_days_late"}


def user_text(root) -> list[str]:
    """Every text the user wrote (order files, gendan.yaml): a zh report shows it as it is."""
    import yaml

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) > 1:
            found.add(value)

    for path in [root / "gendan.yaml", *root.rglob("order.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    keys = english_keys_and_words(root)  # a stage, a payment kind, a role: gendan's words, not the user's
    return sorted((s for s in found if s not in keys), key=len, reverse=True)


def english_left(output: str, root) -> list[str]:
    """The English keys and words in `output`, once the user's own text is taken out."""
    from gendan.render.documents import KINDS as DOCUMENTS

    said = "|".join(re.escape(t) for t in user_text(root))  # longest first, whole words only
    output = re.sub(rf"(?<!\w)(?:{said})(?!\w)", " ", output)
    # what the user types stays as typed: document kinds (doc ID packing-list), file names and paths
    output = re.sub(r"\S+\.j2|gendan/\S+\.py|\S*order\.yaml\S*", " ", output)
    output = re.sub("|".join(rf"(?<![\w-]){re.escape(k)}(?![\w-])" for k in DOCUMENTS), " ", output)
    words = sorted(english_keys_and_words(root), key=len, reverse=True)
    pattern = re.compile(r"(?<![A-Za-z_])(" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z_])")
    return pattern.findall(output)


REPORTS = [
    ("list",),
    (*AS_OF, "overdue", "--within", "30"),
    (*AS_OF, "overdue", "--within", "30", "--format", "markdown"),
    (*AS_OF, "status"),
    (*AS_OF, "status", "--format", "markdown"),
    (*AS_OF, "status", "--group-by", "merchandiser"),
    (*AS_OF, "show", "SO-2026-0142"),
    (*AS_OF, "show", "SO-2026-0112"),
    (*AS_OF, "show", "SO-2026-0151"),
    (*AS_OF, "whatif", "--slip", "fabric_in_house=7"),
    (*AS_OF, "whatif", "--slip", "fabric_in_house=7", "--customer", "nobody"),
    (*AS_OF, "plan", "SO-2026-0142"),
    (*AS_OF, "plan", "SO-2026-0151"),
    (*AS_OF, "plan", "SO-2026-0151", "--format", "markdown"),
    (*AS_OF, "plan", "SO-2026-0142", "--format", "svg"),
    ("packing", "SO-2026-0142"),
    ("packing", "SO-2026-0151"),
    ("aql", "--lot", "3000", "--cartons", "120"),
    ("aql", "--lot", "2", "--aql", "0.065", "--aql", "4.0"),
    ("doc", "--list"),
    (*AS_OF, "validate"),
]


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_every_zh_report_has_no_english_key_or_status_word(examples, args):
    wide = () if "validate" in args else ("--wide",)  # (validate prints lines, not a table)
    zh = run(examples, "--lang", "zh", *args, *wide)
    assert zh.stdout.strip() and "Traceback" not in zh.output
    assert english_left(shown(zh.stdout), examples) == [], zh.stdout
    # the same scan finds the English in an English run: it can fail
    en = run(examples, "--lang", "en", *args, *wide)
    assert english_left(shown(en.stdout), examples), en.stdout


def shown(output: str) -> str:
    """What a person reads: a chart's (SVG) text and tooltips, not its markup."""
    return markup_text(output) if output.lstrip().startswith("<") else output


def test_the_narrowed_table_says_so_in_chinese(examples):
    out = run(examples, "--lang", "zh", *AS_OF, "overdue", env={"COLUMNS": "60"}).stdout
    assert "列未显示：加 --wide 显示全部" in out and "more column" not in out


def test_the_details_in_chinese(examples):
    out = run(examples, "--lang", "zh", *AS_OF, "overdue", "--within", "30", "--wide").stdout
    assert "预计 2027-03-25 出厂，比合同出厂日 2027-02-20 晚 24 个工作日：出厂 2027-03-25 ← 开裁 2027-01-26" in out
    assert "R6 付款方式要求出货前收齐货款：已收 USD 11,556.00，货值 USD 38,520.00，未收 USD 26,964.00" in out
    assert "R5 产前样未批准；开裁应于 2026-12-22 完成" in out
    assert "未收 USD 25,800.00（货值 USD 25,800.00）" in out


def page_text(path) -> str:
    """What a page says: its text and its charts' (SVG text and tooltips), the style left out."""
    return markup_text(path.read_text(encoding="utf-8"))


def markup_text(text: str) -> str:
    import html

    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_the_site_in_chinese(examples, tmp_path):
    out = tmp_path / "site"
    assert run(examples, "--lang", "zh", *AS_OF, "site", "-o", str(out)).exit_code == 0
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert english_left(page_text(page), examples) == [], page
    index = page_text(out / "index.html")
    assert "各阶段订单" in index and "大货生产" in index and "有延期风险" in index
    order = page_text(out / "orders" / "SO-2026-0142.html")
    assert "原因：出厂 2027-03-25 ← 开裁 2027-01-26 ← 面料到厂 2027-01-12" in order and "阶段已过" in order
    # the scan finds the English of an English site
    english = tmp_path / "english"
    assert run(examples, "--lang", "en", *AS_OF, "site", "-o", str(english)).exit_code == 0
    assert "fabric_in_house" in english_left(page_text(english / "orders" / "SO-2026-0142.html"), examples)
    assert "Pipeline" in english_left(page_text(english / "index.html"), examples)


def test_the_tracker_cells_in_chinese(examples, tmp_path):
    import openpyxl

    out = tmp_path / "t.xlsx"
    assert run(examples, "--lang", "zh", *AS_OF, "tracker", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        keys = 2 if sheet.title == "Milestones" else None  # its milestone codes, to type in commands
        cells = " | ".join(str(v) for row in rows for n, v in enumerate(row) if isinstance(v, str) and n != keys)
        assert english_left(cells, examples) == [], sheet.title
    overdue = [r for r in book["Overdue"].iter_rows(values_only=True)]
    assert any("有延期风险" in r and "严重" in r for r in overdue)
    milestones = [r for r in book["Milestones"].iter_rows(values_only=True)]
    assert any(r[2] == "fabric_in_house" and r[3] == "面料到厂" for r in milestones)
    assert any("阶段已过" in r for r in milestones)


# --- YAML mistakes in the user's language ------------------------------------------------------

YAML_ZH = {
    "colon in a value": "'name' 的值里有 ': '",
    "colon in a value in {...}": "'description' 的值里有 ': '",
    "indented too far": "这一行缩进了 3 个空格，比上一行（2 个）多",
    "indented too little": "这一行缩进了 1 个空格，和上面任何一个键都对不齐",
    "tab": "这里有一个制表符（Tab）",
    "unclosed quote": '这里开始的引号 " 没有结束',
    "missing space after colon": "'merchandiser:Chen Li' 中 ':' 后面少了一个空格：应写成 merchandiser: Chen Li",
    "duplicate key": "merchandiser 在同一层里出现了两次（第一次在第 5 行）",
}


@pytest.mark.parametrize("name", sorted(YAML_ZH))
def test_yaml_mistakes_are_worded_in_chinese(tmp_path, name):
    from tests.helpers import make_workspace
    from tests.test_yaml_errors import MISTAKES, ORDER

    old, new, where, words = MISTAKES[name]
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER.replace(old, new)})
    checked = run(root, "--lang", "zh", "validate")
    assert checked.exit_code == 1
    assert f"SO-1/order.yaml:{where} " in checked.stdout and YAML_ZH[name] in checked.stdout, checked.stdout
    assert words[0] not in checked.stdout  # the English sentence (the fix it quotes is the same)
    assert "1 个订单" in checked.stdout  # the summary too
    # any other command that reads the file says it the same way; gendan.yaml's language counts
    config = root / "gendan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlanguage: zh\n", encoding="utf-8")
    shown = run(root, "show", "SO-1")
    assert shown.exit_code == 2 and YAML_ZH[name] in shown.stderr, shown.stderr
    # and English stays English
    english = run(root, "--lang", "en", "validate")
    assert all(w in english.stdout for w in words) and YAML_ZH[name] not in english.stdout


# --- the messages seen most ---------------------------------------------------------------------


def test_the_common_messages_in_chinese(examples):
    from tests.helpers import commit_all

    commit_all(examples)
    done = run(examples, "--lang", "zh", *AS_OF, "done", "SO-2026-0151", "costing")
    assert done.exit_code == 0 and done.stdout == "SO-2026-0151：成本核算已于 2026-11-30 完成，晚了 3 个工作日\n"
    moved = run(examples, "--lang", "zh", *AS_OF, "advance", "SO-2026-0150", "--by", "王小梅")
    assert moved.stdout == "SO-2026-0150：已推进，询价/报价 → 接单确认（王小梅，2026-11-30）\n"
    refused = run(examples, "--lang", "zh", *AS_OF, "advance", "SO-2026-0151")
    assert refused.exit_code == 1
    assert "SO-2026-0151 不能从 接单确认 推进到 合同评审；有 1 个条件未满足：" in refused.stderr
    assert "特批可以强制推进" in refused.stderr and "R3 " in refused.stderr  # the rule's code and words
    held = run(examples, "--lang", "zh", *AS_OF, "advance", "SO-2026-0098")
    assert held.stderr == "gendan: SO-2026-0098 已暂停；请先恢复：gendan resume SO-2026-0098\n"
    missing = run(examples, "--lang", "zh", "show", "SO-2026-0152")
    assert missing.exit_code == 2 and "中没有订单 SO-2026-0152（是不是 'SO-2026-0151'？）" in missing.stderr
    checked = run(examples, "--lang", "zh", *AS_OF, "validate")
    assert checked.stdout.endswith("检查了 14 个订单，没有问题，2 个警告\n"), checked.stdout
    # English as before
    assert run(examples, "show", "SO-2026-0152").stderr.startswith("gendan: no order SO-2026-0152 in ")
    again = run(examples, *AS_OF, "done", "SO-2026-0148", "fabric_booked", "--date", "2026-11-20")
    assert again.stdout == "SO-2026-0148: fabric_booked done on 2026-11-20\n"
    assert run(examples, *AS_OF, "validate").stdout.endswith("14 orders checked, no problems, 2 warnings\n")


def test_the_english_words_are_the_forecasts_own(examples):
    """render/i18n says a chain, a forecast and a plan note in English exactly as the domain
    does for json (Forecast.chain_text, PlanRow.note): one wording, two places, kept equal."""
    from gendan.domain import tracking
    from gendan.domain.calendar import order_forecast
    from gendan.render.i18n import Words

    ws = Workspace.open(examples)
    words = Words("en", ws.config)
    today = __import__("datetime").date(2026, 11, 30)
    loaded, _ = ws.load_all()
    assert len(loaded) == 14
    for lo in loaded:
        fc = order_forecast(lo.order, ws.config, today)
        for reasons in (True, False):
            assert words.chain(fc.chain_detail(), reasons) == fc.chain_text(reasons)
        rows, _ = tracking.plan_rows(lo.order, ws.config, today)
        assert [words.plan_note(r.note_detail) for r in rows] == [r.note for r in rows]


def test_the_lc_watch_in_chinese(tmp_path):
    from tests.test_lc_watch import FITS, LC_ORDER, make_workspace

    root = make_workspace(tmp_path / "a", {"SO-L/order.yaml": LC_ORDER})
    out = run(root, "--lang", "zh", *AS_OF, "overdue", "--wide").stdout
    assert "订单金额 USD 15,990.00 超过信用证金额 USD 15,600.00（+0%）：请客户修改信用证" in out, out
    assert "信用证金额" in out and "lc_amount" not in out
    shipped = FITS + "shipment: {shipped: 2027-02-20}\n"
    root = make_workspace(tmp_path / "b", {"SO-L/order.yaml": shipped})
    out = run(root, "--lang", "zh", "--as-of", "2027-03-10", "overdue", "--wide").stdout
    assert "单据须在 2027-03-13 前交到银行，还有 3 天：2027-02-20 出运，交单期 21 天，信用证有效期 2027-03-15" in out, (
        out
    )
