"""The commands' own messages in Chinese (issue 17): what change, revise, plan --write, calendar,
doc, new, init, import, log, diff, whatif, aql... print, their refusals, and click's usage errors,
in a `--lang zh` run (or $GENDAN_LANG, or gendan.yaml's `language`). A scan of everything they
print finds no run of three English words, apart from the user's own text (names, reasons),
file paths, and the commands and options the user types; the same scan finds English in the
`--lang en` run of the same commands, and English stays as it was."""

from __future__ import annotations

import re

import pytest

from tests.helpers import commit_all, run
from tests.test_zh import user_text

AS_OF = ("--as-of", "2026-11-30")
WHO = {"GENDAN_USER": "王小梅"}  # who acts (not the machine's git user.name)


def english_runs(output: str, root) -> list[str]:
    """Runs of three or more English words left in `output` once the user's own text (order
    files, gendan.yaml), file paths, and what the user types (`gendan ...`, --options, metavars
    like ID, codes like USD) are taken out."""
    said = "|".join(re.escape(t) for t in user_text(root))  # longest first
    output = re.sub(rf"(?<!\w)(?:{said})(?!\w)", " ¦ ", output)
    output = re.sub(r"\S*/\S*", " ¦ ", output)  # paths (and 2026/12/02)
    output = re.sub(r"`[^`]*`", " ¦ ", output)  # a command quoted
    output = re.sub(r"gendan(?: [\w.\[\]=-]+)*", " ¦ ", output)  # a command to type
    output = re.sub(r"--?[\w-]+", " ¦ ", output)  # an option
    output = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ¦ ", output)  # a metavar (ID, FIELD, OPTIONS), a code (USD, AQL)
    return re.findall(r"[A-Za-z][A-Za-z'’]*(?: [A-Za-z][A-Za-z'’]*){2,}", output)


def workbook(tmp_path):
    """A tracking sheet with an order, a copy of its row, a row without a number, a total, and
    rows that cannot be imported."""
    from tests.test_importer import ROWS, tracker

    rows = [ROWS[0], list(ROWS[0]), [None, "Acme", None, None, None, 10] + [None] * 6]
    rows.append(["合计", None, None, None, None, 1200] + [None] * 6)
    rows.append(["SO-9", "Acme", "P", "S", "Black", "many", 1, "USD", None, "2026-13-40", "X", None])
    rows.append(["SO-12", "Acme", "P", "S", "Black", 10, 1.5, None, None, "2027-01-10", "X", None])
    return tracker(tmp_path / "跟踪表.xlsx", rows)


def commands(tmp_path):
    """Every command with a message of its own, in the order they run on one workspace: what it
    prints, and the lines a Chinese run must print (None: only scanned)."""
    book = workbook(tmp_path)
    by = ("--requested-by", "Ingrid Berg", "--approved-by", "Zhang Wei")
    return [
        (
            (*AS_OF, "change", "SO-2026-0142", "qty.Black.M", "450", *by),
            [
                "SO-2026-0142：qty.Black.M 400 → 450（Ingrid Berg 提出，Zhang Wei 批准）",
                "  订单数量 1200 → 1250 件",
                "  已开始生产：按原数量已采购的物料由客户承担（R9）",
            ],
        ),
        (
            (*AS_OF, "change", "SO-2026-0142", "price.Black", "19.00", *by),
            [
                "SO-2026-0142：price.Black 18.50 → 19.00（Ingrid Berg 提出，Zhang Wei 批准）",
                "  订单金额 USD 23,125.00 → USD 23,750.00",
            ],
        ),
        (
            (*AS_OF, "change", "SO-2026-0142", "ex_factory", "2027-03-05", *by),
            ["  生产进度计划是按原日期排的；请重新排期：gendan plan SO-2026-0142 --write"],
        ),
        ((*AS_OF, "change", "SO-2026-0142", "qty.Blak.M", "1", *by), None),
        (
            (*AS_OF, "change", "SO-2026-0142", "qty.Black.M", "1,000", *by),
            ["gendan: 数量必须是整数件数，收到的是 '1,000'，例如 1000"],
        ),
        (
            (*AS_OF, "change", "SO-2026-0131", "qty.Black.M", "3", *by),
            ["gendan: SO-2026-0131 的阶段是已取消，不能再修改"],
        ),
        (
            (*AS_OF, "pay", "SO-2026-0133", "deposit", "100"),
            ["SO-2026-0133：定金 EUR 100.00，2026-11-30 到账", "  定金已收 EUR 8,378.20，应收 EUR 8,278.20（30%）"],
        ),
        (
            (*AS_OF, "pay", "SO-2026-0142", "balance", "USD 1000", "--ref", "HSBC TT 1020"),
            ["  已收 USD 7,660.00（货值 USD 23,750.00），未收 USD 16,090.00"],
        ),
        ((*AS_OF, "diff", "SO-2026-0142", "--since", "nosuchrev"), None),  # (the line names the folder)
        ((*AS_OF, "diff", "SO-2026-0142", "--since", "2020-01-01"), None),
        ((*AS_OF, "diff", "SO-2026-0142", "--since", "2027-02-30"), ["gendan: 2027-02-30 不是真实存在的日期"]),
        ((*AS_OF, "validate", "2026/nothere"), ["gendan: 2026/nothere：没有这个文件或文件夹"]),
        (
            (*AS_OF, "list", "--stage", "producton"),
            [
                "gendan: 没有这个阶段：'producton'（是不是 'production'？）；阶段有：inquiry, confirmed, reviewed, "
                "funded, sampling, materials, production, inspection, shipping, paid, delivered, closed, on_hold, "
                "cancelled"
            ],
        ),
        (
            (*AS_OF, "status", "--by", "customer", "--group-by", "factory"),
            ["gendan: --by customer 和 --group-by factory 不一致；请只用 --group-by"],
        ),
        ((*AS_OF, "pay", "SO-2026-0142", "deposit", "1,000"), ["gendan: 金额不要写千位分隔符：写 1000，不要写 1,000"]),
        (
            (*AS_OF, "pay", "SO-2026-0142", "deposit", "EUR 100"),
            ["gendan: 订单币种是 USD，这笔款是 EUR：请记录实际入账的 USD 金额（先换算）"],
        ),
        ((*AS_OF, "pay", "SO-2026-0142", "deposit", "1.234"), ["gendan: USD 只有 2 位小数；这里是 '1.234'"]),
        ((*AS_OF, "pay", "SO-2026-0142", "deposit", "-5"), ["gendan: 到账金额必须大于零；这里是 '-5'"]),
        ((*AS_OF, "pay", "SO-2026-0142", "tip", "5"), ["gendan: 收款类别只能是 deposit, balance, full；这里是 'tip'"]),
        (
            (*AS_OF, "pay", "SO-2026-0142", "deposit", "5", "--date", "2026-12-05"),
            ["gendan: 2026-12-05 晚于今天（2026-11-30）：款到了再记录"],
        ),
        (
            (*AS_OF, "change", "SO-2026-0142", "ex_factory", "2027-02-30", *by),
            ["gendan: 2027-02-30 不是真实存在的日期（这个月没有这一天）"],
        ),
        (
            (*AS_OF, "change", "SO-2026-0142", "ex_factory", "soon", *by),
            ["gendan: 这里应是日期，例如 2026-11-30，现在是 'soon'"],
        ),
        (
            (*AS_OF, "revise", "SO-2026-0142", "fabric_in_house", "2027-01-20", "--reason", "mill delay"),
            ["SO-2026-0142：面料到厂改期到 2027-01-20（原计划 2027-01-05）：mill delay"],
        ),
        (
            (*AS_OF, "revise", "SO-2026-0142", "po_received", "+2", "--reason", "x"),
            ["gendan: SO-2026-0142：收到订单已于 2026-10-12 完成；已完成的节点不能改期"],
        ),
        (
            (*AS_OF, "done", "SO-2026-0142", "fabric_in_hose"),
            ["gendan: 没有节点 'fabric_in_hose'（是不是 'fabric_in_house'？）；节点列表见 `gendan plan 订单号`"],
        ),
        (
            (*AS_OF, "done", "SO-2026-0142", "po_received"),
            ["gendan: SO-2026-0142：收到订单已于 2026-10-12 完成（要更正日期请加 --date）"],
        ),
        (
            (*AS_OF, "done", "SO-2026-0142", "costing", "--date", "2026-12-01"),
            ["gendan: 2026-12-01 晚于今天（2026-11-30）：节点发生之后才能记为完成"],
        ),
        ((*AS_OF, "plan", "SO-2026-0150", "--write"), None),
        ((*AS_OF, "plan", "SO-2026-0150", "--write"), ["计划日期已与模板一致；未写入任何内容"]),
        ((*AS_OF, "calendar", "-o", str(tmp_path / "a.ics")), None),
        ((*AS_OF, "tracker", "-o", str(tmp_path / "t.xlsx")), None),
        ((*AS_OF, "doc", "SO-2026-0142", "packing-list", "--issue"), ["已出具 PL-2026-0001"]),
        (
            (*AS_OF, "doc", "SO-2026-0142", "packing-list", "--revise"),
            ["gendan: PL-2026-0001 与出具时内容相同；无需改版"],
        ),
        ((*AS_OF, "doc", "SO-2026-0142", "packing-list"), ["PL-2026-0001（2026-11-30 出具）"]),
        ((*AS_OF, "doc", "SO-2026-0142", "pi"), None),
        ((*AS_OF, "doc", "SO-2026-0142", "invoice"), None),
        (
            (*AS_OF, "doc", "SO-2026-0142"),
            [
                "错误：请给出订单号和单据类型（单据类型有：pi, production-notice, po, packing-list, "
                "shipping-marks, inspection-report, commercial-invoice）"
            ],
        ),
        ((*AS_OF, "doc", "--copy", "pi"), None),
        ((*AS_OF, "doc", "--copy", "pi"), None),
        ((*AS_OF, "new", "SO-2026-0160", "--customer", "Nordic Outdoor AS"), None),
        ((*AS_OF, "new", "SO-2026-0160"), None),  # (its folder is named: a path)
        (
            (*AS_OF, "hold", "SO-2026-0142", "--reason", "customer asks to wait"),
            ["SO-2026-0142：已暂停，大货生产 → 暂停（王小梅，2026-11-30）"],
        ),
        ((*AS_OF, "hold", "SO-2026-0142", "--reason", "again"), ["gendan: SO-2026-0142 已经暂停"]),
        ((*AS_OF, "resume", "SO-2026-0142"), None),
        ((*AS_OF, "resume", "SO-2026-0142"), ["gendan: SO-2026-0142 没有暂停（现在是大货生产）"]),
        ((*AS_OF, "cancel", "SO-2026-0150", "--reason", "customer withdrew the PO"), None),
        ((*AS_OF, "cancel", "SO-2026-0150", "--reason", "again"), ["gendan: SO-2026-0150 已经取消"]),
        ((*AS_OF, "site", "-o", str(tmp_path / "site")), None),
        (("diff", "SO-2026-0142"), None),
        (("diff", "SO-2026-0148"), ["  没有字段改动"]),
        (
            (*AS_OF, "log", "SO-2026-0142", "--wide"),
            ["2026-11-30  记录               王小梅  暂停 大货生产 → 暂停：customer asks to wait"],
        ),
        (
            (*AS_OF, "whatif", "--slip", "fabric_in_hous=7"),
            ["gendan: --slip：没有节点 'fabric_in_hous'（是不是 'fabric_in_house'？）"],
        ),
        ((*AS_OF, "whatif", "--slip", "fabric_in_house=x"), None),
        (("aql", "--lot", "0"), ["gendan: 批量必须是至少为 1 的整数，现在是 0"]),
        (("aql", "--lot", "100", "--level", "IV"), None),
        (("aql", "--lot", "100", "--aql", "3.3"), None),
        ((*AS_OF, "import", str(book), "--dry-run"), ["将创建 1 个，已存在 0 个，2 行未导入"]),
        (
            (*AS_OF, "import", str(book)),
            [
                "第 6 行：跳过：与第 5 行重复",
                "第 7 行：跳过：没有订单号",
                "第 8 行：跳过：合计行（合计）",
                "第 9 行：未导入（SO-9）：quantity (quantity)：'many' 不是数量（请写成 1200 或 1,200 pcs 这样）；"
                "delivery (delivery)：'2026-13-40' 不是真实存在的日期",
                "已创建 1 个，已存在 0 个，2 行未导入",
            ],
        ),
        ((*AS_OF, "import", str(tmp_path / "nope.xlsx")), None),
    ]


@pytest.mark.slow  # some forty commands, twice, the site and the tracker among them
def test_every_command_says_its_messages_in_chinese(tmp_path):
    from tests.helpers import copy_examples

    found, english = {}, {"zh": 0, "en": 0}
    for lang in ("zh", "en"):
        root = copy_examples(tmp_path / lang / "examples")
        commit_all(root)
        left: list[str] = []
        for args, lines in commands(tmp_path / lang):
            result = run(root, "--lang", lang, *args, env=WHO)
            assert "Traceback" not in result.output and "internal error" not in result.output, result.output
            said = result.stdout + result.stderr
            if lang == "zh":
                for line in lines or ():
                    assert line in said.splitlines(), (args, said)
            runs = english_runs(said, root)
            left += [f"{' '.join(args)}: {r}" for r in runs]
            english[lang] += bool(runs)
        found[lang] = left
    assert found["zh"] == [], "\n".join(found["zh"])
    # the scan finds the English of the English run: in most commands (some say only a path and a number)
    assert english["en"] >= 25, found["en"]


# --- click's usage errors ----------------------------------------------------------------------

USAGE = [
    (("list", "--formt", "json"), "错误：没有选项 '--formt'。（是不是以下之一：'--factory'、'--format'？）"),
    (("lst",), "错误：没有命令 'lst'。是不是 'list'？"),
    (("show",), "错误：缺少参数 'ID'。"),
    (("change", "SO-2026-0142", "qty.Black.M", "3"), "错误：缺少选项 '--requested-by'。"),
    (
        ("list", "--format", "xml"),
        "错误：'--format' 的值无效：'xml' 不是可选的值：'table'、'json'、'csv'、'markdown'。",
    ),
    (
        ("--as-of", "3/4/2027", "list"),
        "错误：'--as-of' 的值无效：'3/4/2027' 有歧义（日/月 还是 月/日？）：请把年份写在前面，例如 2027-04-03"
        "（可以写：2026-12-02、2026/12/02、2026.12.02、2026年12月2日、今天 或 昨天）",
    ),
    (
        ("overdue", "--as-of", "next week"),
        "错误：'--as-of' 的值无效：'next week' 不是日期；"
        "请写成 2026-12-02、2026/12/02、2026.12.02、2026年12月2日、今天 或 昨天",
    ),
    (
        ("done", "SO-2026-0142", "costing", "--date", "2027-02-30"),
        "错误：'--date' 的值无效：2027-02-30 不是真实存在的日期（这个月没有这一天）",
    ),
    (
        ("--as-of", "2027-13-01", "list"),
        "错误：'--as-of' 的值无效：2027-13-01 不是真实存在的日期（月份必须在 1 到 12 之间）",
    ),
    (
        ("--as-of", "1980-01-01", "list"),
        "错误：'--as-of' 的值无效：1980-01-01 超出了 gendan 能排期的日期范围（1990-01-01 至 2100-12-31）",
    ),
    (("aql", "--lot", "many"), "错误：'--lot' 的值无效：'many' 不是整数。"),
    (("calendar", "-o", "a.ics", "--remind", "99"), "错误：'--remind' 的值无效：99 不在范围 0<=x<=60 内。"),
    (("import", "t.xlsx", "--map", "nowhere.yaml"), "错误：'--map' 的值无效：'nowhere.yaml' 不存在。"),
    (("list", "extra"), "错误：多余的参数（extra）"),
    (
        ("site", "-o", "{root}/gendan.yaml"),
        "错误：'-o' / '--output' 的值无效：'{root}/gendan.yaml' 是文件，不是文件夹。",
    ),
    (("-C", "/nowhere/at/all", "list"), "错误：-C/--root 的值无效：/nowhere/at/all 不是文件夹"),
]


def test_usage_errors_in_chinese(examples):
    found = 0
    for args, line in USAGE:
        args, line = tuple(a.replace("{root}", str(examples)) for a in args), line.replace("{root}", str(examples))
        said = run(examples, "--lang", "zh", *args)
        assert said.exit_code == 2, (args, said.output)
        assert said.stdout == "" and line in said.stderr.splitlines(), (args, said.stderr)
        assert english_runs(said.stderr, examples) == [], said.stderr
        english = run(examples, "--lang", "en", *args)
        assert english.exit_code == 2 and "Error: " in english.stderr
        found += bool(english_runs(english.stderr, examples))
    assert found >= 10  # the scan finds click's English (`Missing argument 'ID'.` is two words)


def test_gendan_alone_still_shows_its_help(examples):
    said = run(None, env={"GENDAN_LANG": "zh"})  # (click's NoArgsIsHelpError is a usage error too)
    assert said.stderr.startswith("Usage: cli [OPTIONS] COMMAND [ARGS]...\n") and "Commands:" in said.stderr
    assert "错误：缺少命令。" in run(examples, "--lang", "zh").stderr  # options but no command


def test_a_usage_error_whole_and_in_english(examples):
    from tests.helpers import run_gendan

    said = run_gendan(examples, "--lang", "zh", "list", "--formt", "json")
    assert said.returncode == 2
    assert said.stderr == (
        "用法：gendan list [OPTIONS]\n"
        "运行 'gendan list --help' 查看帮助。\n"
        "\n"
        "错误：没有选项 '--formt'。（是不是以下之一：'--factory'、'--format'？）\n"
    )
    english = run(examples, "list", "--formt", "json")
    assert english.stderr == (
        "Usage: cli list [OPTIONS]\n"
        "Try 'cli list --help' for help.\n"
        "\n"
        "Error: No such option '--formt'. (Did you mean one of: '--factory', '--format'?)\n"
    )


def test_the_language_of_a_usage_error(examples, tmp_path):
    """--lang before the command, else $GENDAN_LANG, else gendan.yaml's language (when it reads)."""
    zh = "错误：没有命令 'lst'。是不是 'list'？"
    assert zh in run(examples, "lst", env={"GENDAN_LANG": "zh"}).stderr
    assert (
        "Error: No such command 'lst'. Did you mean 'list'?"
        in run(examples, "--lang", "en", "lst", env={"GENDAN_LANG": "zh"}).stderr
    )
    config = examples / "gendan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlanguage: zh\n", encoding="utf-8")
    assert zh in run(examples, "lst").stderr
    assert "错误：缺少参数 'ID'。" in run(examples, "show").stderr
    # `tracker --lang` is the workbook's language, not the messages'
    out = run(examples, "tracker", "--lang", "en")
    assert "错误：缺少选项 '-o' / '--output'。" in out.stderr, out.stderr
    # a gendan.yaml that does not read: English
    config.write_text("language: [zh\n", encoding="utf-8")
    assert "Error: No such command 'lst'." in run(examples, "lst").stderr


def test_the_reports_say_in_chinese_what_they_left_out(examples):
    broken = examples / "2026" / "SO-2026-0151" / "order.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("stage: confirmed", "stage: confirmed: x"))
    listed = run(examples, "--lang", "zh", "list")
    assert listed.exit_code == 1
    last = listed.stderr.splitlines()[-1]
    assert last == "gendan：1 个有问题的订单文件未列入报表（请运行 `gendan validate`）", listed.stderr
    english = run(examples, "list").stderr.splitlines()[-1]
    assert english == "gendan: 1 order file with problems left out of the report (run `gendan validate`)"
    # a command that edits the broken order refuses, in Chinese, with its problem
    refused = run(examples, "--lang", "zh", *AS_OF, "done", "SO-2026-0151", "costing")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("gendan: SO-2026-0151 没有通过检查；请先改正：\n  "), refused.stderr
    assert "E002 'stage' 的值里有 ': '" in refused.stderr


def test_the_workspace_and_the_places_gendan_writes_in_chinese(examples, tmp_path):
    outside = run(tmp_path, "--lang", "zh", "list")
    assert outside.exit_code == 2
    assert outside.stderr == (
        f"gendan: {tmp_path} 及其上级文件夹中都没有 gendan.yaml；请运行 `gendan init` 建立工作区，或用 -C 目录 指定\n"
    )
    order = examples / "2026" / "SO-2026-0142" / "order.yaml"
    kept = run(examples, "--lang", "zh", "tracker", "-o", str(order))
    assert kept.stderr == f"gendan: -o {order}：{order} 是订单文件，gendan 从不覆盖它；未写入任何内容\n"
    moved = run(examples, "--lang", "zh", "new", "SO-9", "--dir", "../x")
    assert moved.stderr == (
        "gendan: --dir ../x：请给出工作区内的文件夹，例如 2026（不能是绝对路径，不能有 '..'，不能是隐藏文件夹）\n"
    )
    said = "\n".join(r.stderr for r in (outside, kept, moved))
    assert english_runs(said, examples) == []
    assert english_runs(run(examples, "tracker", "-o", str(order)).stderr, examples)  # and finds the English


def test_the_progress_bars_labels_in_chinese(examples):
    from tests.helpers import gendan_argv, process_env
    from tests.test_progress import on_terminal

    env = process_env(GENDAN_PROGRESS_DELAY="0", TERM="xterm", COLUMNS="100")
    code, out, shown = on_terminal(gendan_argv(examples, "--lang", "zh", "--no-cache", *AS_OF, "validate"), env)
    assert code == 0 and out.decode().endswith("检查了 14 个订单，没有问题，2 个警告\n")
    assert "读取订单".encode() in shown and "检查订单".encode() in shown and b"100%" in shown
    assert b"reading orders" not in shown


def test_the_import_mapping_and_the_mail_settings_in_chinese(examples, tmp_path):
    from tests.test_importer import ROWS, tracker

    book = tracker(tmp_path / "t.xlsx", [ROWS[0]])
    mapping = tmp_path / "map.yaml"
    for text, line in [
        (
            "colums: {}\n",
            "{map}: 未知的键 'colums'（是不是 'columns'？）；可以写：sheet, header_row, year, columns, defaults",
        ),
        ("columns: {qty: 数量}\n", "{map}: columns: 中有未知的字段 'qty'"),
        ("header_row: 0\n", "{map}: header_row 必须是正整数，这里是 0"),
    ]:
        mapping.write_text(text, encoding="utf-8")
        said = run(examples, "--lang", "zh", "import", str(book), "--map", str(mapping))
        assert said.exit_code == 2 and said.stderr.startswith(line.format(map=mapping)), said.stderr
        assert english_runs(said.stderr, examples) == [], said.stderr
        english = run(examples, "import", str(book), "--map", str(mapping))
        assert english_runs(english.stderr, examples), english.stderr  # the scan can fail
    mailed = run(examples, "--lang", "zh", *AS_OF, "overdue", "--mail", "--dry-run")
    assert mailed.exit_code == 2, mailed.output
    assert "gendan.yaml 中没有设置 mail.host；没有发送任何邮件" in mailed.stderr, mailed.stderr
