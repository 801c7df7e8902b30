"""The company's rules and the advance gates in Chinese (issue 17): `validate` and `advance` in a zh
run say every finding of gendan/domain/rules.py and workflow.py in Chinese, with its amounts,
dates and the workspace's names for stages and milestones; no run of English words is left but
the user's own text and what the user types (codes, keys, commands). English stays as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import make_workspace, replace_in, run

AS_OF = ("--as-of", "2026-11-30")

BASE = """\
id: SO-1
customer: {name: Nordic Outdoor AS, country: NO}
stage: {stage}
quality: as approved PP sample
ex_factory: 2027-03-19
payment: {payment}
currency: USD
lines:
  - colour: Black
    unit_price: 18.50
    sizes: {S: 100, M: 100}
"""
COSTING = "costing:\n  items:\n    - {item: fabric, cost: 9.20}\n"
LOW_COSTING = "costing:\n  items:\n    - {item: fabric, cost: 18.00}\n"
DEPOSIT = "payments:\n  - {kind: deposit, amount: 1110.00, received: 2026-10-20, confirmed_by: Liu Fang}\n"
SHORT_DEPOSIT = "payments:\n  - {kind: deposit, amount: 100.00, received: 2026-10-20, confirmed_by: Liu Fang}\n"
UNCONFIRMED = "payments:\n  - {kind: deposit, amount: 1110.00, received: 2026-10-20}\n"
BALANCE = "  - {kind: balance, amount: 2590.00, received: 2026-11-29}\n"
SHORT_BALANCE = "  - {kind: balance, amount: 2290.00, received: 2026-11-29}\n"
PP = "samples:\n  - {type: pp, sent: 2026-11-02, reply: 2026-11-10, verdict: approved}\n"
FINAL = "inspections:\n  - {type: final, date: 2026-11-28, result: pass}\n"
DEPOSIT_TERMS = "{terms: deposit_balance, deposit_pct: 30}"


def order(stage: str, *parts: str, payment: str = DEPOSIT_TERMS) -> str:
    return BASE.replace("{stage}", stage).replace("{payment}", payment) + "".join(parts)


def without(text: str, *lines: str) -> str:
    for line in lines:
        assert line in text
        text = text.replace(line, "")
    return text


NO_LINES = "lines:\n  - colour: Black\n    unit_price: 18.50\n    sizes: {S: 100, M: 100}\n"

# (name, order file SO-1/order.yaml, the codes validate finds, a full zh line of validate's)
BROKEN = [
    (
        "R1 quantity",
        without(order("confirmed"), NO_LINES),
        ["E201"],
        "SO-1/order.yaml:1:1: E201 R1 四要素：缺少数量（lines：颜色和尺码）",
    ),
    (
        "R1 price",
        order("confirmed").replace("18.50", "0"),
        ["E201"],
        "SO-1/order.yaml:9:3: E201 R1 四要素：缺少价格（每一行都要有大于零的单价）",
    ),
    (
        "R1 quality",
        without(order("confirmed"), "quality: as approved PP sample\n"),
        ["E201"],
        "SO-1/order.yaml:1:1: E201 R1 四要素：缺少质量要求（quality:，或已批样品的编号）",
    ),
    (
        "R1 delivery",
        without(order("confirmed"), "ex_factory: 2027-03-19\n"),
        ["E201"],
        "SO-1/order.yaml:1:1: E201 R1 四要素：缺少交期（出厂日 ex_factory）",
    ),
    ("R3 no costing", order("reviewed"), ["E203"], "SO-1/order.yaml:1:1: E203 R3 没有成本核算"),
    (
        "R3 low margin",
        order("reviewed", LOW_COSTING),
        ["E203"],
        "SO-1/order.yaml:13:3: E203 R3 利润率 2.70% 低于 5%，且没有总经理批准",
    ),
    (
        "R4 terms missing",
        without(order("funded", COSTING), "payment: {terms: deposit_balance, deposit_pct: 30}\n"),
        ["E204"],
        "SO-1/order.yaml:1:1: E204 R4 没有付款方式",
    ),
    (
        "R4 deposit unconfirmed",
        order("funded", COSTING, UNCONFIRMED),
        ["E204"],
        "SO-1/order.yaml:16:3: E204 R4 定金未到账或财务未确认",
    ),
    (
        "R4 L/C",
        order("funded", COSTING, payment="{terms: lc}"),
        ["E204"],
        "SO-1/order.yaml:1:1: E204 R4 信用证未收到或未对照合同审核",
    ),
    (
        "R4 contract review",
        order("funded", payment="{terms: dp}"),
        ["E203", "E204"],
        "SO-1/order.yaml:1:1: E204 R4 付款交单（D/P）：合同评审（R3）未完成",
    ),
    (
        "R5",
        order("production", COSTING, DEPOSIT),
        ["E205"],
        "SO-1/order.yaml:1:1: E205 R5 产前样未批准",
    ),
    (
        "R6",
        order("shipping", COSTING, PP, FINAL, payment="{terms: tt_before_shipment}"),
        ["E206"],
        "SO-1/order.yaml:1:1: E206 R6 付款方式要求出货前收齐货款：已收 USD 0.00，货值 USD 3,700.00，未收 USD 3,700.00",
    ),
    (
        "R8",
        order("shipping", COSTING, DEPOSIT, PP),
        ["E208"],
        "SO-1/order.yaml:1:1: E208 R8 没有合格的尾期验货",
    ),
    (
        "balance",
        order("paid", COSTING, DEPOSIT, PP, FINAL),
        ["E211"],
        "SO-1/order.yaml:16:3: E211 尾款未到：已收 USD 1,110.00，货值 USD 3,700.00，未收 USD 2,590.00",
    ),
    (
        "settled",
        order("closed", COSTING, DEPOSIT + SHORT_BALANCE, PP, FINAL).replace("stage: closed", "stage: closed")
        + "approvals:\n  - {rule: balance, by: Zhang Wei, date: 2026-11-29, reason: customer deducts 300.00}\n",
        ["E212"],
        "SO-1/order.yaml:16:3: E212 还有未收款且未核销：已收 USD 3,400.00，货值 USD 3,700.00，未收 USD 300.00",
    ),
    (
        "E110",
        order("confirmed").replace("id: SO-1", "id: SO-2"),
        ["E110"],
        "SO-1/order.yaml:1:5: E110 订单号 SO-2 与文件夹名 SO-1 不一致",
    ),
    (
        "E111",
        order("producton"),
        ["E111"],
        "SO-1/order.yaml:3:8: E111 没有这个阶段：'producton'（是不是 'production'？）",
    ),
    (
        "E112",
        order("confirmed", "milestones:\n  fabric_in_hous: {planned: 2026-12-01}\n"),
        ["E112"],
        "SO-1/order.yaml:13:19: E112 没有这个节点：'fabric_in_hous'（是不是 'fabric_in_house'？）；"
        "只属于本订单的节点要写 `anchor` 和 `offset`",
    ),
    (
        "E114",
        order(
            "confirmed", "milestones:\n  washing: {anchor: cuting_start, offset: 3}\n  fabric_in_house: {offset: 2}\n"
        ),
        ["E114", "E114"],
        "SO-1/order.yaml:13:21: E114 节点“washing”的基准 'cuting_start' 不存在（是不是 'cutting_start'？）",
    ),
    (
        "E120",
        order(
            "confirmed",
            "milestones:\n  fabric_booked: {actual: 2026-12-02}\n",
            "payments:\n  - {kind: other, amount: 10.00, received: 2026-12-01}\n",
            "samples:\n  - {type: fit, sent: 2026-12-03, reply: 2026-12-04}\n",
            "inspections:\n  - {type: inline, date: 2026-12-05, result: pass}\n",
        ),
        ["E120"] * 5,
        "SO-1/order.yaml:15:44: E120 到账日期 2026-12-01 晚于 2026-11-30",
    ),
    (
        "E121",
        order("confirmed", "milestones:\n  fabric_in_house: {planned: 2026-12-01, revised: 2026-12-08}\n"),
        ["E121"],
        "SO-1/order.yaml:13:51: E121 节点“面料到厂”改了日期但没有写原因（reason）",
    ),
    (
        "W305",
        order("shipping", COSTING, DEPOSIT, PP, FINAL).replace(
            "sizes: {S: 100, M: 100}", "sizes: {S: 100, M: 100}\n    shipped: {S: 100, M: 60, XL: 5}"
        ),
        ["W305", "W305", "W305"],
        "SO-1/order.yaml:12:14: W305 Black：出货 165 件，订单 200 件，超出 ±0%（200 至 200 件）",
    ),
]


def english_runs(text: str, user: list[str]) -> list[str]:
    """Runs of three or more English words in `text`, once the user's own text is taken out. What
    the user types is not a word here: a code (R4, E204), a key (costing.items, fabric_in_house,
    `anchor`), an option (--date), an id (SO-1), a path: each breaks a run."""
    for said in sorted(user, key=len, reverse=True):
        text = text.replace(said, " ")
    word = r"(?<![\w.\-/'`{])[A-Za-z]+(?![\w.\-/'`}])"
    return re.findall(rf"{word}(?: {word}){{2,}}", text)


def user_text(root: Path) -> list[str]:
    """Every text the user wrote in the order files and gendan.yaml (names, reasons, notes)."""
    import yaml

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and " " in value:
            found.add(value)

    for path in [root / "gendan.yaml", *root.rglob("order.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found)


def workspace(tmp_path: Path, text: str, config: str = "company: {name: Test Co}\n") -> Path:
    return make_workspace(tmp_path, {"SO-1/order.yaml": text}, config=config)


def test_the_scan_finds_english_and_spares_what_the_user_types():
    assert english_runs("R4 deposit not received or not confirmed by finance", []) == [
        "deposit not received or not confirmed by finance"
    ]
    assert english_runs("请记录：gendan pay SO-1 balance 金额 --date 日期（approvals: rule R4）", []) == []
    assert english_runs("客户 Nordic Outdoor AS 的订单", ["Nordic Outdoor AS"]) == []
    assert english_runs("SO-1/order.yaml:12:3: E112 'fabric_in_hous' `anchor` and `offset`", []) == []


@pytest.mark.parametrize("name,text,codes,line", BROKEN, ids=[b[0] for b in BROKEN])
def test_validate_says_each_rule_in_chinese(tmp_path, name, text, codes, line):
    root = workspace(tmp_path, text)
    code, zh = validate(root, "zh")
    found = re.findall(r"^SO-1/order\.yaml:\d+:\d+: ([EW]\d{3}) ", zh, re.M)
    assert code == any(c.startswith("E") for c in codes) and sorted(found) == sorted(codes), zh
    assert line + "\n" in zh, zh
    assert english_runs(zh, user_text(root)) == [], zh
    # English as before: the same problems, at the same places, in English words only
    en_code, en = validate(root, "en")
    assert en_code == code and [w[:24] for w in en.splitlines()[:-1]] == [w[:24] for w in zh.splitlines()[:-1]]
    assert not re.search(r"[\u4e00-\u9fff]", en), en


def test_validate_of_every_broken_order_has_no_english_left(tmp_path):
    """All the broken orders in one workspace: a zh validate has no run of English words; the same
    scan finds English in the English run."""
    files = {
        f"case-{i}/order.yaml": text.replace("id: SO-1", f"id: case-{i}") for i, (_, text, _, _) in enumerate(BROKEN)
    }
    root = make_workspace(tmp_path, files)
    zh = run(root, "--lang", "zh", *AS_OF, "validate")
    assert zh.exit_code == 1
    codes = re.findall(r"order\.yaml:\d+:\d+: ([EW]\d{3}) ", zh.stdout)
    assert sorted(codes) == sorted(c for _, _, found, _ in BROKEN for c in found), zh.stdout
    assert english_runs(zh.stdout.replace(str(root), ""), user_text(root)) == [], zh.stdout
    en = run(root, "--lang", "en", *AS_OF, "validate")
    left = english_runs(en.stdout.replace(str(root), ""), user_text(root))
    assert "a unit price above zero on every line" in " | ".join(left), left


def validate(root: Path, lang: str) -> tuple[int, str]:
    """validate's exit code and output, its paths shown from the workspace (as given: absolute)."""
    result = run(root, "--lang", lang, *AS_OF, "validate")
    assert result.stdout.startswith(f"{root}/SO-1/order.yaml:"), result.output
    return result.exit_code, result.stdout.replace(f"{root}/", "")


def test_every_validate_finding_of_the_dates_in_chinese(tmp_path):
    root = workspace(tmp_path, BROKEN[[b[0] for b in BROKEN].index("E120")][1])
    _, out = validate(root, "zh")
    for line in (
        "E120 节点“面料下单”的完成日期 2026-12-02 晚于 2026-11-30",
        "E120 到账日期 2026-12-01 晚于 2026-11-30",
        "E120 样品寄出日期 2026-12-03 晚于 2026-11-30",
        "E120 样品回复日期 2026-12-04 晚于 2026-11-30",
        "E120 有结果的验货日期 2026-12-05 晚于 2026-11-30",
    ):
        assert line in out, out


# (name, order, what to run, the gate lines a zh refusal shows)
REFUSED = [
    (
        "R1",
        without(order("inquiry"), "ex_factory: 2027-03-19\n"),
        (),
        [
            "gendan: SO-1 不能从 询价/报价 推进到 接单确认；有 1 个条件未满足：",
            "  R1（进入接单确认的条件）：R1 四要素：缺少交期（出厂日 ex_factory）",
            "      → 请在订单里写上 ex_factory",
            "  （特批可以强制推进：--override --approved-by 姓名 --reason 原因）",
        ],
    ),
    (
        "R4 deposit short",
        order("reviewed", COSTING, SHORT_DEPOSIT),
        (),
        [
            "gendan: SO-1 不能从 合同评审 推进到 定金/信用证；有 1 个条件未满足：",
            "  R4（进入定金/信用证的条件）：R4 定金不足：30% 定金应收 USD 1,110.00，已收 USD 100.00，"
            "差 USD 1,010.00（超过银行手续费 0.5%）",
            "      → 请（由财务）记录定金：gendan pay SO-1 deposit 金额 --date 日期；"
            "或者记录特批（approvals: rule R4）",
        ],
    ),
    (
        "R4 contract review",
        order("confirmed", payment="{terms: tt_before_shipment}"),
        ("--to", "funded"),
        [
            "  R4（进入定金/信用证的条件）：R4 出货前电汇（T/T）：合同评审（R3）未完成",
            "      → 请先完成成本核算",
        ],
    ),
    (
        "R4 L/C",
        order("reviewed", COSTING, payment="{terms: lc}"),
        (),
        [
            "  R4（进入定金/信用证的条件）：R4 信用证未收到或未对照合同审核",
            "      → 请记录信用证：kind: lc，received: 收证日期，confirmed_by: 审证人姓名；"
            "或者记录特批（approvals: rule R4）",
        ],
    ),
    (
        "R3 R4 R5 R8",
        order("confirmed", LOW_COSTING, UNCONFIRMED),
        ("--to", "shipping"),
        [
            "gendan: SO-1 不能从 接单确认 推进到 出运；有 4 个条件未满足：",
            "  R3（进入合同评审的条件）：R3 利润率 2.70% 低于 5%，且没有总经理批准",
            "      → 请记录总经理批准 costing.approval: {by: 姓名, date: 日期}",
            "  R4（进入定金/信用证的条件）：R4 定金未到账或财务未确认",
            "  R5（进入大货生产的条件）：R5 产前样未批准",
            "      → 请记录产前样的结果 verdict: approved",
            "  R8（进入出运的条件）：R8 没有合格的尾期验货",
            "      → 请记录尾期验货的结果 result: pass",
        ],
    ),
    (
        "R6",
        order("inspection", COSTING, DEPOSIT, PP, FINAL, payment="{terms: tt_before_shipment}"),
        (),
        [
            "  R6（进入出运的条件）：R6 付款方式要求出货前收齐货款：已收 USD 1,110.00，货值 USD 3,700.00，"
            "未收 USD 2,590.00",
            "      → 请记录尾款：gendan pay SO-1 balance 金额；"
            "或者记录例外（approvals: rule R6，由主管批准并写明原因，并告知财务）",
        ],
    ),
    (
        "balance",
        order("shipping", COSTING, DEPOSIT, PP, FINAL),
        (),
        [
            "  balance（进入收款的条件）：尾款未到：已收 USD 1,110.00，货值 USD 3,700.00，未收 USD 2,590.00",
            "      → 请记录尾款：gendan pay SO-1 balance 金额 --date 日期 --ref 银行水单号",
        ],
    ),
    (
        "settled",
        order("delivered", COSTING, DEPOSIT + SHORT_BALANCE, PP, FINAL)
        + "approvals:\n  - {rule: balance, by: Zhang Wei, date: 2026-11-29, reason: customer deducts 300.00}\n",
        (),
        [
            "  settled（进入归档的条件）：还有未收款且未核销：已收 USD 3,400.00，货值 USD 3,700.00，未收 USD 300.00",
            "      → 请用 gendan pay SO-1 ... 记录收款，或者特批核销："
            "gendan advance SO-1 --override --approved-by 姓名 --reason 原因",
        ],
    ),
]


@pytest.mark.parametrize("name,text,args,lines", REFUSED, ids=[r[0] for r in REFUSED])
def test_advance_refused_in_chinese(tmp_path, name, text, args, lines):
    root = workspace(tmp_path, text)
    before = (root / "SO-1/order.yaml").read_text(encoding="utf-8")
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1", *args)
    assert zh.exit_code == 1 and zh.stdout == "", zh.output
    shown = zh.stderr.splitlines()
    for line in lines:
        assert line in shown, zh.stderr
    assert english_runs(zh.stderr, user_text(root)) == [], zh.stderr
    en = run(root, "--lang", "en", *AS_OF, "advance", "SO-1", *args)
    assert en.exit_code == 1 and english_runs(en.stderr, user_text(root)), en.stderr
    assert len(en.stderr.splitlines()) == len(shown)  # line for line
    assert (root / "SO-1/order.yaml").read_text(encoding="utf-8") == before


MILESTONE_CONFIG = """\
company: {name: Test Co}
stages:
  - {key: open, name_zh: 待开始}
  - {key: making, name_zh: 生产中, gates: [milestones]}
  - {key: finished, name_zh: 已完工}
milestone_templates:
  default:
    - {key: cut, anchor: ex_factory, offset: -20, stage: making, name_zh: 裁剪}
    - {key: sewn, anchor: cut, offset: 5, stage: making, name_zh: 缝制}
    - {key: packed, anchor: ex_factory, offset: 0, stage: finished, name_zh: 包装}
"""


def test_the_milestones_gate_in_chinese(tmp_path):
    text = "id: SO-1\ncustomer: {name: A}\nstage: open\nmilestones:\n  cut: {actual: 2026-11-20}\n"
    root = workspace(tmp_path, text, MILESTONE_CONFIG)
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1")
    assert zh.exit_code == 1
    assert zh.stderr.splitlines()[1:3] == [
        "  milestones（进入生产中的条件）：生产中阶段的节点“缝制”还没有完成",
        "      → 完成后记录：gendan done SO-1 sewn --date 日期",  # the key, as the command wants it
    ], zh.stderr
    assert english_runs(zh.stderr, []) == []
    en = run(root, "--lang", "en", *AS_OF, "advance", "SO-1")
    assert "  milestones (to enter making): milestone sewn of stage making is not done\n" in en.stderr


def test_r1_cannot_be_overridden_in_chinese(tmp_path):
    root = workspace(tmp_path, without(order("inquiry"), "quality: as approved PP sample\n"))
    override = ("--override", "--approved-by", "王总", "--reason", "老客户")
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1", *override)
    assert zh.exit_code == 1
    assert zh.stderr == (
        "gendan: SO-1 不能推进到 接单确认；R1 不能特批：\n"
        "  R1（进入接单确认的条件）：R1 四要素：缺少质量要求（quality:，或已批样品的编号）\n"
        "      → 请在订单里写上 quality\n"
    )
    en = run(root, "--lang", "en", *AS_OF, "advance", "SO-1", *override)
    assert en.stderr == (
        "gendan: SO-1 cannot move to confirmed; R1 cannot be overridden:\n"
        "  R1 (to enter confirmed): R1 four essentials: quality requirement (quality: or an approved sample "
        "reference) is missing\n"
        "      -> add quality to the order\n"
    )


def test_an_override_is_reported_in_chinese(tmp_path):
    root = workspace(tmp_path, order("reviewed", COSTING))
    override = ("--override", "--approved-by", "王总", "--reason", "老客户，定金在路上")
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1", "--by", "陈丽", *override)
    assert zh.exit_code == 0, zh.output
    assert zh.stdout == (
        "SO-1：已推进，合同评审 → 定金/信用证（陈丽，2026-11-30）\n"
        "  已记录特批：王总 批准 R4，原因：老客户，定金在路上\n"
    )
    # every gate holds: the note in Chinese too
    root = workspace(tmp_path / "b", order("reviewed", COSTING, DEPOSIT))
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1", "--by", "陈丽", *override)
    assert zh.stdout.splitlines()[1] == "  （不需要 --override：所有条件都已满足，未记录特批）", zh.stdout
    root = workspace(tmp_path / "c", order("reviewed", COSTING, DEPOSIT))
    en = run(root, "--lang", "en", *AS_OF, "advance", "SO-1", "--by", "Chen Li", *override)
    assert en.stdout == (
        "SO-1: advanced, reviewed -> funded (by Chen Li, 2026-11-30)\n"
        "  (--override was not needed: every gate holds; no special approval recorded)\n"
    )


def test_an_invalid_order_is_refused_in_chinese(tmp_path):
    root = workspace(tmp_path, order("confirmed", "milestones:\n  fabric_in_house: {revised: 2026-12-08}\n"))
    zh = run(root, "--lang", "zh", *AS_OF, "advance", "SO-1")
    assert zh.exit_code == 1
    assert zh.stderr.replace(f"{root}/", "") == (
        "gendan: SO-1 没有通过检查；请先改正：\n"
        "  SO-1/order.yaml:13:30: E121 节点“面料到厂”改了日期但没有写原因（reason）\n"
    ), zh.stderr
    en = run(root, "--lang", "en", *AS_OF, "advance", "SO-1")
    assert en.stderr.replace(f"{root}/", "") == (
        "gendan: SO-1 fails validation; fix it first:\n"
        "  SO-1/order.yaml:13:30: E121 milestone fabric_in_house is revised without a reason\n"
    )


def test_overdue_says_the_r4_amounts_in_chinese(examples):
    """The R4 items of overdue say their finding in zh, amounts and all (not a generic sentence)."""
    path = examples / "2026/SO-2026-0133/order.yaml"
    replace_in(path, "amount: 8278.20, received: 2026-10-30", "amount: 1000.00, received: 2026-10-30")
    zh = run(examples, "--lang", "zh", *AS_OF, "overdue", "--within", "30", "--wide").stdout
    assert (
        "R4 定金不足：30% 定金应收 EUR 8,278.20，已收 EUR 1,000.00，差 EUR 7,278.20（超过银行手续费 0.5%）；"
        "开裁应于 2026-12-22 完成"
    ) in zh, zh
    en = run(examples, "--lang", "en", *AS_OF, "overdue", "--within", "30", "--wide").stdout
    assert (
        "R4 deposit short: received EUR 1,000.00 of the 30% deposit EUR 8,278.20, short by EUR 7,278.20 "
        "(more than the bank charges, 0.5%); cutting_start due 2026-12-22"
    ) in en, en
    # the contract review before D/P production
    replace_in(path, "terms: deposit_balance, deposit_pct: 30,", "terms: dp,")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\ncosting:\n(  .*\n)+", "\n", text), encoding="utf-8")  # no cost analysis
    zh = run(examples, "--lang", "zh", *AS_OF, "overdue", "--within", "30", "--wide").stdout
    assert "R4 付款交单（D/P）：合同评审（R3）未完成；开裁应于 2026-12-22 完成" in zh, zh


# (order stage, command, exit code, the zh message, the English one)
MOVES = [
    ("reviewed", ("advance", "SO-1", "--to", "reviewed"), 2, "SO-1 已经在合同评审阶段", "SO-1 is already reviewed"),
    (
        "reviewed",
        ("advance", "SO-1", "--to", "confirmed"),
        2,
        "从 合同评审 退回到 接单确认 需要写原因：--reason 原因",
        "going back from reviewed to confirmed needs --reason TEXT",
    ),
    (
        "reviewed",
        ("advance", "SO-1", "--override"),
        2,
        "--override 需要 --approved-by 姓名（批准特批的人）和 --reason 原因",
        "--override needs --approved-by NAME (who grants the special approval, 特批) and --reason TEXT",
    ),
    (
        "reviewed",
        ("advance", "SO-1", "--to", "on_hold"),
        2,
        "暂停订单请用 `gendan hold SO-1 --reason 原因`",
        "use `gendan hold SO-1 --reason TEXT` to make an order on_hold",
    ),
    (
        "producton",
        ("advance", "SO-1"),
        2,
        "SO-1 的阶段 'producton' 不存在（是不是 'production'？）",
        "SO-1 is at unknown stage 'producton' (did you mean 'production'?)",
    ),
    (
        "closed",
        ("hold", "SO-1", "--reason", "客户要求"),
        1,
        "SO-1 处于归档；只有进行中的订单才能暂停",
        "SO-1 is closed; only an open order can be put on hold",
    ),
    ("reviewed", ("resume", "SO-1"), 1, "SO-1 没有暂停（现在是合同评审）", "SO-1 is not on hold (it is reviewed)"),
    (
        "on_hold",
        ("resume", "SO-1"),
        2,
        "SO-1：记录里没有暂停前的阶段；请指定：gendan resume SO-1 --to 阶段",
        "SO-1: its history does not say which stage it was held at; name it: gendan resume SO-1 --to STAGE",
    ),
    ("cancelled", ("cancel", "SO-1", "--reason", "客户取消"), 1, "SO-1 已经取消", "SO-1 is already cancelled"),
    (
        "closed",
        ("cancel", "SO-1", "--reason", "客户取消"),
        1,
        "SO-1 处于归档；只有进行中的订单才能取消",
        "SO-1 is closed; only an open order can be cancelled",
    ),
]


@pytest.mark.parametrize("stage,args,code,zh_line,en_line", MOVES, ids=[" ".join(m[1]) for m in MOVES])
def test_what_the_moves_refuse_in_chinese(tmp_path, stage, args, code, zh_line, en_line):
    root = workspace(tmp_path, order(stage, COSTING, DEPOSIT + BALANCE, PP, FINAL))
    zh = run(root, "--lang", "zh", *AS_OF, *args)
    assert zh.exit_code == code and zh.stderr == f"gendan: {zh_line}\n", zh.output
    en = run(root, "--lang", "en", *AS_OF, *args)
    assert en.exit_code == code and en.stderr == f"gendan: {en_line}\n", en.output
