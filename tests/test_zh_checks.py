"""In a zh run every finding of `validate` other than the company's rules speaks Chinese (issue 17):
the T&A warnings (W401-W405), packing (E230), AQL (E240), split shipments (E250), gendan.yaml
(E300, E005), the order format (E101-E107) and the file problems (E001, E004, E005, E006, E113).
Milestones are named as gendan.yaml names them (name_zh); the keys and values the user typed stay
as typed. A scan finds no run of three English words left, and finds them in the English run."""

from __future__ import annotations

import re

import pytest

from gendan.render.i18n import ZH_CHECKS
from tests.helpers import CORPUS, make_workspace, run
from tests.test_corpus import CASES, workspace_for
from tests.test_tna import WARN_ORDER  # (the order whose plan cannot hold, worked out there)

AS_OF = ("--as-of", "2026-11-30")
ZH = ("--lang", "zh")

# -- the scan -----------------------------------------------------------------------------------

PROBLEM = re.compile(r"^(?P<path>.+?):\d+:\d+: (?P<code>[EW]\d{3}) (?P<message>.*)$")
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]*(?: +[A-Za-z][A-Za-z'-]*){2,}")
# the codes this part of issue 17 words (the company's rules, E110-E121 and E2xx/W30x but E230,
# E240, E250, are worded in gendan/domain/rules.py, payments.py, workflow.py)
CHECKS = re.compile(r"E00[1-6]|E10[1-7]|E113|E230|E240|E250|E300|W40[1-5]")


def english(output: str, typed: tuple[str, ...] = ()) -> list[str]:
    """Runs of three or more English words in the problems and the summary of `output`, leaving out
    what the user typed: quoted keys and values ('lines[0].qty'), `commands`, the `typed` text
    (colours, items) and the YAML parser's own words after a sentence ([YAML: ...])."""
    found = []
    for line in output.splitlines():
        m = PROBLEM.match(line)
        if m and not CHECKS.fullmatch(m["code"]):
            continue  # the company's rules: another part of issue 17
        text = m["message"] if m else line
        text = re.sub(r" \[YAML: .*\]$", "", text)
        text = re.sub(r"'[^']*'|`[^`]*`", "", text)
        for t in typed:
            text = text.replace(t, "")
        found += ENGLISH.findall(text)
    return found


def test_the_scan_finds_english():
    """It can fail: an English message is three words and more, a Chinese one is not."""
    assert english("x/order.yaml:1:1: E104 'ex_factory': 2027-02-30 is not a real date") == ["is not a real date"]
    assert english("x/order.yaml:1:1: E104 'ex_factory'：2027-02-30 不是真实存在的日期（这个月没有这一天）") == []
    assert english("x:1:1: E102 未知的键 'Nordic Outdoor AS'") == []  # the user's own text, quoted


# -- pinned lines -------------------------------------------------------------------------------


def test_w405_names_the_milestone_as_gendan_yaml_does(examples):
    """The examples' denim is due after the fabric must be in house (W405, docs in test_examples):
    fabric_in_house is 面料到厂 in gendan.yaml's template; the Saturday ex-factory (W403)."""
    zh = run(examples, *ZH, "validate", *AS_OF)
    assert zh.exit_code == 0, zh.output
    assert zh.output.splitlines() == [
        f"{examples}/2026/SO-2026-0139/order.yaml:55:193: W405 denim 预计 2026-12-28 到货，比需要它的面料到厂"
        "（2026-12-22）晚 4 个工作日",
        f"{examples}/2026/SO-2026-0142/order.yaml:14:13: W403 出厂日 2027-02-20 是星期六，不是工作日",
        "检查了 14 个订单，没有问题，2 个警告",
    ]
    assert "fabric_in_house" not in zh.output
    assert english(zh.output, ("denim",)) == []
    en = run(examples, "validate", *AS_OF)
    assert "W405 denim is due 2026-12-28, 4 working days after fabric_in_house (2026-12-22) that needs it" in (
        en.output
    )
    assert english(en.output, ("denim",))


WARN_CONFIG = """\
company: {name: T}
holidays: {country: null, closures: [{name: 春节, from: 2027-02-01, to: 2027-02-19}]}
milestone_templates:
  default:
    - {key: po_received, anchor: po_date, offset: 0, stage: confirmed, name_zh: 收到订单}
    - {key: fit_sample_comments, anchor: po_date, offset: 15, stage: sampling, name_zh: 试身样意见}
    - {key: pp_sample_submitted, anchor: cutting_start, offset: -15, stage: sampling, after: {fit_sample_comments: 3},
       name_zh: 寄产前样}
    - {key: cutting_start, anchor: ex_factory, offset: -27, stage: production, name_zh: 开裁}
    - {key: fabric_in_house, anchor: cutting_start, offset: -10, stage: materials, name_zh: 面料到厂}
    - {key: ex_factory, anchor: ex_factory, offset: 0, stage: shipping, name_zh: 出厂}
  jacket:
    - {key: ex_factory, anchor: ex_factory, offset: 0, stage: shipping}
"""


def test_the_plan_warnings_in_chinese(tmp_path):
    """The dates of tests/test_tna.py test_warnings_where_the_plan_cannot_hold (worked there)."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": WARN_ORDER}, WARN_CONFIG)
    result = run(root, *ZH, *AS_OF, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{root}/SO-1/order.yaml:4:34: W404 产品类型 'jackets' 没有节点模板；按默认模板排期（是不是 'jacket'？）",
        f"{root}/SO-1/order.yaml:5:10: W402 面料到厂排在 2026-10-28，比下单日早 3 个工作日：交期短了 3 个工作日",
        f"{root}/SO-1/order.yaml:5:10: W402 寄产前样排在 2026-10-21，比下单日早 8 个工作日：交期短了 8 个工作日",
        f"{root}/SO-1/order.yaml:6:13: W401 模板的工序顺序排不进这个交期：寄产前样排在 2026-10-21，"
        "但它要在试身样意见（2026-11-23）之后至少 3 个工作日：差 26 个工作日",
        f"{root}/SO-1/order.yaml:8:38: W405 shell 预计 2026-12-01 到货，比需要它的面料到厂（2026-10-28）晚 24 个工作日",
        "检查了 1 个订单，没有问题，5 个警告",
    ]
    assert english(result.stdout, ("shell",)) == []
    assert english(run(root, *AS_OF, "validate").stdout, ("shell",))
    # W403: inside a closure (its name as the user wrote it), and on a day off
    closed = WARN_ORDER.replace("2026-12-18", "2027-02-10").replace("jackets", "jacket")
    (root / "SO-1/order.yaml").write_text(closed, encoding="utf-8")
    out = run(root, *ZH, *AS_OF, "validate").stdout
    assert f"{root}/SO-1/order.yaml:6:13: W403 出厂日 2027-02-10 在停工期春节内（2027-02-01 至 2027-02-19）\n" in out
    (root / "SO-1/order.yaml").write_text(closed.replace("2027-02-10", "2027-03-07"), encoding="utf-8")
    out = run(root, *ZH, *AS_OF, "validate").stdout
    assert f"{root}/SO-1/order.yaml:6:13: W403 出厂日 2027-03-07 是星期日，不是工作日\n" in out


@pytest.mark.parametrize(
    ("case", "line"),
    [
        ("order/unknown-top-level.yaml", "SO-1/order.yaml:5:1: E102 未知的键 'custmer_ref'（是不是 'customer'？）"),
        (
            "order/unknown-line-key.yaml",
            "SO-1/order.yaml:14:5: E102 未知的键 'lines[0].price'（是不是 'unit_price'？）",
        ),
        ("order/missing-stage.yaml", "SO-1/order.yaml:2:1: E101 缺少必填的键 'stage'"),
        (
            "order/date-feb-30.yaml",
            "SO-1/order.yaml:10:13: E104 'ex_factory'：2027-02-30 不是真实存在的日期（这个月没有这一天）",
        ),
        (
            "order/date-month-13.yaml",
            "SO-1/order.yaml:9:10: E104 'po_date'：2026-13-12 不是真实存在的日期（月份只能是 1 到 12）",
        ),
        ("order/qty-negative.yaml", "SO-1/order.yaml:15:16: E106 'lines[0].sizes.S'：数量必须大于 0，现在是 -200"),
        (
            "order/qty-thousands.yaml",
            "SO-1/order.yaml:17:10: E106 'lines[0].sizes.M'：'1,200'：数量请写成纯数字，例如 1200",
        ),
        (
            "order/money-text.yaml",
            "SO-1/order.yaml:14:17: E105 'lines[0].unit_price'：这里应是金额，例如 18.50，现在是 'eighteen fifty'",
        ),
        (
            "order/type-lines-mapping.yaml",
            "SO-1/order.yaml:13:3: E103 'lines'：这里应是一个列表（以 '- ' 开头的行），现在是一组键值（映射）",
        ),
        (
            "order/rule-e107-payment-terms.yaml",
            "SO-1/order.yaml:7:18: E107 'payment.terms' 只能是 deposit_balance, lc, dp, da, tt_before_shipment 之一；"
            "现在是 'deposit'（是不是 'deposit_balance'？）",
        ),
        (
            "order/encoding-latin1.yaml",
            "SO-1/order.yaml:4:17: E001 不是 UTF-8 编码：字节 0xe9 无法解码；请把文件另存为 UTF-8",
        ),
        (
            "order/shape-empty.yaml",
            "SO-1/order.yaml:1:1: E005 文件顶层应是一组键值（映射），现在什么都没有（文件是空的或只有注释）",
        ),
        (
            "order/tag-python-apply.yaml",
            "SO-1/order.yaml:4:15: E004 gendan 文件里不能用标签 tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("order/alias-recursive.yaml", "SO-1/order.yaml:4:15: E004 别名引用了它自己（递归别名）"),
        (
            "config/config-unknown-gate.yaml",
            "gendan.yaml:5:34: E300 阶段 confirmed：未知的关卡 'R2'；"
            "可用的关卡：R1, R3, R4, R5, R6, R8, milestones, balance, settled",
        ),
        ("config/config-unknown-key.yaml", "gendan.yaml:2:1: E102 未知的键 'alert_day'（是不是 'alert_days'？）"),
    ],
)
def test_the_order_format_and_the_file_in_chinese(tmp_path, case, line):
    kind = case.split("/")[0]
    root = workspace_for(tmp_path, kind, (CORPUS / case).read_bytes())
    result = run(root, *ZH, "validate", *AS_OF)
    assert result.exit_code == 1
    assert f"{root}/{line}" in result.stdout.splitlines(), result.output


def test_a_conflict_and_a_duplicate_id_in_chinese(tmp_path):
    order = "id: SO-1\ncustomer: {name: C}\nstage: inquiry\n"
    conflict = "id: SO-2\n<<<<<<< HEAD\ncustomer: {name: C}\n=======\ncustomer: {name: D}\n>>>>>>> b\nstage: inquiry\n"
    root = make_workspace(
        tmp_path, {"a/SO-1/order.yaml": order, "b/SO-1/order.yaml": order, "SO-2/order.yaml": conflict}
    )
    out = run(root, *ZH, "validate", *AS_OF).stdout
    lines = out.splitlines()
    assert (
        f"{root}/SO-2/order.yaml:2:1: E006 合并冲突没有解决（git 留下了 `<<<<<<<` 行）；保留正确的行，"
        "删除 <<<<<<< ======= >>>>>>> 标记，然后 `git add` 这个文件" in lines
    )
    assert (
        f"{root}/a/SO-1/order.yaml:1:1: E113 订单号 SO-1 也是文件夹 {root}/b/SO-1 的名字；"
        "一个订单号只能对应一个订单（请改名或删除其中一个）" in lines
    )
    assert english(out) == []


BROKEN = """\
id: SO-1
customer: {name: C}
stage: inquiry
po_date: 2026-02-30
lines: [{colour: N, unit_price: 1, sizes: {S: -1}}]
"""


def test_a_command_says_an_unreadable_order_in_chinese(tmp_path):
    """Not only validate: a command that cannot read the order (show), or that would edit it (done),
    reports its problems in the language."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": BROKEN})
    result = run(root, *ZH, "show", "SO-1")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{root}/SO-1/order.yaml:4:10: E104 'po_date'：2026-02-30 不是真实存在的日期（这个月没有这一天）",
        f"{root}/SO-1/order.yaml:5:47: E106 'lines[0].sizes.S'：数量必须大于 0，现在是 -1",
    ]
    result = run(root, *ZH, "done", "SO-1", "po_received")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "gendan: SO-1 没有通过检查；请先改正：",
        f"  {root}/SO-1/order.yaml:4:10: E104 'po_date'：2026-02-30 不是真实存在的日期（这个月没有这一天）",
        f"  {root}/SO-1/order.yaml:5:47: E106 'lines[0].sizes.S'：数量必须大于 0，现在是 -1",
    ]
    assert english(result.stderr) == []
    assert english(run(root, "done", "SO-1", "po_received").stderr)


PACKED = """\
id: SO-1
customer: {name: C}
stage: inquiry
lines: [{colour: Navy, unit_price: 1, sizes: {S: 25, M: 24}}]
packing:
  rules: [{mode: ratio, ratio: {S: 1, M: 1}, cartons: 20}, {colour: Red, pieces_per_carton: 6}]
inspections:
  - {type: final, lot: 3000, sample_size: 80, defects: {major: 2}, result: pending}
  - {type: final, lot: 3000, sample_size: 125, defects: {major: 8, minor: 3}, result: pass}
  - {type: final, lot: 3000, aql_major: 3, result: pending}
"""


def test_packing_and_inspections_in_chinese(tmp_path):
    """E230 (tests/test_packing.py's plan: 20 ratio cartons of S+M), E240 (tests/test_cli_aql.py's lot)."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": PACKED})
    result = run(root, *ZH, "validate", *AS_OF)
    lines = [line.removeprefix(f"{root}/") for line in result.stdout.splitlines()]
    assert [line for line in lines if " E2" in line] == [
        "SO-1/order.yaml:6:11: E230 装箱与订单不符：Navy M 装了 20 件，订单是 24 件",
        "SO-1/order.yaml:6:11: E230 装箱与订单不符：Navy S 装了 20 件，订单是 25 件",
        "SO-1/order.yaml:6:69: E230 第 2 条装箱规则是颜色 Red 的，但订单里没有这个颜色",
        "SO-1/order.yaml:8:43: E240 第 1 次验货：批量 3000、检验水平 II 时样本量 80 太小（主要缺陷 AQL 2.5：125，"
        "次要缺陷 AQL 4.0：125）；至少要抽检 125 件",
        "SO-1/order.yaml:9:87: E240 第 2 次验货：结果为合格，但有 8 个主要缺陷，超过接收数 7",
        "SO-1/order.yaml:10:5: E240 第 3 次验货：AQL 3 不在 ISO 2859-1（正常检验）表中；请用以下之一："
        "0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10",
    ]
    assert english(result.stdout) == []
    assert english(run(root, "validate", *AS_OF).stdout)


def test_a_plan_that_cannot_be_made_in_chinese(tmp_path):
    """The error build_plan raises carries its words into E230."""
    order = PACKED.replace(", {colour: Red, pieces_per_carton: 6}", "").replace(
        "mode: ratio, ratio: {S: 1, M: 1}, ", ""
    )
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order})
    out = run(root, *ZH, "validate", *AS_OF).stdout
    assert f"{root}/SO-1/order.yaml:6:3: E230 第 1 条装箱规则（Navy）：单色单码装箱要写 pieces_per_carton\n" in out


SPLIT = """\
id: SO-1
customer: {name: C}
stage: inquiry
tolerance_pct: 3
lines: [{colour: Pink Stripe, unit_price: 1, sizes: {S: 100, XXL: 100}}]
shipments:
  - {quantities: {Pink Stripe: {S: 50, XXL: 104}}}
  - {quantities: {Pink: {S: 50}}}
  - {}
"""


def test_split_shipments_in_chinese(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": SPLIT})
    out = run(root, *ZH, "validate", *AS_OF).stdout
    lines = [line.removeprefix(f"{root}/") for line in out.splitlines() if " E250 " in line]
    assert lines == [
        "SO-1/order.yaml:5:67: E250 Pink Stripe XXL：各批共出 104 件，订单 100 件，超过 +3%（103）",
        "SO-1/order.yaml:8:25: E250 第 2 批：订单里没有颜色 Pink",
        "SO-1/order.yaml:9:5: E250 第 3 批没有数量（每个颜色和尺码的件数）",
    ]
    assert english(out, ("Pink Stripe XXL",)) == []
    assert english(run(root, "validate", *AS_OF).stdout, ("Pink Stripe XXL",))


# -- every bad input of the corpus --------------------------------------------------------------


@pytest.mark.slow
def test_no_english_left_in_the_corpus(tmp_path):
    """Every case of tests/corpus in a zh run: no run of three English words in the checks' problems
    and the summary; the same scan finds English in every English run of the same cases."""
    zh_left, en_found, checked = [], 0, 0
    for i, case in enumerate(CASES):
        root = workspace_for(tmp_path / str(i), case["kind"], (CORPUS / case["file"]).read_bytes())
        zh = run(root, *ZH, "validate", *AS_OF)
        en = run(root, "validate", *AS_OF)
        if not any(CHECKS.fullmatch(m["code"]) for m in map(PROBLEM.match, en.stdout.splitlines()) if m):
            continue
        checked += 1
        zh_left += [(case["file"], run_) for run_ in english(zh.stdout)]
        en_found += bool(english(en.stdout))
    assert checked >= 100
    assert zh_left == []
    assert en_found >= checked - 2  # (one says "expected text, got true/false": two words at most)


def test_templates_picked_from_a_set_have_their_chinese():
    """The templates chosen from a table (which tests/test_zh_catalogue.py cannot read as literals)."""
    from gendan.core import model
    from gendan.domain import aql, calendar
    from gendan.store import configfile, parse, yamlio

    tables = [
        calendar.NOT_A_WORKING_DAY,
        aql.AQL_SAMPLE.values(),
        model._NOT_REAL.values(),
        yamlio.CANNOT_READ.values(),
        parse._TOP.values(),
    ]
    picked = [t for table in tables for t in table]
    picked += [model._kind(v)[0] for v in (True, {}, [], None, 3, "x")]
    picked += [configfile.site_url_problem(u) for u in ("x" * 600, "a b", "ftp://x", "https://u:p@x", "https://x/?q")]
    picked += [
        "inside the closure {name} ({start} to {end})",
        "inside the closure ({start} to {end})",
        "a public holiday",
        " (did you mean '{guess}'?)",
        "YAML syntax error",
    ]
    assert [t for t in picked if t not in ZH_CHECKS] == []


def test_plan_and_packing_print_their_findings_in_chinese(tmp_path):
    """`plan` prints the T&A warnings and `packing` the E230 lines as validate says them, in the
    language (also with --format csv: stderr is for people)."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": WARN_ORDER}, WARN_CONFIG)
    result = run(root, *ZH, *AS_OF, "plan", "SO-1", "--format", "csv")
    assert result.exit_code == 0
    assert f"{root}/SO-1/order.yaml:5:10: W402 面料到厂排在 2026-10-28，比下单日早 3 个工作日：交期短了 3 个工作日" in (
        result.stderr.splitlines()
    )
    assert english(result.stderr, ("shell",)) == []
    assert english(run(root, *AS_OF, "plan", "SO-1").stderr, ("shell",))
    root = make_workspace(tmp_path / "packed", {"SO-1/order.yaml": PACKED})
    result = run(root, *ZH, "packing", "SO-1", "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"{root}/SO-1/order.yaml:6:11: E230 装箱与订单不符：Navy M 装了 20 件，订单是 24 件",
        f"{root}/SO-1/order.yaml:6:11: E230 装箱与订单不符：Navy S 装了 20 件，订单是 25 件",
        f"{root}/SO-1/order.yaml:6:69: E230 第 2 条装箱规则是颜色 Red 的，但订单里没有这个颜色",
    ]
    # no packing rules at all: the usage error, in the language too
    bare = PACKED.split("packing:")[0]
    (root / "SO-1/order.yaml").write_text(bare, encoding="utf-8")
    result = run(root, *ZH, "packing", "SO-1")
    assert result.exit_code == 2
    assert result.stderr == "gendan: 订单 SO-1 没有装箱规则（packing: rules: ...）\n"


def test_an_unknown_holiday_country_in_chinese(tmp_path):
    config = "company: {name: T}\nholidays: {country: XX}\n"
    root = make_workspace(tmp_path, {"SO-1/order.yaml": WARN_ORDER}, config)
    result = run(root, *ZH, *AS_OF, "validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "gendan: gendan.yaml：holidays.country 'XX' 不是 holidays 库认识的国家（请用 CN 这样的 ISO 代码，或 null）\n"
    )


def test_a_shipment_the_order_does_not_have_carries_its_words():
    """The ValueError of shipment_order (doc --shipment N) carries its words for the command."""
    from gendan.core.model import Order
    from gendan.domain.shipments import shipment_order
    from gendan.render.i18n import Words
    from gendan.store.parse import adapter

    order = adapter(Order).validate_python(
        {"id": "SO-1", "customer": {"name": "C"}, "stage": "inquiry", "shipments": [{}, {}]}
    )
    with pytest.raises(ValueError) as e:
        shipment_order(order, 5)
    assert str(e.value) == "SO-1 has 2 shipments; --shipment 5 does not exist (1 to 2)"
    assert Words("zh").pieces(e.value.words) == "SO-1 有 2 批出货；没有 --shipment 5（1 到 2）"
