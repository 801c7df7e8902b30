"""The words of the report commands in the user's language: a plain catalogue, English keys to
Chinese text. The language is `--lang`, else $GENDAN_LANG, else `language` in gendan.yaml
(`language_of`). Stage and milestone names come from the workspace's own `name_zh` in
gendan.yaml; the rest (column headings, kinds and severities of overdue items, messages) from
the catalogue below. Machine formats (json, csv) keep their English keys and values: scripts
read them.
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("en", "zh")

ZH = {
    # column headings
    "id": "订单号",
    "order": "订单号",
    "customer": "客户",
    "style": "款号",
    "stage": "阶段",
    "pieces": "件数",
    "value": "金额",
    "ex-factory": "出厂日",
    "ex_factory": "出厂日",
    "milestone": "节点",
    "owner": "负责人",
    "due": "应完成",
    "working_days_late": "逾期工作日",
    "kind": "类别",
    "severity": "紧急程度",
    "detail": "说明",
    # milestones that are dates of the order rather than of a template
    "ex_factory_date": "出厂日",
    "balance": "尾款",
    "deposit": "定金",
    # stages outside the flow
    "on_hold": "暂停",
    "cancelled": "已取消",
    # kinds of overdue items
    "overdue": "逾期",
    "due_soon": "即将到期",
    "R4": "定金未到",
    "R5": "产前样未批",
    "R6": "尾款未到",
    "at_risk": "有延期风险",
    "payment": "待收款",
    "lc": "信用证",
    # severities
    "critical": "严重",
    "high": "高",
    "normal": "一般",
    # messages
    "(no orders)": "（没有订单）",
    "nothing overdue or due within {within} days (as of {today})": "截至 {today}，没有逾期或 {within} 天内到期的事项",
    "({n} more column: --wide shows it)": "（另有 {n} 列未显示：加 --wide 显示全部）",
    # ---- engineer zh: every report command, the site, messages (issue 17) ----
    "({n} more columns: --wide shows them)": "（另有 {n} 列未显示：加 --wide 显示全部）",
    # words of several reports
    "(none)": "（无）",
    "total": "合计",
    "orders": "订单数",
    "group": "分组",
    "merchandiser": "跟单员",
    "factory": "工厂",
    "forecast": "预计",
    "contract": "合同交期",
    "since": "暂停日期",
    "from": "原阶段",
    "reason": "原因",
    "note": "备注",
    "revised": "已改期",
    "planned": "计划",
    "actual": "实际",
    "template": "模板日期",
    "slack": "余量",
    "slack (working days)": "余量（工作日）",
    "late": "逾期",
    "done": "已完成",
    "stage passed": "阶段已过",
    "passed": "阶段已过",
    "open": "未到期",
    "no_date": "无日期",
    "yes": "是",
    "no": "否",
    # owners' roles in the milestone templates
    "buyer": "客户",
    "sample room": "样衣间",
    "finance": "财务",
    "purchasing": "采购",
    "QA": "品控",
    "shipping": "船务",
    "documents": "单证",
    "supervisor": "主管",
    # payment kinds
    "full": "全款",
    "lc_payment": "信用证",
    # show
    "PO": "客户订单号",
    "incoterm": "贸易术语",
    "PO date": "下单日",
    "payment terms": "付款方式",
    "shipped": "已出货",
    "colour": "颜色",
    "price": "单价",
    "amount": "金额",
    "received": "到账日",
    "confirmed_by": "确认人",
    "received {received}, outstanding {outstanding}": "已收 {received}，未收 {outstanding}",
    "next milestones (as of {today}):": "接下来的节点（截至 {today}）：",
    "{n} working day late": "逾期 {n} 个工作日",
    "{n} working days late": "逾期 {n} 个工作日",
    "deposit_balance": "定金+尾款",
    "tt_before_shipment": "出货前电汇",
    "dp": "付款交单",
    "da": "承兑交单",
    # the forecast (show, plan, revise, status, overdue)
    "no forecast: the order has no ex-factory date": "无法预计：订单没有出厂日",
    "AT RISK: forecast ex-factory {forecast}, {n} working day after the contract date {contract}": (
        "有延期风险：预计 {forecast} 出厂，比合同出厂日 {contract} 晚 {n} 个工作日"
    ),
    "AT RISK: forecast ex-factory {forecast}, {n} working days after the contract date {contract}": (
        "有延期风险：预计 {forecast} 出厂，比合同出厂日 {contract} 晚 {n} 个工作日"
    ),
    "why: {chain}": "原因：{chain}",
    "forecast ex-factory {forecast}, contract {contract}: on time": "预计 {forecast} 出厂，合同出厂日 {contract}：按时",
    "revised: {reason}": "已改期：{reason}",
    "due {due}, not done by today": "应于 {due} 完成，至今未完成",
    "as planned": "按计划",
    "what-if": "假设",
    "sample": "样品",
    # overdue's detail column
    "revised from {planned}: {reason}": "原计划 {planned}，已改期：{reason}",
    "outstanding {outstanding} of {value}": "未收 {outstanding}（货值 {value}）",
    "forecast ex-factory {forecast} is {days} working days after the contract date {contract}: {chain}": (
        "预计 {forecast} 出厂，比合同出厂日 {contract} 晚 {days} 个工作日：{chain}"
    ),
    "{message}; {milestone} due {due}": "{message}；{milestone}应于 {due} 完成",
    "R6 the terms want the money before shipment: received {received} of {value}, outstanding {outstanding}; "
    "ex-factory {due}": (
        "R6 付款方式要求出货前收齐货款：已收 {received}，货值 {value}，未收 {outstanding}；出厂日 {due}"
    ),
    "R4 payment terms are missing": "R4 没有付款方式",
    "R4 L/C not received and checked against the contract": "R4 信用证未收到或未对照合同审核",
    "R4 deposit not received or not confirmed by finance": "R4 定金未到账或财务未确认",
    "R5 no approved pre-production (PP) sample": "R5 产前样未批准",
    "rule R4": "R4 生产前的款项条件未满足（定金或信用证）",
    "rule R5": "R5 产前样未批准",
    "L/C W301": "订单金额超过信用证金额：请客户修改信用证",
    "L/C W302": "信用证最迟装运期 {due}",
    "L/C W303": "信用证有效期 {due}",
    "L/C W304": "须在 {due} 前向银行交单",
    # plan
    "computed": "模板日期",
    "done (payment recorded)": "已完成（已记录收款）",
    "done (PP sample approved)": "已完成（产前样已批）",
    "no anchor date (po_date / ex_factory)": "没有基准日期（下单日/出厂日）",
    "not in the template": "不在模板中",
    "not planned yet": "尚未排期",
    "plan differs": "计划与模板不同",
    "slips {n} working day ({why})": "推迟 {n} 个工作日（{why}）",
    "slips {n} working days ({why})": "推迟 {n} 个工作日（{why}）",
    "not done": "未完成",
    "after {milestone}": "受{milestone}影响",
    # the site (render/site.py, templates/site-*.html.j2)
    "as of {today}": "截至 {today}",
    "made by gendan": "由 gendan 生成",
    "Orders": "订单",
    "{n} orders": "{n} 个订单",
    "{n} order files with problems left out (run gendan validate)": (
        "{n} 个有问题的订单文件未列入（请运行 gendan validate）"
    ),
    "Pipeline by stage": "各阶段订单",
    "Open orders": "进行中的订单",
    "At risk": "有延期风险",
    "contract ex-factory": "合同出厂日",
    "no order's forecast ex-factory passes its contract date": "没有订单的预计出厂日晚于合同出厂日",
    "Overdue and due soon": "逾期和即将到期",
    "what": "事项",
    "nothing overdue or due soon": "没有逾期或即将到期的事项",
    "All orders": "全部订单",
    "Customer pages": "客户页面",
    "Each customer's folder holds only that customer's orders: share it with the buyer as it is.": (
        "每个客户的文件夹只有该客户的订单：可以直接分享给客户。"
    ),
    "your orders with {company}": "您在 {company} 的订单",
    "your PO": "贵司订单号",
    "all orders": "全部订单",
    "quantity": "数量",
    "pcs": "件",
    "forecast {date}": "预计 {date}",
    "Quantities": "数量明细",
    "sizes": "尺码",
    "unit price": "单价",
    "no lines yet": "尚无明细",
    "Time and action": "生产进度（T&A）",
    "status": "状态",
    "Payments": "收款",
    "confirmed by": "确认人",
    "no payments recorded": "尚无收款记录",
    "Timeline": "记录",
    "nothing recorded yet": "尚无记录",
    "Documents": "单据",
    "no documents generated yet (gendan doc)": "尚未生成单据（gendan doc）",
    "Notes": "备注",
    "at risk: forecast ex-factory {forecast}, {n} working days late": (
        "有延期风险：预计 {forecast} 出厂，逾期 {n} 个工作日"
    ),
    "PO received": "收到订单",
    "{milestone} done": "{milestone}已完成",
    "{type} sample round {round} sent": "{type}第 {round} 轮已寄出",
    "{type} sample round {round}: {verdict}": "{type}第 {round} 轮：{verdict}",
    "{kind} received{amount}": "{kind}到账{amount}",
    "change {field}: {old} → {new}": "修改 {field}：{old} → {new}",
    "{type} inspection: {result}": "{type}：{result}",
    "advance": "推进",
    "back": "退回",
    "hold": "暂停",
    "resume": "恢复",
    "cancel": "取消",
    "override": "特批",
    "proto": "初样",
    "fit": "试身样",
    "approval": "确认样",
    "size_set": "齐码样",
    "pp": "产前样",
    "photo": "拍照样",
    "other": "其他",
    "pending": "待定",
    "approved": "已批准",
    "approved with comments": "有意见批准",
    "rejected": "不通过",
    "inline": "初期验货",
    "mid": "中期验货",
    "final": "尾期验货",
    "pass": "合格",
    "fail": "不合格",
    # packing
    "carton no.": "箱号",
    "sizes per carton": "每箱尺码",
    "pcs/ctn": "每箱件数",
    "ctns": "箱数",
    "N.W./ctn kg": "每箱净重 kg",
    "G.W./ctn kg": "每箱毛重 kg",
    "N.W. kg": "净重 kg",
    "G.W. kg": "毛重 kg",
    "CBM": "体积 CBM",
    "note: {note}": "备注：{note}",
    # aql
    "Lot {lot}, inspection level {level}: code letter {letter} (ISO 2859-1 single sampling, normal inspection)": (
        "批量 {lot}，检验水平 {level}：样本量字码 {letter}（ISO 2859-1 一次抽样，正常检验）"
    ),
    "letter": "字码",
    "sample size": "样本量",
    "accept (Ac)": "接收数 (Ac)",
    "reject (Re)": "拒收数 (Re)",
    "Cartons to open: at least {n} of {cartons} (√{cartons})": "开箱数：{cartons} 箱中至少开 {n} 箱（√{cartons}）",
    "arrow followed from {start} to {used}": "按箭头从字码 {start} 改用 {used}",
    "sample {n} >= lot {lot}: inspect every unit": "样本量 {n} 不小于批量 {lot}：全数检验",
    # doc --list
    "format": "格式",
    "source": "来源",
    "title": "名称",
    "built-in": "内置",
    "workspace": "工作区",
    "(printed by WeasyPrint)": "（由 WeasyPrint 打印）",
    "(built in code: gendan/render/xlsxdoc.py)": "（由代码生成：gendan/render/xlsxdoc.py）",
    "letterhead and print CSS of every HTML document": "所有 HTML 单据的抬头和打印样式",
    "Proforma invoice": "形式发票",
    "Production notice 生产通知单": "生产通知单",
    "Purchase order 采购单 (one per supplier)": "采购单（每个供应商一份）",
    "Packing list 装箱单": "装箱单",
    "Shipping marks 唛头 (main and side marks)": "唛头（正唛和侧唛）",
    "Inspection report 验货报告": "验货报告",
    "Commercial invoice": "商业发票",
    # YAML mistakes (gendan/store/yamlio.py words them; Problem.words keeps the template)
    "{tail}": "{tail}",  # the parser's own words, after the sentence
    "a tab character here: YAML indents with spaces only; replace the tab with spaces": (
        "这里有一个制表符（Tab）：YAML 只能用空格缩进；请把 Tab 换成空格"
    ),
    "the value of {key!r} contains ': ', which YAML reads as a new key; put the value in quotes: {key}: {quoted}": (
        "{key!r} 的值里有 ': '，YAML 会把它当成一个新的键；请给值加上引号：{key}: {quoted}"
    ),
    "this line is indented {n} spaces, more than the line above ({above}): keys of one mapping "
    "must start in the same column": "这一行缩进了 {n} 个空格，比上一行（{above} 个）多：同一层的键必须从同一列开始",
    "this line is indented {n} space{s}, which lines up with no key above it: "
    "indent it like the keys it belongs with, with spaces": (
        "这一行缩进了 {n} 个空格，和上面任何一个键都对不齐：请用空格缩进，与同一层的键对齐"
    ),
    "this line is indented {n} space{s}, which lines up with no key above it (the line above: {above}): "
    "indent it like the keys it belongs with, with spaces": (
        "这一行缩进了 {n} 个空格，和上面任何一个键都对不齐（上一行：{above} 个）：请用空格缩进，与同一层的键对齐"
    ),
    "the quote {quote} opened here is never closed: end the value with {quote}": (
        "这里开始的引号 {quote} 没有结束：请在值的末尾加上 {quote}"
    ),
    "the {bracket} opened here is never closed: add {closing} at the end of the value": (
        "这里开始的 {bracket} 没有闭合：请在值的末尾加上 {closing}"
    ),
    "the {bracket} opened here is not closed where it should be (line {line}): add {closing} at the end "
    "of the value, or quote text that has a ':' or ','": (
        "这里开始的 {bracket} 没有在该结束的地方闭合（第 {line} 行）：请在值的末尾加上 {closing}，"
        "或者给含有 ':' 或 ',' 的文字加上引号"
    ),
    "a space is missing after ':' in {line!r}: write {key}: {value}": (
        "{line!r} 中 ':' 后面少了一个空格：应写成 {key}: {value}"
    ),
    "this line is not `key: value`: a key needs ':' and a space after it": (
        "这一行不是 `键: 值` 的格式：键后面要有 ':' 和一个空格"
    ),
    "{problem}: {name} is given twice in the same mapping (first on line {first}); keep one of them": (
        "{name} 在同一层里出现了两次（第一次在第 {first} 行）；请只保留一个 [YAML: {problem}]"
    ),
    "{problem}: {name} is given twice in the same mapping; keep one of them": (
        "{name} 在同一层里出现了两次；请只保留一个 [YAML: {problem}]"
    ),
    # validate
    "{n} order checked, no problems": "检查了 {n} 个订单，没有问题",
    "{n} orders checked, no problems": "检查了 {n} 个订单，没有问题",
    ", {n} warning": "，{n} 个警告",
    ", {n} warnings": "，{n} 个警告",
    "{errors} problems in {files} files ({n} orders checked{warnings})": (
        "{files} 个文件中有 {errors} 个问题（检查了 {n} 个订单{warnings}）"
    ),
    # messages
    "wrote {path}": "已写入 {path}",
    "no order {id} in {folder}": "{folder} 中没有订单 {id}",
    "no order {id} in {folder} (did you mean '{guess}'?)": "{folder} 中没有订单 {id}（是不是 '{guess}'？）",
    "{id}: {milestone} done on {day}": "{id}：{milestone}已于 {day} 完成",
    " (was {was})": "（原为 {was}）",
    ", {n} working day late": "，晚了 {n} 个工作日",
    ", {n} working days late": "，晚了 {n} 个工作日",
    ", {n} working day early": "，提前 {n} 个工作日",
    ", {n} working days early": "，提前 {n} 个工作日",
    ", on time": "，按时",
    "{id} is cancelled; a cancelled order does not move": "{id} 已取消；已取消的订单不能推进",
    "{id} is on hold; resume it first: gendan resume {id}": "{id} 已暂停；请先恢复：gendan resume {id}",
    "{id} is {stage}, the last stage; it cannot advance": "{id} 已是最后一个阶段（{stage}），不能再推进",
    "{id} cannot move from {from} to {to}; {n} gate not met:": "{id} 不能从 {from} 推进到 {to}；有 {n} 个条件未满足：",
    "{id} cannot move from {from} to {to}; {n} gates not met:": "{id} 不能从 {from} 推进到 {to}；有 {n} 个条件未满足：",
    "{gates}": "{gates}",
    "\n  (a special approval moves it anyway: --override --approved-by NAME --reason TEXT)": (
        "\n  （特批可以强制推进：--override --approved-by 姓名 --reason 原因）"
    ),
    "{id}: advanced, {from} -> {to} (by {by}, {when})": "{id}：已推进，{from} → {to}（{by}，{when}）",
    "{id}: moved back, {from} -> {to} (by {by}, {when})": "{id}：已退回，{from} → {to}（{by}，{when}）",
    "{id}: put on hold, {from} -> {to} (by {by}, {when})": "{id}：已暂停，{from} → {to}（{by}，{when}）",
    "{id}: resumed, {from} -> {to} (by {by}, {when})": "{id}：已恢复，{from} → {to}（{by}，{when}）",
    "{id}: cancelled, {from} -> {to} (by {by}, {when})": "{id}：已取消，{from} → {to}（{by}，{when}）",
    "wrote {pages} pages, {feeds} calendar feeds and {files} documents to {folder}; open {index}": (
        "已写入 {pages} 个页面、{feeds} 个日历订阅和 {files} 份单据到 {folder}；请打开 {index}"
    ),
    # the site's calendar feeds (templates/site-index.html.j2)
    "Calendar feeds": "日历订阅",
    "The open milestones as calendars (.ics), all-day events with a reminder the day before: subscribe to one "
    "from a phone or Outlook by its address": (
        "未完成的节点做成日历（.ics），全天事件，前一天提醒：在手机或 Outlook 里用地址订阅"
    ),
    " on the published site": "（发布后的网站上的地址）",
    "; a re-published feed moves the events it holds.": "；重新发布后，日历中的事件会随之更新。",
    "feed": "日历",
    "milestones": "节点数",
    "address to subscribe to": "订阅地址",
    "everyone's": "全部",
    # the Gantt charts (render/gantt.py: plan --format svg, the site)
    "{id} {customer}: T&A as of {today}": "{id} {customer}：生产进度（截至 {today}）",
    "{milestone} planned {day}": "{milestone} 计划 {day}",
    "{milestone} done {day}": "{milestone} 完成 {day}",
    ", slack {n} working days": "，余量 {n} 个工作日",
    "{milestone} forecast {day}{slack}": "{milestone} 预计 {day}{slack}",
    "today {today}": "今天 {today}",
    "contract ex-factory {day}": "合同出厂日 {day}",
    "forecast, late": "预计（晚于应完成日）",
    "forecast, later than due": "预计晚于应完成日",
    "driving chain": "关键路径",
    "driving chain (what sets the ex-factory date)": "关键路径（决定出厂日的节点）",
    "Open orders as of {today}: key milestones and forecast ex-factory": (
        "进行中的订单（截至 {today}）：关键节点和预计出厂日"
    ),
    "{id} {milestone} forecast {day}": "{id} {milestone} 预计 {day}",
    "{id} contract ex-factory {day}": "{id} 合同出厂日 {day}",
    "{id} forecast {milestone} {day}{late}": "{id} 预计{milestone} {day}{late}",
    "circles: key milestones (forecast) · diamond: forecast ex-factory (red: late) · bar: contract": (
        "圆点：关键节点（预计）· 菱形：预计出厂日（红色：延期）· 竖线：合同出厂日"
    ),
    # the L/C watch (domain/payments.py lc_alerts)
    "order value {value} is above the L/C amount {amount} (+{pct}%): ask the buyer to amend the L/C": (
        "订单金额 {value} 超过信用证金额 {amount}（+{pct}%）：请客户修改信用证"
    ),
    "ex-factory {ex_factory} is after the L/C's latest shipment date {latest}: ask for an amendment": (
        "出厂日 {ex_factory} 晚于信用证最迟装运期 {latest}：请申请改证"
    ),
    "the L/C's latest shipment date {latest} ": "信用证最迟装运期 {latest} ",
    "the L/C's expiry date {expiry} ": "信用证有效期 {expiry} ",
    "the documents must reach the bank by {deadline}, which ": "单据须在 {deadline} 前交到银行，",
    ": shipped {shipped}, {days} days to present": "：{shipped} 出运，交单期 {days} 天",
    ", L/C expiry {expiry}": "，信用证有效期 {expiry}",
    "passed {n} day ago": "已过 {n} 天",
    "passed {n} days ago": "已过 {n} 天",
    "is in {n} day": "还有 {n} 天",
    "is in {n} days": "还有 {n} 天",
    # status
    "Pipeline as of {today}": "订单概况（截至 {today}）",
    "At risk: forecast ex-factory after the contract date": "有延期风险：预计出厂晚于合同出厂日",
    "On hold": "暂停的订单",
    "Ex-factory this week ({start} to {end})": "本周出厂（{start} 至 {end}）",
    "Ex-factory next week ({start} to {end})": "下周出厂（{start} 至 {end}）",
    # whatif
    "slipped to": "推迟到",
    "forecast after": "推迟后预计",
    "ex factory moves": "出厂推迟",
    "working days late": "逾期工作日",
    "verdict": "结论",
    "chain": "原因链",
    "on time": "按时",
    "becomes late": "将延期",
    "already at risk": "已有延期风险",
    "already at risk, {n} more": "已有延期风险，再晚 {n} 个工作日",
    "no open order matching has {key} still ahead (as of {today})": (
        "截至 {today}，符合条件的未完成订单中没有尚未完成的{key}"
    ),
    "{key} +{days} working days: {n} orders affected, ex-factory moves on {moved}, {new} become late, "
    "{risk} already at risk": (
        "{key}推迟 {days} 个工作日：影响 {n} 个订单，{moved} 个出厂日推迟，{new} 个将延期，{risk} 个已有延期风险"
    ),
}

# notifications (render/notify.py) and calendar feeds (render/ical.py)
ZH_ALERTS = {
    "gendan {today}: {late} overdue, {n} to follow up": "gendan {today}：{late} 项逾期，{n} 项待跟进",
    "{days}d late": "逾期 {days} 个工作日",
    "due today": "今天到期",
    "due in {days}d": "{days} 个工作日后到期",
    "at risk: {days} working days after the contract date {due}": "有延期风险：比合同出厂日 {due} 晚 {days} 个工作日",
    "gendan: {late} overdue, {n} items to follow up (as of {today})": (
        "gendan：{late} 项逾期，{n} 项待跟进（截至 {today}）"
    ),
    "gendan: {late} overdue, {n} item to follow up (as of {today})": (
        "gendan：{late} 项逾期，{n} 项待跟进（截至 {today}）"
    ),
    "Overdue and due within {within} days, as of {today}, for {company}.": (
        "{company}：截至 {today}，逾期及 {within} 天内到期的事项。"
    ),
    "OVERDUE": "逾期",
    "OVERDUE {days}d: {text}": "逾期 {days} 个工作日：{text}",
    "Order: {value}": "订单：{value}",
    "Customer: {value}": "客户：{value}",
    "Milestone: {value}": "节点：{value}",
    "Order stage: {value}": "订单阶段：{value}",
    "Milestone of stage: {value}": "节点所属阶段：{value}",
    "Owner: {value}": "负责人：{value}",
    "Owner: (none)": "负责人：（无）",
    "Merchandiser: {value}": "跟单员：{value}",
    "Due: {value}": "应完成：{value}",
    "Overdue by {days} working day": "逾期 {days} 个工作日",
    "Overdue by {days} working days": "逾期 {days} 个工作日",
    "Forecast: {value}": "预计：{value}",
    # the L/C watch's items
    "lc_amount": "信用证金额",
    "latest_shipment": "最迟装运日",
    "lc_expiry": "信用证到期日",
    "presentation": "交单期限",
}

# the company's rules and the advance gates (gendan/domain/rules.py, workflow.py, payments.py):
# Finding.said templates, messages and hints
ZH_RULES: dict[str, str] = {
    # R1 four essentials (one template for each: what is missing is words, not a value)
    "R1 four essentials: quantity (lines with colours and sizes) is missing": (
        "R1 四要素：缺少数量（lines：颜色和尺码）"
    ),
    "R1 four essentials: price (a unit price above zero on every line) is missing": (
        "R1 四要素：缺少价格（每一行都要有大于零的单价）"
    ),
    "R1 four essentials: quality requirement (quality: or an approved sample reference) is missing": (
        "R1 四要素：缺少质量要求（quality:，或已批样品的编号）"
    ),
    "R1 four essentials: delivery date (ex_factory) is missing": "R1 四要素：缺少交期（出厂日 ex_factory）",
    "add {key} to the order": "请在订单里写上 {key}",
    # R3 contract review: the margin
    "R3 no cost analysis recorded": "R3 没有成本核算",
    "add costing.items (cost per piece) to the order": "请在订单里写上 costing.items（每件成本）",
    "R3 margin {margin}% is below {min_margin}% and has no general manager approval": (
        "R3 利润率 {margin}% 低于 {min_margin}%，且没有总经理批准"
    ),
    "record costing.approval: {{by: NAME, date: DATE}}": "请记录总经理批准 costing.approval: {{by: 姓名, date: 日期}}",
    # R4 money before production ("R4 payment terms are missing", "R4 L/C not received and checked against
    # the contract" and "R4 deposit not received or not confirmed by finance" are in ZH: overdue says them)
    "add payment: {terms: ...}": "请在订单里写上付款方式 payment: {terms: ...}",
    "record the L/C with kind: lc, received: DATE and confirmed_by: NAME (who checked it), "
    "or a special approval (approvals: rule R4)": (
        "请记录信用证：kind: lc，received: 收证日期，confirmed_by: 审证人姓名；或者记录特批（approvals: rule R4）"
    ),
    "R4 dp terms: the contract review (R3) is not done": "R4 付款交单（D/P）：合同评审（R3）未完成",
    "R4 da terms: the contract review (R3) is not done": "R4 承兑交单（D/A）：合同评审（R3）未完成",
    "R4 tt_before_shipment terms: the contract review (R3) is not done": "R4 出货前电汇（T/T）：合同评审（R3）未完成",
    "complete the cost analysis first": "请先完成成本核算",
    "record it: gendan pay {id} deposit AMOUNT --date DATE (by finance), or a special approval (approvals: rule R4)": (
        "请（由财务）记录定金：gendan pay {id} deposit 金额 --date 日期；或者记录特批（approvals: rule R4）"
    ),
    "R4 deposit short: received {received} of the {pct}% deposit {need}, short by {short} "
    "(more than the bank charges, {charges}%)": (
        "R4 定金不足：{pct}% 定金应收 {need}，已收 {received}，差 {short}（超过银行手续费 {charges}%）"
    ),
    # R5 ("R5 no approved pre-production (PP) sample" is in ZH)
    "record the PP sample with verdict: approved": "请记录产前样的结果 verdict: approved",
    # R6, the balance and settled gates
    "R6 the terms want the money before shipment: received {received} of {value}, outstanding {outstanding}": (
        "R6 付款方式要求出货前收齐货款：已收 {received}，货值 {value}，未收 {outstanding}"
    ),
    "record it: gendan pay {id} balance AMOUNT, or an exception "
    "(approvals: rule R6, by the supervisor, with reason; tell finance)": (
        "请记录尾款：gendan pay {id} balance 金额；或者记录例外（approvals: rule R6，由主管批准并写明原因，并告知财务）"
    ),
    "balance not received: received {received} of {value}, outstanding {outstanding}": (
        "尾款未到：已收 {received}，货值 {value}，未收 {outstanding}"
    ),
    "record it: gendan pay {id} balance AMOUNT --date DATE --ref BANK-REF": (
        "请记录尾款：gendan pay {id} balance 金额 --date 日期 --ref 银行水单号"
    ),
    "money outstanding and not written off: received {received} of {value}, outstanding {outstanding}": (
        "还有未收款且未核销：已收 {received}，货值 {value}，未收 {outstanding}"
    ),
    "record it with gendan pay {id} ..., or write it off: "
    "gendan advance {id} --override --approved-by NAME --reason TEXT": (
        "请用 gendan pay {id} ... 记录收款，或者特批核销："
        "gendan advance {id} --override --approved-by 姓名 --reason 原因"
    ),
    # R8
    "R8 no passed final inspection": "R8 没有合格的尾期验货",
    "record the final inspection with result: pass": "请记录尾期验货的结果 result: pass",
    # the milestones gate (workflow.py)
    "milestone {milestone} of stage {stage} is not done": "{stage}阶段的节点“{milestone}”还没有完成",
    "gendan done {id} {key} --date DATE": "完成后记录：gendan done {id} {key} --date 日期",
    # the order against its folder and the config (E110-E114)
    "id {id} differs from the folder name {folder}": "订单号 {id} 与文件夹名 {folder} 不一致",
    "unknown stage '{value}'": "没有这个阶段：'{value}'",
    "unknown stage '{value}' (did you mean '{guess}'?)": "没有这个阶段：'{value}'（是不是 '{guess}'？）",
    "unknown milestone '{key}'; a milestone of this order alone needs `anchor` and `offset`": (
        "没有这个节点：'{key}'；只属于本订单的节点要写 `anchor` 和 `offset`"
    ),
    "unknown milestone '{key}' (did you mean '{guess}'?); "
    "a milestone of this order alone needs `anchor` and `offset`": (
        "没有这个节点：'{key}'（是不是 '{guess}'？）；只属于本订单的节点要写 `anchor` 和 `offset`"
    ),
    "milestone {milestone}: `anchor` and `offset` go together": "节点“{milestone}”：`anchor` 和 `offset` 要一起写",
    "milestone {milestone} is anchored on unknown '{anchor}'": "节点“{milestone}”的基准 '{anchor}' 不存在",
    "milestone {milestone} is anchored on unknown '{anchor}' (did you mean '{guess}'?)": (
        "节点“{milestone}”的基准 '{anchor}' 不存在（是不是 '{guess}'？）"
    ),
    # dates (E120, E121)
    "milestone {milestone} is revised without a reason": "节点“{milestone}”改了日期但没有写原因（reason）",
    "milestone {milestone} is done on {day}, after {today}": "节点“{milestone}”的完成日期 {day} 晚于 {today}",
    "payment received on {day}, after {today}": "到账日期 {day} 晚于 {today}",
    "sample sent on {day}, after {today}": "样品寄出日期 {day} 晚于 {today}",
    "sample reply on {day}, after {today}": "样品回复日期 {day} 晚于 {today}",
    "inspection with a result dated {day}, after {today}": "有结果的验货日期 {day} 晚于 {today}",
    # shipped quantities (W305)
    "{colour}: shipped size {sizes} not on the order": "{colour}：出货尺码 {sizes} 不在订单上",
    "{colour}: shipped {shipped:,} pcs of {ordered:,} ordered, outside ±{pct}% ({low:,} to {high:,})": (
        "{colour}：出货 {shipped:,} 件，订单 {ordered:,} 件，超出 ±{pct}%（{low:,} 至 {high:,} 件）"
    ),
    "the order: shipped {shipped:,} pcs of {ordered:,} ordered, outside ±{pct}% ({low:,} to {high:,})": (
        "整单：出货 {shipped:,} 件，订单 {ordered:,} 件，超出 ±{pct}%（{low:,} 至 {high:,} 件）"
    ),
    # advance: the gates not met, the override
    "\n  {gate} (to enter {stage}): ": "\n  {gate}（进入{stage}的条件）：",
    "\n      -> ": "\n      → ",
    "{id} cannot move to {to}; {rules} cannot be overridden:": "{id} 不能推进到 {to}；{rules} 不能特批：",
    "  special approval by {by} recorded for {rules}: {reason}": "  已记录特批：{by} 批准 {rules}，原因：{reason}",
    "  (--override was not needed: every gate holds; no special approval recorded)": (
        "  （不需要 --override：所有条件都已满足，未记录特批）"
    ),
    # ("{id} fails validation; fix it first:" is in ZH_CHECKS: store/edit.py says it too)
    "\n  {path}:{line}:{col}: {code} ": "\n  {path}:{line}:{col}: {code} ",
    # advance, hold, resume, cancel: what they refuse (workflow.py)
    "stage {stage}: unknown gate '{gate}' in gendan.yaml": "gendan.yaml 中阶段 {stage} 的条件 '{gate}' 不存在",
    "{id} is at unknown stage '{value}'": "{id} 的阶段 '{value}' 不存在",
    "{id} is at unknown stage '{value}' (did you mean '{guess}'?)": (
        "{id} 的阶段 '{value}' 不存在（是不是 '{guess}'？）"
    ),
    "--override needs --approved-by NAME (who grants the special approval, 特批) and --reason TEXT": (
        "--override 需要 --approved-by 姓名（批准特批的人）和 --reason 原因"
    ),
    "use `gendan hold {id} --reason TEXT` to make an order on_hold": "暂停订单请用 `gendan hold {id} --reason 原因`",
    "use `gendan cancel {id} --reason TEXT` to make an order cancelled": (
        "取消订单请用 `gendan cancel {id} --reason 原因`"
    ),
    "{id} is already {stage}": "{id} 已经在{stage}阶段",
    "going back from {from} to {to} needs --reason TEXT": "从 {from} 退回到 {to} 需要写原因：--reason 原因",
    "{id} is already on hold": "{id} 已经暂停",
    "{id} is {stage}; only an open order can be put on hold": "{id} 处于{stage}；只有进行中的订单才能暂停",
    "{id} is not on hold (it is {stage})": "{id} 没有暂停（现在是{stage}）",
    "{id}: its history does not say which stage it was held at; name it: gendan resume {id} --to STAGE": (
        "{id}：记录里没有暂停前的阶段；请指定：gendan resume {id} --to 阶段"
    ),
    "{id} is already cancelled": "{id} 已经取消",
    "{id} is {stage}; only an open order can be cancelled": "{id} 处于{stage}；只有进行中的订单才能取消",
    "hold needs --reason TEXT": "暂停需要写原因：--reason 原因",
    "cancel needs --reason TEXT": "取消需要写原因：--reason 原因",
    # pay's refusals (gendan/domain/payments.py parse_amount, pay)
    "an amount is a number like 4368.00, optionally with the currency (USD 4368.00); got '{text}'": (
        "金额要写成数字，如 4368.00，可以带币种（USD 4368.00）；这里是 '{text}'"
    ),
    "the order is in {currency}, the payment is in {code}: record the {currency} amount credited (convert it first)": (
        "订单币种是 {currency}，这笔款是 {code}：请记录实际入账的 {currency} 金额（先换算）"
    ),
    "the order has no currency; add currency: {code} to it first": "订单没有币种；请先在订单里写上 currency: {code}",
    "write amounts without thousands separators: {plain}, not {number}": (
        "金额不要写千位分隔符：写 {plain}，不要写 {number}"
    ),
    "an amount is a number like 4368.00, got '{text}'": "金额要写成数字，如 4368.00；这里是 '{text}'",
    "an amount received is above zero, got '{text}'": "到账金额必须大于零；这里是 '{text}'",
    "{currency} has {n} decimals; got '{text}'": "{currency} 只有 {n} 位小数；这里是 '{text}'",
    "the currency has {n} decimals; got '{text}'": "该币种只有 {n} 位小数；这里是 '{text}'",
    "a payment is one of {kinds}; got '{kind}'": "收款类别只能是 {kinds}；这里是 '{kind}'",
    "{day} is after today ({today}): record a payment when it is received": "{day} 晚于今天（{today}）：款到了再记录",
}


# the other checks of validate: the T&A calendar, AQL, packing, shipments (gendan/domain), the order
# format (gendan/store/parse.py, gendan/core/model.py) and gendan.yaml (gendan/store/configfile.py)
ZH_CHECKS: dict[str, str] = {
    # pieces several messages share
    " (did you mean '{guess}'?)": "（是不是 '{guess}'？）",
    ", ": "，",
    # what a value is (gendan/core/model.py _kind), after "got"
    "true/false": "布尔值（true/false）",
    "a mapping": "一组键值（映射）",
    "a list": "一个列表",
    "nothing": "空值",
    "the number {value}": "数字 {value}",
    "{value!r}": " {value!r}",
    # the order format (gendan/store/parse.py): keys as the user typed them
    "unknown key '{key}'": "未知的键 '{key}'",
    " (inside {...} a comma separates entries: write numbers without thousands separators, e.g. 6660.00 not "
    "6,660.00)": "（在 {...} 里逗号用来分隔各项：数字不要写千位分隔符，例如写 6660.00，不要写 6,660.00）",
    "missing required key '{key}'": "缺少必填的键 '{key}'",
    "'{key}' must be one of {options}; got {got!r}": "'{key}' 只能是 {options} 之一；现在是 {got!r}",
    "'{key}': ": "'{key}'：",
    "expected a mapping of keys, got ": "这里应是一组键值（映射），现在是",
    "expected a list (lines starting with '- '), got ": "这里应是一个列表（以 '- ' 开头的行），现在是",
    "expected true or false, got ": "这里应是 true 或 false，现在是",
    "expected a whole number, got ": "这里应是整数，现在是",
    "Input should be less than or equal to {le}": "不能大于 {le}",
    "Input should be greater than or equal to {ge}": "不能小于 {ge}",
    "Input should be less than {lt}": "应小于 {lt}",
    "Input should be greater than {gt}": "应大于 {gt}",
    "expected a mapping of keys at the top, got nothing (the file is empty or only comments)": (
        "文件顶层应是一组键值（映射），现在什么都没有（文件是空的或只有注释）"
    ),
    "expected a mapping of keys at the top, got {type}": "文件顶层应是一组键值（映射），现在是 {type}",
    "expected a mapping of keys at the top, got list": "文件顶层应是一组键值（映射），现在是一个列表",
    "expected a mapping of keys at the top, got str": "文件顶层应是一组键值（映射），现在是一段文字",
    "expected a mapping of keys at the top, got int": "文件顶层应是一组键值（映射），现在是一个数字",
    "expected a mapping of keys at the top, got Decimal": "文件顶层应是一组键值（映射），现在是一个数字",
    "expected a mapping of keys at the top, got bool": "文件顶层应是一组键值（映射），现在是布尔值（true/false）",
    "YAML syntax error": "YAML 语法错误：gendan 读不懂这里",
    # values an order cannot hold (gendan/core/model.py)
    "expected text, got ": "这里应是文字，现在是",
    "text holds a lone surrogate U+{code}, which no file or page can hold": (
        "文字中有一个孤立的代理字符 U+{code}，任何文件或网页都无法保存它"
    ),
    "text holds the control character U+{code}; remove it (a tab or a line break is fine)": (
        "文字中有控制字符 U+{code}；请删除它（Tab 和换行可以）"
    ),
    "text holds the bidi control U+{code}, which shows text in another order than it is stored": (
        "文字中有双向控制字符 U+{code}，会让文字显示的顺序和保存的顺序不同"
    ),
    "'{id}' is not a usable order id: use letters, digits, '-', '_' and '.', starting with a letter or digit, "
    "at most 80 characters (e.g. SO-2026-0142)": (
        "'{id}' 不能作订单号：只能用字母、数字、'-'、'_' 和 '.'，以字母或数字开头，最多 80 个字符（例如 SO-2026-0142）"
    ),
    "{day} is outside the dates gendan plans with ({first} to {last})": (
        "{day} 超出了 gendan 能排期的日期范围（{first} 至 {last}）"
    ),
    "{value} is not a real date (month must be in 1..12)": "{value} 不是真实存在的日期（月份只能是 1 到 12）",
    "{value} is not a real date (day is out of range for month)": "{value} 不是真实存在的日期（这个月没有这一天）",
    "{value} is not a real date (year 0 is out of range)": "{value} 不是真实存在的日期（没有 0 年）",
    "{value} is not a real date ({why})": "{value} 不是真实存在的日期",
    "expected a date like 2026-11-30, got ": "这里应是日期，例如 2026-11-30，现在是",
    "expected an amount like 18.50, got ": "这里应是金额，例如 18.50，现在是",
    "{value!r}: write amounts without thousands separators, e.g. {plain}": (
        "{value!r}：金额不要写千位分隔符，例如 {plain}"
    ),
    "expected an amount like 18.50, got {value!r}": "这里应是金额，例如 18.50，现在是 {value!r}",
    "expected an amount like 18.50, got {value}": "这里应是金额，例如 18.50，现在是 {value}",
    "amount cannot be negative, got {value}": "金额不能是负数，现在是 {value}",
    "expected an amount below {max:,}, got {value}": "金额应小于 {max:,}，现在是 {value}",
    "at most {places} decimals in an amount, got {value}": "金额最多 {places} 位小数，现在是 {value}",
    "expected a number, got ": "这里应是数字，现在是",
    "expected a number of zero or more, got {value}": "这里应是 0 或更大的数字，现在是 {value}",
    "expected a number below {max:,}, got {value}": "数字应小于 {max:,}，现在是 {value}",
    "expected a percentage from 0 to 100, got {value}": "这里应是 0 到 100 的百分比，现在是 {value}",
    "expected at most {max} days, got {days}": "最多 {max} 天，现在是 {days}",
    "expected a number above zero, got {value}": "这里应是大于 0 的数字，现在是 {value}",
    "{value!r}: write quantities as plain numbers, e.g. {plain}": "{value!r}：数量请写成纯数字，例如 {plain}",
    "expected a quantity in pieces, got ": "这里应是件数，现在是",
    "quantities are whole pieces, got {value}": "数量必须是整件数，现在是 {value}",
    "quantities must be positive, got {qty}": "数量必须大于 0，现在是 {qty}",
    "expected at most {max:,} pieces, got {qty}": "最多 {max:,} 件，现在是 {qty}",
    "expected zero or more, got {count}": "这里应是 0 或更大的数，现在是 {count}",
    "size {size} has no quantity: inside {{...}} a comma separates entries, so write 1200, not 1,200": (
        "尺码 {size} 没有数量：在 {{...}} 里逗号用来分隔各项，所以要写 1200，不要写 1,200"
    ),
    "expected sizes as a mapping like {S: 100, M: 200}, got ": "尺码应写成 {S: 100, M: 200} 这样的键值，现在是",
    # the file (gendan/store/yamlio.py, workspace.py)
    "not UTF-8: byte 0x{byte:02x} cannot be decoded; save the file as UTF-8": (
        "不是 UTF-8 编码：字节 0x{byte:02x} 无法解码；请把文件另存为 UTF-8"
    ),
    "cannot read: {reason}": "无法读取：{reason}",
    "cannot read: No such file or directory": "无法读取：文件或文件夹不存在",
    "cannot read: Permission denied": "无法读取：没有权限",
    "cannot read: Is a directory": "无法读取：这是一个文件夹",
    "cannot read: Too many levels of symbolic links": "无法读取：符号链接层数太多（链接指向了自己？）",
    "file is larger than {kib} KiB; refusing to read it": "文件超过 {kib} KiB；不予读取",
    "file is larger than {kib} KiB; refusing to edit it": "文件超过 {kib} KiB；不予修改",
    "{id} fails validation; fix it first:": "{id} 没有通过检查；请先改正：",
    "refusing to write a change that would make the order invalid:": "这个修改会让订单文件出错，不予写入：",
    "unresolved merge conflict (a `<<<<<<<` line left by git); keep the right lines, remove the <<<<<<< ======= "
    ">>>>>>> markers, then `git add` the file": (
        "合并冲突没有解决（git 留下了 `<<<<<<<` 行）；保留正确的行，删除 <<<<<<< ======= >>>>>>> 标记，"
        "然后 `git add` 这个文件"
    ),
    "nesting too deep": "嵌套层数太深",
    "nested more than {max} levels deep; refusing to read it": "嵌套超过 {max} 层；不予读取",
    "aliases expand to more than {max} levels deep": "别名展开后超过 {max} 层",
    "an alias refers to itself (recursive alias)": "别名引用了它自己（递归别名）",
    "aliases expand to more than {max:,} values (alias bomb?)": "别名展开后超过 {max:,} 个值（别名炸弹？）",
    "aliases expand to more than {max:,} characters of text (alias bomb?)": (
        "别名展开后超过 {max:,} 个字符（别名炸弹？）"
    ),
    "character U+{char:04X} is not allowed in a YAML file (a control character); remove it": (
        "YAML 文件里不能有字符 U+{char:04X}（控制字符）；请删除它"
    ),
    "expected a mapping": "这里应是一组键值（映射）",
    "a key must be a plain value, not a list or mapping": "键必须是一个简单的值，不能是列表或映射",
    "{value!r} is not a number": "{value!r} 不是数字",
    "the tag {tag} is not allowed in gendan files": "gendan 文件里不能用标签 {tag}",
    "the file points outside the workspace; not read": "这个文件指向工作区以外；未读取",
    "order id {id} is also the folder {folders}; an id names one order (rename or remove one of them)": (
        "订单号 {id} 也是文件夹 {folders} 的名字；一个订单号只能对应一个订单（请改名或删除其中一个）"
    ),
    "no gendan.yaml in {folder} or any parent folder; run `gendan init` to make a workspace, or pass -C DIR": (
        "{folder} 及其上级文件夹中都没有 gendan.yaml；请运行 `gendan init` 建立工作区，或用 -C 目录 指定"
    ),
    "{path} is outside the workspace {folder}": "{path} 在工作区 {folder} 以外",
    "{path} has no order.yaml": "{path} 里没有 order.yaml",
    "{path} has no order.yaml: it is not an order folder": "{path} 里没有 order.yaml：不是订单文件夹",
    "order id {id} is ambiguous: {folders}": "订单号 {id} 不唯一：{folders}",
    "{path} points outside the workspace; refusing to use it": "{path} 指向工作区以外；不予使用",
    # the T&A calendar (gendan/domain/calendar.py, W401-W405)
    "the template's order of work does not fit this lead time: {milestone_after} is planned on {planned} but "
    "comes at least {gap} working days after {milestone_before} ({before}): {short} working day short": (
        "模板的工序顺序排不进这个交期：{milestone_after}排在 {planned}，但它要在{milestone_before}（{before}）"
        "之后至少 {gap} 个工作日：差 {short} 个工作日"
    ),
    "the template's order of work does not fit this lead time: {milestone_after} is planned on {planned} but "
    "comes at least {gap} working days after {milestone_before} ({before}): {short} working days short": (
        "模板的工序顺序排不进这个交期：{milestone_after}排在 {planned}，但它要在{milestone_before}（{before}）"
        "之后至少 {gap} 个工作日：差 {short} 个工作日"
    ),
    "{milestone} is planned on {planned}, {short} working day before the PO date: the lead time is {short} "
    "working day too short": "{milestone}排在 {planned}，比下单日早 {short} 个工作日：交期短了 {short} 个工作日",
    "{milestone} is planned on {planned}, {short} working days before the PO date: the lead time is {short} "
    "working days too short": "{milestone}排在 {planned}，比下单日早 {short} 个工作日：交期短了 {short} 个工作日",
    "ex-factory {ex_factory} is ": "出厂日 {ex_factory} ",
    "inside the closure {name} ({start} to {end})": "在停工期{name}内（{start} 至 {end}）",
    "inside the closure ({start} to {end})": "在停工期内（{start} 至 {end}）",
    "a public holiday": "是法定节假日",
    "a Monday, not a working day": "是星期一，不是工作日",
    "a Tuesday, not a working day": "是星期二，不是工作日",
    "a Wednesday, not a working day": "是星期三，不是工作日",
    "a Thursday, not a working day": "是星期四，不是工作日",
    "a Friday, not a working day": "是星期五，不是工作日",
    "a Saturday, not a working day": "是星期六，不是工作日",
    "a Sunday, not a working day": "是星期日，不是工作日",
    "gendan.yaml: holidays.country {country!r} is not a country the holidays library knows (use an ISO code "
    "such as CN, or null)": (
        "gendan.yaml：holidays.country {country!r} 不是 holidays 库认识的国家（请用 CN 这样的 ISO 代码，或 null）"
    ),
    "product type '{product}' has no milestone template; the default template plans it": (
        "产品类型 '{product}' 没有节点模板；按默认模板排期"
    ),
    "{item} is due {due}, {late} working day after {milestone} ({needed}) that needs it": (
        "{item} 预计 {due} 到货，比需要它的{milestone}（{needed}）晚 {late} 个工作日"
    ),
    "{item} is due {due}, {late} working days after {milestone} ({needed}) that needs it": (
        "{item} 预计 {due} 到货，比需要它的{milestone}（{needed}）晚 {late} 个工作日"
    ),
    # inspections against the AQL plan (gendan/domain/aql.py, E240)
    "AQL {aql} is not in the table of ISO 2859-1 (normal inspection); use one of {values}": (
        "AQL {aql} 不在 ISO 2859-1（正常检验）表中；请用以下之一：{values}"
    ),
    "an inspection without a lot size has no sampling plan": "没有批量的验货记录无法确定抽样方案",
    "carton count cannot be negative, got {cartons}": "箱数不能是负数，现在是 {cartons}",
    "inspection level {level} is unknown; use one of {levels}": "没有检验水平 {level}；请用以下之一：{levels}",
    "lot size must be a whole number of at least 1, got {lot}": "批量必须是至少为 1 的整数，现在是 {lot}",
    "inspection {n}: ": "第 {n} 次验货：",
    "inspection {n}: sample size {size} is too small for lot {lot} at level {level} (": (
        "第 {n} 次验货：批量 {lot}、检验水平 {level} 时样本量 {size} 太小（"
    ),
    "critical AQL {aql}: {size}": "致命缺陷 AQL {aql}：{size}",
    "major AQL {aql}: {size}": "主要缺陷 AQL {aql}：{size}",
    "minor AQL {aql}: {size}": "次要缺陷 AQL {aql}：{size}",
    "{cls} AQL {aql}: {size}": "AQL {aql}：{size}",
    "); inspect at least {needed}": "）；至少要抽检 {needed} 件",
    "inspection {n}: {opened} cartons opened; a final inspection opens at least {least} of {shipped} (√N)": (
        "第 {n} 次验货：开了 {opened} 箱；尾期验货在 {shipped} 箱中至少要开 {least} 箱（√N）"
    ),
    "inspection {n}: result pass with {count} critical defect(s), above the accept number {accept}": (
        "第 {n} 次验货：结果为合格，但有 {count} 个致命缺陷，超过接收数 {accept}"
    ),
    "inspection {n}: result pass with {count} major defect(s), above the accept number {accept}": (
        "第 {n} 次验货：结果为合格，但有 {count} 个主要缺陷，超过接收数 {accept}"
    ),
    "inspection {n}: result pass with {count} minor defect(s), above the accept number {accept}": (
        "第 {n} 次验货：结果为合格，但有 {count} 个次要缺陷，超过接收数 {accept}"
    ),
    # packing (gendan/domain/packing.py, E230)
    "order {id} has no packing rules (packing: rules: ...)": "订单 {id} 没有装箱规则（packing: rules: ...）",
    "packing: no rule packs colour {colour} (add a rule with colour: {colour}, or one without a colour)": (
        "装箱：没有规则装颜色 {colour}（请加一条 colour: {colour} 的规则，或一条不写颜色的规则）"
    ),
    "packing rule {n} ({colour}): a solid pack needs pieces_per_carton": (
        "第 {n} 条装箱规则（{colour}）：单色单码装箱要写 pieces_per_carton"
    ),
    "packing rule {n} ({colour}): a fixed number of cartons is for ratio packs": (
        "第 {n} 条装箱规则（{colour}）：固定箱数只用于配比装箱"
    ),
    "packing rule {n} ({colour}): a ratio pack needs ratio, e.g. {{S: 1, M: 2}}": (
        "第 {n} 条装箱规则（{colour}）：配比装箱要写 ratio，例如 {{S: 1, M: 2}}"
    ),
    "packing rule {n} is for colour {colour}, which the order does not have": (
        "第 {n} 条装箱规则是颜色 {colour} 的，但订单里没有这个颜色"
    ),
    "packing does not match the order: {colour} {size} packs {have} pcs, the order has {want}": (
        "装箱与订单不符：{colour} {size} 装了 {have} 件，订单是 {want} 件"
    ),
    # split shipments (gendan/domain/shipments.py, E250)
    "{id} ships in {n} shipments: give --shipment N (1 to {n})": (
        "{id} 分 {n} 批出货：请用 --shipment N 指定（1 到 {n}）"
    ),
    "{id} has one shipment; --shipment {number} does not exist": "{id} 只有一批出货；没有 --shipment {number}",
    "{id} has {n} shipments; --shipment {number} does not exist (1 to {n})": (
        "{id} 有 {n} 批出货；没有 --shipment {number}（1 到 {n}）"
    ),
    "give either `shipment:` (one) or `shipments:` (several), not both": (
        "`shipment:`（一批）和 `shipments:`（分批）只能写一个，不能都写"
    ),
    "colour {colour} is on two lines; split shipments name each colour once": (
        "颜色 {colour} 出现在两行；分批出货时每个颜色只能写一次"
    ),
    "shipment {n} has no quantities (pieces per colour and size)": "第 {n} 批没有数量（每个颜色和尺码的件数）",
    "shipment {n}: colour {colour} is not on the order": "第 {n} 批：订单里没有颜色 {colour}",
    "shipment {n}: {colour} size {size} is not on the order": "第 {n} 批：订单里 {colour} 没有尺码 {size}",
    "{colour} {size}: the shipments carry {shipped:,} pcs of {ordered:,} ordered, above +{pct}% ({high:,})": (
        "{colour} {size}：各批共出 {shipped:,} 件，订单 {ordered:,} 件，超过 +{pct}%（{high:,}）"
    ),
    # gendan.yaml (gendan/store/configfile.py, E300, E005): keys and names as the user typed them
    "gendan.yaml must be a mapping of keys": "gendan.yaml 必须是一组键值（映射）",
    "stage '{key}' is listed twice or is a side stage": "阶段 '{key}' 重复了，或者是旁路阶段（on_hold、cancelled）",
    "stage {key}: unknown gate '{gate}'": "阶段 {key}：未知的关卡 '{gate}'",
    "; gates are {gates}": "；可用的关卡：{gates}",
    "at least one stage is needed": "至少要有一个阶段",
    "mail.password_env: {name} is not a GENDAN_* variable; gendan reads the SMTP password only from a variable "
    "named GENDAN_... (e.g. GENDAN_SMTP_PASSWORD), so that a shared gendan.yaml cannot send another secret of "
    "the machine that runs it": (
        "mail.password_env：{name} 不是 GENDAN_* 变量；gendan 只从名为 GENDAN_... 的变量读取 SMTP 密码"
        "（例如 GENDAN_SMTP_PASSWORD），以免共享的 gendan.yaml 把运行它的电脑上的其他机密发出去"
    ),
    "mail.starttls is false but mail.user is set: the password would cross the network in clear text; gendan "
    "logs in only over TLS (set starttls: true, or remove user for a relay that needs no login)": (
        "mail.starttls 是 false，但设置了 mail.user：密码会以明文在网络上传输；gendan 只通过 TLS 登录"
        "（请设置 starttls: true，或者对不需要登录的中继服务器去掉 user）"
    ),
    "mail.password_file: {file} is inside the workspace, where it would be committed and shared; keep it outside "
    "(e.g. ~/.config/gendan/smtp-password)": (
        "mail.password_file：{file} 在工作区里，会被提交和共享；请放在工作区以外（例如 ~/.config/gendan/smtp-password）"
    ),
    "{key} holds a URL, and a notification URL carries its key (the robot's webhook key, a token or a password), "
    "which must not be committed: put the URL in an environment variable (in CI: a secret variable) named "
    "GENDAN_... (e.g. GENDAN_NOTIFY_TEAM) and write that name here": (
        "{key} 写的是网址，而通知网址带有密钥（机器人的 webhook key、令牌或密码），不能提交：请把网址放进名为 "
        "GENDAN_... 的环境变量（CI 里用机密变量，例如 GENDAN_NOTIFY_TEAM），这里只写变量名"
    ),
    "{key} is not a GENDAN_* variable name: put the URL in an environment variable (in CI: a secret variable) "
    "named GENDAN_... (e.g. GENDAN_NOTIFY_TEAM) and write that name here": (
        "{key} 不是 GENDAN_* 变量名：请把网址放进名为 GENDAN_... 的环境变量（CI 里用机密变量，例如 "
        "GENDAN_NOTIFY_TEAM），这里只写变量名"
    ),
    "site.url {url!r} ": "site.url {url!r} ",
    "is longer than {max} characters": "超过 {max} 个字符",
    "has spaces or control characters": "含有空格或控制字符",
    "is not a valid address": "不是有效的网址",
    "is not an http:// or https:// address with a host (e.g. https://orders.example.com/status)": (
        "不是带主机名的 http:// 或 https:// 网址（例如 https://orders.example.com/status）"
    ),
    "holds a user name or password, which must not be committed": "含有用户名或密码，不能提交",
    "has a query or fragment (?, #); the pages' paths are added to it": "含有查询或锚点（?、#）；页面路径要接在它后面",
    "at least one working day is needed": "至少要有一个工作日",
    "closure ends ({end}) before it starts ({start})": "停工期的结束日（{end}）早于开始日（{start}）",
    "template {name}: milestone '{key}' is listed twice": "模板 {name}：节点 '{key}' 重复了",
    "template {name}: milestone {key} is anchored on unknown '{anchor}'": (
        "模板 {name}：节点 {key} 的基准 '{anchor}' 不存在"
    ),
    "template {name}: milestone {key} belongs to unknown stage '{typed}'": (
        "模板 {name}：节点 {key} 所属的阶段 '{typed}' 不存在"
    ),
    "template {name}: milestone {key} comes after unknown '{before}'": (
        "模板 {name}：节点 {key} 排在不存在的 '{before}' 之后"
    ),
    "template {name}: milestones anchor on each other in a circle: {cycle}": (
        "模板 {name}：节点的基准互相引用，形成了循环：{cycle}"
    ),
    "template {name}: the order of work goes in a circle: {cycle} (offset < 0 puts a milestone before its anchor; "
    "`after` puts it after another)": (
        "模板 {name}：工序顺序形成了循环：{cycle}（offset < 0 表示节点在基准之前；`after` 表示在另一个节点之后）"
    ),
    "tracker_milestones: unknown milestone '{key}'": "tracker_milestones：未知的节点 '{key}'",
}


# the messages of the commands that write (change, pay, revise, import, plan --write, calendar...)
# and click's usage errors (gendan/cli.py)
ZH_COMMANDS: dict[str, str] = {
    # pieces that join other pieces
    "": "",
    "; ": "；",
    ")": "）",
    "{id}: ": "{id}：",
    # done, revise (gendan/domain/tracking.py)
    "unknown milestone '{name}'": "没有节点 '{name}'",
    "; the milestones are listed by `gendan plan ID`": "；节点列表见 `gendan plan 订单号`",
    "name at least one milestone": "请至少写一个节点",
    "nothing written: ": "未写入任何内容：",
    "{day} is after today ({today}): a milestone is done when it has happened": (
        "{day} 晚于今天（{today}）：节点发生之后才能记为完成"
    ),
    "{milestone} is already done on {day}": "{milestone}已于 {day} 完成",
    " (give --date to correct the date)": "（要更正日期请加 --date）",
    "; nothing written": "；未写入任何内容",
    "revise needs --reason TEXT": "改期需要写原因：--reason 原因",
    "{id}: {milestone} is already done on {day}; a done milestone is not revised": (
        "{id}：{milestone}已于 {day} 完成；已完成的节点不能改期"
    ),
    "{id}: {milestone} revised to {day}": "{id}：{milestone}改期到 {day}",
    " (planned {planned})": "（原计划 {planned}）",
    ": {reason}": "：{reason}",
    # change (R9)
    "{id} is {stage}; it cannot be changed": "{id} 的阶段是{stage}，不能再修改",
    "a change needs {option} NAME (R9: who asked, who approved)": "修改订单需要 {option} 姓名（R9：谁提出、谁批准）",
    "{id}: {field} {old} -> {new} (requested by {requested_by}, approved by {approved_by})": (
        "{id}：{field} {old} → {new}（{requested_by} 提出，{approved_by} 批准）"
    ),
    "{id}: {field} (none) -> {new} (requested by {requested_by}, approved by {approved_by})": (
        "{id}：{field}（无）→ {new}（{requested_by} 提出，{approved_by} 批准）"
    ),
    "order quantity {old} -> {new} pcs": "订单数量 {old} → {new} 件",
    "production has started: materials already bought for the old quantity are charged to the customer (R9)": (
        "已开始生产：按原数量已采购的物料由客户承担（R9）"
    ),
    "order value {old} -> {new}": "订单金额 {old} → {new}",
    "the T&A plan was made for the old date; re-plan with: gendan plan {id} --write": (
        "生产进度计划是按原日期排的；请重新排期：gendan plan {id} --write"
    ),
    "new colour {colour} at {price} a piece": "新增颜色 {colour}，单价 {price}",
    "new size {size} for {colour}": "{colour} 新增尺码 {size}",
    "cannot change '{field}'": "不能修改 '{field}'",
    "; changeable: {fields}": "；可以修改的有：{fields}",
    "--add and --price are for qty.COLOUR.SIZE (a new colour or size)": (
        "--add 和 --price 只用于 qty.颜色.尺码（新增颜色或尺码）"
    ),
    "{field} is already {new}; nothing to change": "{field} 已经是 {new}；无需修改",
    "colour '{colour}' is on several lines of {id}; edit the file": (
        "颜色 '{colour}' 在 {id} 中出现在多行；请直接编辑文件"
    ),
    "no colour '{colour}' in {id}": "{id} 中没有颜色 '{colour}'",
    "; colours: {colours}": "；现有颜色：{colours}",
    " (--add adds a new colour)": "（加 --add 可新增颜色）",
    "a quantity is a whole number of pieces, got '{value}'": "数量必须是整数件数，收到的是 '{value}'",
    ", e.g. {plain}": "，例如 {plain}",
    "a quantity cannot be negative, got {qty}": "数量不能是负数，收到的是 {qty}",
    "no size '{size}' in the size run of {id}": "{id} 的尺码段中没有尺码 '{size}'",
    "; sizes: {sizes} (--add adds a size outside the run)": "；尺码：{sizes}（加 --add 可新增尺码段以外的尺码）",
    "a new colour needs pieces; got 0 for {colour} {size}": "新增颜色要有件数；{colour} {size} 是 0",
    "{colour} is already on the order; change its price with price.{colour}": (
        "{colour} 已在订单中；改单价请用 price.{colour}"
    ),
    "{colour} has no size {size}; nothing to remove": "{colour} 没有尺码 {size}；无可删除",
    "{colour} would have no sizes left; cancel the order or edit the file": (
        "{colour} 将没有任何尺码；请取消订单或直接编辑文件"
    ),
    "no size '{size}' in {colour}": "{colour} 中没有尺码 '{size}'",
    "; sizes: {sizes}": "；尺码：{sizes}",
    "shipped pieces are a whole number, got '{value}'": "出货件数必须是整数，收到的是 '{value}'",
    "a tolerance is a percentage like 3, got '{value}'": "溢短装比例是百分数，例如 3，收到的是 '{value}'",
    "a tolerance is a percentage from 0 to 100, got '{value}'": "溢短装比例必须在 0 到 100 之间，收到的是 '{value}'",
    "the lines of {id} have different prices; give the new colour's: --price 8.75": (
        "{id} 各行单价不同；请给出新颜色的单价：--price 8.75"
    ),
    "write prices without thousands separators: {plain}, not {text}": "单价不要写千位分隔符：应写 {plain}，不是 {text}",
    "a price is a number like 8.75, got '{value}'": "单价是数字，例如 8.75，收到的是 '{value}'",
    "a price is a number above zero, got '{value}'": "单价必须大于零，收到的是 '{value}'",
    "a carton is LENGTHxWIDTHxHEIGHT in cm, e.g. 60x40x35; got '{value}'": (
        "外箱尺寸写成 长x宽x高（厘米），例如 60x40x35；收到的是 '{value}'"
    ),
    "{id} has {n} solid packing rules": "{id} 有 {n} 条单色装箱规则",
    " for {colour}": "（{colour}）",
    "; name the colour: packing.pieces_per_carton.COLOUR": "；请写明颜色：packing.pieces_per_carton.颜色",
    "; edit the packing in the file": "；请直接在文件中编辑装箱",
    "pieces per carton is a whole number above 0, got '{value}'": "每箱件数必须是大于 0 的整数，收到的是 '{value}'",
    "expected a number like 12.5, got '{value}'": "应为数字，例如 12.5，收到的是 '{value}'",
    "expected a number of zero or more, got '{value}'": "应为零或正数，收到的是 '{value}'",
    # plan --write
    "planned dates already match the template; nothing written": "计划日期已与模板一致；未写入任何内容",
    "{n} planned date written to {path}": "已写入 {n} 个计划日期到 {path}",
    "{n} planned dates written to {path}": "已写入 {n} 个计划日期到 {path}",
    # doc (gendan/render/documents.py, gendan/commands/doc.py)
    "unknown document kind '{kind}'; kinds: {kinds}": "没有单据类型 '{kind}'；单据类型有：{kinds}",
    "{kind} is made as {formats}, not {format}": "{kind} 只能生成 {formats}，不能生成 {format}",
    "a draft is never issued: drop --draft, or --issue/--revise": (
        "草稿不能正式出具：去掉 --draft，或去掉 --issue/--revise"
    ),
    "--shipment is for {kinds}, not {kind}": "--shipment 只用于 {kinds}，不用于 {kind}",
    "a purchase order is issued to one supplier: give --supplier NAME": "采购单只开给一个供应商：请加 --supplier 名称",
    "{kind} needs {field} ({path})": "{kind} 需要 {field}（{path}）",
    "{kind} of {id} was never issued; issue it first with --issue": (
        "{id} 的 {kind} 还没有正式出具；请先用 --issue 出具"
    ),
    "issued {number}": "已出具 {number}",
    "{number} says the same as when it was issued; nothing to revise": "{number} 与出具时内容相同；无需改版",
    "revised {number} R{revision}": "已改版 {number} R{revision}",
    "{shown} was issued on {day} and the order has changed since; "
    "--revise to issue {number} R{revision}, or --draft for a watermarked copy": (
        "{shown} 已于 {day} 出具，之后订单有改动；加 --revise 出具 {number} R{revision}，或加 --draft 生成带水印的草稿"
    ),
    "{number} (issued {day})": "{number}（{day} 出具）",
    "templates/{name} already exists in the workspace; remove it first to copy the built-in one again": (
        "工作区中已有 templates/{name}；要重新复制内置模板，请先删除它"
    ),
    "copied {path}": "已复制 {path}",
    "give an order ID and a document KIND (kinds: {kinds})": "请给出订单号和单据类型（单据类型有：{kinds}）",
    # new, init (gendan/store/scaffold.py)
    "order {id} already exists: {path}": "订单 {id} 已存在：{path}",
    "{path} already exists": "{path} 已存在",
    "{path} already exists; not overwriting it": "{path} 已存在；不会覆盖",
    "next: edit gendan.yaml (company, people, holidays), then `gendan new ORDER-ID`": (
        "下一步：编辑 gendan.yaml（公司、人员、假期），然后运行 `gendan new 订单号`"
    ),
    # calendar
    "wrote {path}: {n} open milestone": "已写入 {path}：{n} 个未完成节点",
    "wrote {path}: {n} open milestones": "已写入 {path}：{n} 个未完成节点",
    ", {late} overdue": "，其中 {late} 个逾期",
    # the reports' broken files (gendan/commands/reporting.py)
    "gendan: {n} order file with problems left out of the report (run `gendan validate`)": (
        "gendan：{n} 个有问题的订单文件未列入报表（请运行 `gendan validate`）"
    ),
    "gendan: {n} order files with problems left out of the report (run `gendan validate`)": (
        "gendan：{n} 个有问题的订单文件未列入报表（请运行 `gendan validate`）"
    ),
    # import (gendan/commands/import_.py, gendan/domain/importer.py)
    "sheet {name}, header on row {row}: {columns}": "工作表 {name}，表头在第 {row} 行：{columns}",
    "created {id} ({stage}) {path}  [row {rows}]": "已创建 {id}（{stage}）{path}  [第 {rows} 行]",
    "would create {id} ({stage}) {path}  [row {rows}]": "将创建 {id}（{stage}）{path}  [第 {rows} 行]",
    "exists {id} {path}: not overwritten  [row {rows}]": "已存在 {id} {path}：未覆盖  [第 {rows} 行]",
    "row {row}: skipped: ": "第 {row} 行：跳过：",
    "row {row}: not imported ({order}): ": "第 {row} 行：未导入（{order}）：",
    "row {row}: not imported: ": "第 {row} 行：未导入：",
    "{created} created, {existing} already there, {rejected} row not imported": (
        "已创建 {created} 个，已存在 {existing} 个，{rejected} 行未导入"
    ),
    "{created} created, {existing} already there, {rejected} rows not imported": (
        "已创建 {created} 个，已存在 {existing} 个，{rejected} 行未导入"
    ),
    "{created} would create, {existing} already there, {rejected} row not imported": (
        "将创建 {created} 个，已存在 {existing} 个，{rejected} 行未导入"
    ),
    "{created} would create, {existing} already there, {rejected} rows not imported": (
        "将创建 {created} 个，已存在 {existing} 个，{rejected} 行未导入"
    ),
    "a total row ({label})": "合计行（{label}）",
    "no order number": "没有订单号",
    "a copy of row {row}": "与第 {row} 行重复",
    "{path}: no such file": "{path}：文件不存在",
    "{column}: ": "{column}：",
    "{value!r} is not a date": "{value!r} 不是日期",
    "{value} is not a date (nor an Excel date serial number)": "{value} 不是日期（也不是 Excel 的日期序号）",
    "{text!r} has no year (give --year)": "{text!r} 没有年份（请加 --year）",
    "{text!r} is not a real date": "{text!r} 不是真实存在的日期",
    "{text!r} is ambiguous (day/month or month/day?): write 2026-11-30": (
        "{text!r} 有歧义（日/月 还是 月/日？）：请写成 2026-11-30"
    ),
    "{text!r} is not a date (write 2026-11-30, 2026/11/30 or 11月30日)": (
        "{text!r} 不是日期（请写成 2026-11-30、2026/11/30 或 11月30日）"
    ),
    "{value!r} is not a quantity": "{value!r} 不是数量",
    "{value} is not a whole number of pieces": "{value} 不是整数件数",
    "{value!r} is not a quantity (write e.g. 1200 or 1,200 pcs)": "{value!r} 不是数量（请写成 1200 或 1,200 pcs 这样）",
    "quantity must be above zero, got {n}": "数量必须大于零，收到的是 {n}",
    "{value!r} is not a price": "{value!r} 不是单价",
    "{value} is not a price": "{value} 不是单价",
    "{value!r} is not a price (write e.g. 18.50 or USD 18.50)": "{value!r} 不是单价（请写成 18.50 或 USD 18.50 这样）",
    "{word!r} is not a currency (write USD, EUR, CNY...)": "{word!r} 不是币种（请写 USD、EUR、CNY……）",
    "the price is in {price} but the currency column says {column}": "单价是 {price}，但币种列写的是 {column}",
    "{column}: the price {price} has no currency; write it with one (USD 18.50, $18.50), add a currency column "
    "(币种/Currency), or give one for every row in a mapping file (--map with defaults: {{currency: USD}})": (
        "{column}：单价 {price} 没有币种；请写上币种（USD 18.50、$18.50），或加一列币种（币种/Currency），"
        "或在映射文件中为所有行指定（--map，defaults: {{currency: USD}}）"
    ),
    "no customer": "没有客户",
    "order {id} is on rows {rows} with different {field} ({one} / {other}); "
    "keep one row per order, or rows that differ only by colour": (
        "订单 {id} 在第 {rows} 行，{field} 不同（{one} / {other}）；每个订单只留一行，或者各行只有颜色不同"
    ),
    "order number {id} appears on rows {rows}: rows of one order must each have their own colour": (
        "订单号 {id} 出现在第 {rows} 行：同一订单的各行颜色必须不同"
    ),
    "{path} is an old .xls workbook, which cannot be read: open it in Excel or LibreOffice and save it as .xlsx": (
        "{path} 是旧的 .xls 格式，无法读取：请用 Excel 或 LibreOffice 打开，另存为 .xlsx"
    ),
    "{path} is not an Excel .xlsx workbook ({error})": "{path} 不是 Excel .xlsx 工作簿（{error}）",
    "{path} has no sheet {name!r}": "{path} 中没有工作表 {name!r}",
    "; sheets: {sheets}": "；工作表有：{sheets}",
    # whatif
    "--slip {text!r}: write MILESTONE=DAYS, e.g. fabric_in_house=7": (
        "--slip {text!r}：请写成 节点=天数，例如 fabric_in_house=7"
    ),
    "--slip: unknown milestone {key!r}": "--slip：没有节点 {key!r}",
    "--slip {text!r}: DAYS must be a whole number of working days, got {days!r}": (
        "--slip {text!r}：天数必须是整数个工作日，收到的是 {days!r}"
    ),
    "--slip {text!r}: at most {most} working days either way, got {n}": (
        "--slip {text!r}：前后最多 {most} 个工作日，收到的是 {n}"
    ),
    # aql
    # log, diff (gendan/store/history.py)
    "not a git repository: showing the order's history entries only": "不在 git 仓库中：只显示订单自己的记录",
    "edits not yet committed": "尚未提交的修改",
    "no commit touches this order yet": "还没有任何提交涉及这个订单",
    "commit {rev}": "提交 {rev}",
    "history": "记录",
    "working file": "工作文件",
    " {from} → {to}": " {from} → {to}",
    " (overrides {rules}": "（特批 {rules}",
    ", approved by {by})": "，{by} 批准）",
    "{path} does not validate ({problem}): its history entries are left out": (
        "{path} 校验不通过（{problem}）：未列出它的记录"
    ),
    "{id} since {revision}": "{id} 自 {revision} 以来",
    "no field changed": "没有字段改动",
    # dates as typed (gendan/core/dates.py)
    "2026-12-02, 2026/12/02, 2026.12.02, 2026年12月2日, today or yesterday": (
        "2026-12-02、2026/12/02、2026.12.02、2026年12月2日、今天 或 昨天"
    ),
    "done --date, pay --date and revise's DATE": "done --date、pay --date 和 revise 的日期",
    "{value!r} counts working days from the as-of date, which only ": "{value!r} 是从基准日期算起的工作日数，只有 ",
    " take; write a date here: ": " 可以这样写；这里请写日期：",
    "{value!r} is ambiguous (day/month or month/day?): write the year first, e.g. 2027-04-03 (accepted: ": (
        "{value!r} 有歧义（日/月 还是 月/日？）：请把年份写在前面，例如 2027-04-03（可以写："
    ),
    "{value!r} is not a date; write it like ": "{value!r} 不是日期；请写成 ",
    "{value} is not a real date (": "{value} 不是真实存在的日期（",
    "month must be in 1..12": "月份必须在 1 到 12 之间",
    "day is out of range for month": "这个月没有这一天",
    "year 0 is out of range": "年份超出范围",
    "{days} working days from {today}: ": "从 {today} 起 {days} 个工作日：",
    # the workspace, the editor and the places gendan writes (gendan/store: workspace.py, edit.py, paths.py)
    "{id}: nothing written; the change would make the order invalid:": "{id}：未写入任何内容；这项修改会使订单不合规：",
    "{path} kept changing on disk while gendan was writing (saved by an editor?); nothing written, "
    "run the command again": "gendan 写入时 {path} 一直在变（编辑器在保存？）；未写入任何内容，请再运行一次",
    "{path} changed on disk after gendan read it (someone else edited it); nothing written, run the command again": (
        "gendan 读取之后 {path} 被改动了（有人编辑过）；未写入任何内容，请再运行一次"
    ),
    "{path} is a symbolic link; gendan edits only plain order files (nothing written): "
    "edit its target by hand, or replace the link with the file": (
        "{path} 是符号链接；gendan 只编辑普通的订单文件（未写入任何内容）：请手工编辑它指向的文件，或用文件替换这个链接"
    ),
    "{label}: give a folder inside the workspace, like 2026 (no absolute path, no '..', no hidden folder)": (
        "{label}：请给出工作区内的文件夹，例如 2026（不能是绝对路径，不能有 '..'，不能是隐藏文件夹）"
    ),
    "{label} leads outside the workspace, to {path} (a symlink?); nothing written "
    "(remove the link, or use a real folder inside the workspace)": (
        "{label} 通向工作区以外的 {path}（符号链接？）；未写入任何内容（请删除链接，或使用工作区内真实的文件夹）"
    ),
    "{label}: {path} is an order file, which gendan never overwrites; nothing written": (
        "{label}：{path} 是订单文件，gendan 从不覆盖它；未写入任何内容"
    ),
    "{label}: {path} is a workspace's gendan.yaml, which gendan never overwrites; nothing written": (
        "{label}：{path} 是工作区的 gendan.yaml，gendan 从不覆盖它；未写入任何内容"
    ),
    "{label}: {path} holds the workspace; nothing written (choose a folder of its own)": (
        "{label}：{path} 包含工作区；未写入任何内容（请另选一个单独的文件夹）"
    ),
    "{path} already exists (created a moment ago by someone else?)": "{path} 已存在（刚被别人创建？）",
    "{label}: {path} is inside the order folder {folder}; nothing written (choose a folder of its own)": (
        "{label}：{path} 在订单文件夹 {folder} 里面；未写入任何内容（请另选一个单独的文件夹）"
    ),
    "{label}: {path} is inside {private}/, which gendan never writes into; nothing written": (
        "{label}：{path} 在 {private}/ 里面，gendan 从不往里面写；未写入任何内容"
    ),
    # the progress bars' labels (gendan/commands/progress.py; steps(items, label, progress) below)
    "reading orders": "读取订单",
    "checking orders": "检查订单",
    "forecasting": "预测",
    "order pages": "订单页面",
    "customer pages": "客户页面",
    "writing pages": "写入页面",
    "reading rows": "读取行",
    "writing orders": "写入订单",
    "writing sheets": "写入工作表",
    "compressing": "压缩",
    # pay (gendan.domain.payments.pay's lines)
    " {amount} received on {day}": " {amount}，{day} 到账",
    " ({reference})": "（{reference}）",
    "deposit received {got} of {need} ({pct}%)": "定金已收 {got}，应收 {need}（{pct}%）",
    ": short by {short}, R4 does not hold yet": "：还差 {short}，R4 尚未满足",
    "received {total}, {over} more than the order value": "已收 {total}，比订单金额多 {over}",
    "received {total} of {value}, outstanding {rest}": "已收 {total}（货值 {value}），未收 {rest}",
    # click's usage errors (gendan/cli.py, gendan/commands/usage.py)
    "{folder} is not a folder": "{folder} 不是文件夹",
    "Usage: {command}": "用法：{command}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Error: {message}": "错误：{message}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    " Did you mean {name!r}?": "是不是 {name!r}？",
    " (Did you mean one of: {names}?)": "（是不是以下之一：{names}？）",
    "Missing argument {name}.": "缺少参数 {name}。",
    "Missing option {name}.": "缺少选项 {name}。",
    "Missing parameter {name}.": "缺少参数 {name}。",
    "Invalid value for {name}: {message}": "{name} 的值无效：{message}",
    "{value} is not one of {choices}.": "{value} 不是可选的值：{choices}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value} is not a valid integer.": "{value} 不是整数。",
    "{value} is not a valid float.": "{value} 不是数字。",
    "{path} does not exist.": "{path} 不存在。",
    "{path} is a file.": "{path} 是文件，不是文件夹。",
    "{path} is a directory.": "{path} 是文件夹，不是文件。",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name} requires an argument.": "选项 {name} 后面要写一个值。",
    "Option {name} does not take a value.": "选项 {name} 不带值。",
    "Missing command.": "缺少命令。",
    # what the system refuses (gendan/core/errors.py system_refusal, refusal_of)
    "stopped: {path}: ": "已停止：{path}：",
    "stopped: ": "已停止：",
    "cannot write {path}: ": "无法写入 {path}：",
    "{reason}": "{reason}",
    "; nothing was written": "；没有写入任何内容",
    "; nothing written, the order is as it was": "；没有写入，订单保持原样",
    "the disk is full; free some space and run the command again": "磁盘已满；请腾出空间后再运行一次",
    "the disk quota is used up; free some space and run the command again": "磁盘配额已用完；请腾出空间后再运行一次",
    "the file is larger than this session may write (ulimit -f?)": "文件超过了本次会话允许写入的大小（ulimit -f？）",
    "the file system is read-only": "文件系统是只读的",
    "permission denied": "没有权限",
    "permission denied (operation not permitted)": "没有权限（不允许此操作）",
    "too many symbolic links (a link pointing at itself?)": "符号链接太多（链接指向了自己？）",
    "the file name is too long": "文件名太长",
    "too many open files": "打开的文件太多",
    "the disk reported an input/output error": "磁盘报告了输入/输出错误",
    "{path} is not a folder gendan wrote; not replacing it": "{path} 不是 gendan 写的文件夹；不替换它",
    # log and diff: git and the revisions (gendan/store/history.py)
    "git {command} took longer than 60 s; giving up": "git {command} 超过 60 秒没有完成；已放弃",
    "git {command} failed: {why}": "git {command} 失败：{why}",
    "git refuses to read the repository at {where}: another user owns it (git's "
    '"dubious ownership"); if you trust it, run: git config --global --add safe.directory {where}': (
        "git 拒绝读取 {where} 的仓库：它属于另一个用户（git 的 “dubious ownership”）；"
        "如果信得过它，请运行：git config --global --add safe.directory {where}"
    ),
    "{rev!r} is not a revision": "{rev!r} 不是一个版本",
    "{rev} is not a real date": "{rev} 不是真实存在的日期",
    "no commit before {rev} in {top}": "{top} 中 {rev} 之前没有提交",
    "no revision {rev!r} in the git repository {top}": "git 仓库 {top} 中没有版本 {rev!r}",
    "order {id} did not exist at {rev} ({path} is not in that revision)": (
        "订单 {id} 在 {rev} 时还不存在（那个版本里没有 {path}）"
    ),
    # filters, validate's targets, stages, status (reports/filters.py, domain/checks.py, core/config.py)
    "{option} is empty: give a name or a part of one": "{option} 是空的：请写一个名字或名字的一部分",
    "{target}: no order.yaml in this folder or below": "{target}：这个文件夹及其子文件夹里没有 order.yaml",
    "{target}: no such file or folder": "{target}：没有这个文件或文件夹",
    "; stages are {stages}": "；阶段有：{stages}",
    "--by {by} and --group-by {group_by} disagree; use --group-by only": (
        "--by {by} 和 --group-by {group_by} 不一致；请只用 --group-by"
    ),
    "cannot re-read {path}: {reason}": "无法重新读取 {path}：{reason}",
    # import's mapping file (gendan/domain/importer.py load_mapping)
    "the mapping file must be a mapping with columns: and defaults:": (
        "映射文件必须是一个包含 columns: 和 defaults: 的映射"
    ),
    "unknown key {key!r}": "未知的键 {key!r}",
    "; expected {keys}": "；可以写：{keys}",
    "columns: and defaults: must be mappings of field: text": "columns: 和 defaults: 必须写成 字段: 文字 的映射",
    "columns: unknown field {name!r}": "columns: 中有未知的字段 {name!r}",
    "; fields: {fields}": "；字段有：{fields}",
    "defaults: field {name!r} cannot have a default": "defaults: 中的字段 {name!r} 不能有默认值",
    "; possible: {fields}": "；可以的有：{fields}",
    "{key} must be a positive whole number, got {value!r}": "{key} 必须是正整数，这里是 {value!r}",
    # mail's settings (gendan/render/mail.py)
    "mail.host is not set in gendan.yaml; nothing was sent": "gendan.yaml 中没有设置 mail.host；没有发送任何邮件",
    "mail.sender is not set in gendan.yaml; nothing was sent": "gendan.yaml 中没有设置 mail.sender；没有发送任何邮件",
    "mail.user is set but mail.starttls is false: gendan logs in only over TLS; nothing was sent": (
        "设置了 mail.user，但 mail.starttls 是 false：gendan 只通过 TLS 登录；没有发送任何邮件"
    ),
    "mail.user is set but the file {where} (the SMTP password) is empty; nothing was sent": (
        "设置了 mail.user，但文件 {where}（SMTP 密码）是空的；没有发送任何邮件"
    ),
    "mail.user is set but the environment variable {where} (the SMTP password) is empty; nothing was sent": (
        "设置了 mail.user，但环境变量 {where}（SMTP 密码）是空的；没有发送任何邮件"
    ),
    "the SMTP password has characters other than ASCII, which SMTP login cannot send; nothing was sent": (
        "SMTP 密码里有非 ASCII 字符，SMTP 登录无法发送；没有发送任何邮件"
    ),
    "mail.user has characters other than ASCII, which SMTP login cannot send; nothing was sent": (
        "mail.user 里有非 ASCII 字符，SMTP 登录无法发送；没有发送任何邮件"
    ),
}


# the tracker's column headings (gendan/render/excel.py HEADERS, DUE, ACTUAL, PASSED); its sheet names
# (Orders, Milestones, Payments, Overdue) are the same in every language: scripts open them by name
ZH_TRACKER: dict[str, str] = {
    "Order": "订单号",
    "Customer": "客户",
    "Customer PO": "客户订单号",
    "Style": "款号",
    "Merchandiser": "跟单员",
    "Factory": "工厂",
    "Quantity": "数量",
    "Value": "金额",
    "Currency": "币种",
    "Ex-factory": "出厂日期",
    "Forecast ex-factory": "预计出厂日期",
    "Stage": "阶段",
    "{milestone} due": "{milestone} 应完成",
    "{milestone} actual": "{milestone} 实际",
    "(stage passed)": "（阶段已过）",
    "Milestone": "节点",
    "Name": "名称",
    "Owner": "负责人",
    "Planned": "计划日期",
    "Revised": "修改日期",
    "Reason": "修改原因",
    "Actual": "实际日期",
    "Due": "应完成日期",
    "Forecast": "预计日期",
    "Status as of {today}": "状态（截至 {today}）",
    "Working days late as of {today}": "逾期工作日（截至 {today}）",
    "Payment terms": "付款方式",
    "Deposit %": "定金比例%",
    "Deposit": "应收定金",
    "Deposit received": "已收定金",
    "Deposit received on": "定金到账日",
    "Balance": "应收尾款",
    "Balance received": "已收尾款",
    "Balance received on": "尾款到账日",
    "L/C received on": "信用证收到日",
    "Received in total": "已收合计",
    "Outstanding": "未收金额",
    "Milestone or rule": "节点/规则",
    "Kind": "类别",  # as overdue says it
    "Severity": "紧急程度",  # as overdue says it
    "Detail": "说明",
}


CATALOGUES: dict[str, dict[str, str]] = {
    "zh": {**ZH, **ZH_ALERTS, **ZH_RULES, **ZH_CHECKS, **ZH_COMMANDS, **ZH_TRACKER}
}


def language_of(chosen: str | None, configured: str) -> str:
    """--lang, else $GENDAN_LANG, else gendan.yaml's `language` (en when none is known)."""
    for lang in (chosen, os.environ.get("GENDAN_LANG", "").strip().lower() or None, configured):
        if lang in LANGUAGES:
            return lang
    return "en"


def text(lang: str, key: str, /, **values: Any) -> str:
    """`key` in `lang` (the key itself in English or when the catalogue lacks it), filled in
    (only when there are values: a key may be the user's own text, braces and all)."""
    said = CATALOGUES.get(lang, {}).get(key, key)
    return said.format(**values) if values else said


def stage_name(lang: str, config, key: str) -> str:
    """A stage as the workspace names it in `lang` (gendan.yaml stages[].name_zh)."""
    if lang == "zh":
        for s in config.stages:
            if s.key == key and s.name_zh:
                return str(s.name_zh)
        return text(lang, key)
    return key


def milestone_name(lang: str, config, key: str) -> str:
    """A milestone as the workspace names it in `lang` (its name_zh in a milestone template)."""
    if lang == "zh":
        for template in config.milestone_templates.values():
            for m in template:
                if m.key == key and m.name_zh:
                    return str(m.name_zh)
        return text(lang, key)
    return key


def for_people(chosen: str | None, configured: str, fmt: str) -> str:
    """The language of a report in `fmt`: the user's for people (table, plain, markdown, html),
    English for scripts (json, csv keep their English keys and values)."""
    return language_of(chosen, configured) if fmt in ("table", "plain", "markdown", "html") else "en"


class Words:
    """The words of one report in one language, with the workspace's own names (`config`; None
    outside a workspace: the catalogue only)."""

    def __init__(self, lang: str, config=None) -> None:
        self.lang, self.config = lang, config

    def __call__(self, key: str, /, **values: Any) -> str:
        return text(self.lang, key, **values)

    def plural(self, n: int, one: str, many: str, /, **values: Any) -> str:
        """`one` or `many` (English keys, filled in with n and `values`)."""
        return text(self.lang, one if n == 1 else many, n=n, **values)

    def said(self, english: str, key: str, /, **values: Any) -> str:
        """`english` (already worded, with its plurals) in English, else the catalogue's `key`."""
        return english if self.lang == "en" else text(self.lang, key, **values)

    def heads(self, columns) -> list[str]:
        return [self(c) for c in columns]

    def stage(self, key: str | None) -> str:
        if not key or self.lang == "en":
            return key or ""
        if self.config is None:
            return self(key)
        return stage_name(self.lang, self.config, key)

    def milestone(self, key: str | None, english: str | None = None) -> str:
        """A milestone by its key: in English `english` when given (a feed shows the template's
        name), else the key; in another language the workspace's name for it (name_zh), else
        the catalogue's."""
        if self.lang == "en":
            return english or key or ""
        if not key:
            return ""
        if self.config is None:
            return self(key)
        return milestone_name(self.lang, self.config, key)

    def role(self, who: str | None) -> str:
        """A template's owner role (buyer, factory, QA...) in the language; a person's name as is."""
        return self(who) if who and who in ROLES else (who or "")

    def chain(self, chain: tuple, reasons: bool = True) -> str:
        """Forecast.chain_detail() in words (in English, Forecast.chain_text's words)."""
        steps, why = chain
        parts = [f"{self.milestone(k)} {day}" for k, day in steps]
        if not parts:
            return ""
        said = ""
        if why and why[0] == "revised":
            said = self("revised: {reason}", reason=self(why[1])) if why[1] and reasons else self("revised")
        elif why and why[0] == "today":
            said = self("due {due}, not done by today", due=why[1])
        elif why and why[0] == "planned":
            said = self("as planned")
        elif why:
            said = self(why[0])
        return " ← ".join(parts) + (f" ({said})" if said else "")

    def forecast_note(self, fc) -> str:
        """The forecast ex-factory against the contract date, and why when late (show, plan, revise)."""
        if fc.ex_factory is None or fc.contract is None:
            return self("no forecast: the order has no ex-factory date")
        if fc.at_risk:
            return (
                self.plural(
                    fc.late_days,
                    "AT RISK: forecast ex-factory {forecast}, {n} working day after the contract date {contract}",
                    "AT RISK: forecast ex-factory {forecast}, {n} working days after the contract date {contract}",
                    forecast=fc.ex_factory,
                    contract=fc.contract,
                )
                + "\n"
                + self("why: {chain}", chain=self.chain(fc.chain_detail()))
            )
        return self(
            "forecast ex-factory {forecast}, contract {contract}: on time", forecast=fc.ex_factory, contract=fc.contract
        )

    def plan_note(self, note: tuple) -> str:
        """A plan row's note (gendan.domain.tracking._note_detail) in words."""
        said = []
        for kind, *args in note:
            if kind == "done":
                how = {"payment": "done (payment recorded)", "sample": "done (PP sample approved)"}
                said.append(self(how.get(args[0], "stage passed" if args[0] == "stage passed" else "done")))
            elif kind == "no anchor":
                said.append(self("no anchor date (po_date / ex_factory)"))
            elif kind == "slips":
                days, driver = args
                why = {"today": self("not done"), "revised": self("revised")}.get(driver) or self(
                    "after {milestone}", milestone=self.milestone(driver)
                )
                said.append(
                    self.plural(days, "slips {n} working day ({why})", "slips {n} working days ({why})", why=why)
                )
            else:
                said.append(self(kind))
        return "，".join(said) if self.lang == "zh" else ", ".join(said)

    def pieces(self, pieces) -> str:
        """A message's pieces (gendan.core.errors.Pieces) said in the language; a value named
        milestone (or milestone_...) is a milestone's key, stage / from / to (or stage_...) a stage's."""
        said = []
        for template, values in pieces:
            values = dict(values)  # a dict, or its items (plain data that hashes)
            named = {k: self._named(k, v) for k, v in values.items()}
            said.append(self(template, **named) if named else self(template))
        return "".join(said)

    def _named(self, name: str, value: Any) -> Any:
        if name == "milestone" or name.startswith("milestone_"):
            return self.milestone(value)
        if name in ("stage", "from", "to") or name.startswith("stage_"):
            return self.stage(value)
        return value

    def detail(self, detail) -> str:
        """An overdue item's detail (gendan.reports.facts.Detail) in words."""
        if isinstance(detail, str) or not detail:
            return detail or ""
        kind, *args = detail
        if kind == "revised":
            planned, reason = args
            return self("revised from {planned}: {reason}", planned=planned, reason=self(reason))
        if kind == "outstanding":
            outstanding, value = args
            return self("outstanding {outstanding} of {value}", outstanding=outstanding, value=value)
        if kind == "at_risk":
            forecast, days, contract, chain = args
            return self(
                "forecast ex-factory {forecast} is {days} working days after the contract date {contract}: {chain}",
                forecast=forecast,
                days=days,
                contract=contract,
                chain=self.chain(chain),
            )
        if kind == "rule":
            code, message, milestone, due, *words = args  # (words: the finding's, when it kept them)
            return self(
                "{message}; {milestone} due {due}",
                message=self.pieces(words[0])
                if words and _has(self.lang, words[0])
                else self._known(message, f"rule {code}"),
                milestone=self.milestone(milestone),
                due=due,
            )
        if kind == "rule_shipment":
            received, value, outstanding, due = args
            return self(
                "R6 the terms want the money before shipment: received {received} of {value}, "
                "outstanding {outstanding}; ex-factory {due}",
                received=received,
                value=value,
                outstanding=outstanding,
                due=due,
            )
        if kind == "lc":
            code, message, due, *words = args
            if self.lang == "en":
                return message
            if words and words[0] and all(t in CATALOGUES.get(self.lang, {}) for t, _ in words[0]):
                return self.pieces(words[0])
            return self(f"L/C {code}", due=due)
        return " ".join(str(a) for a in detail)  # a kind this catalogue does not know (yet)

    def _known(self, message: str, fallback: str) -> str:
        """A rule's message in the language: the catalogue's words for it, else the rule's gist."""
        if self.lang == "en" or message in CATALOGUES.get(self.lang, {}):
            return self(message)
        return self(fallback)


ROLES = ("merchandiser", "buyer", "sample room", "finance", "purchasing", "factory", "QA", "shipping", "documents")


def problem(w: Words, p) -> str:
    """A located problem (gendan.core.errors.Problem) as `path:line:col: CODE message`, the message
    in `w`'s language when the catalogue has all its words (Problem.words), else as worded."""
    if not _has(w.lang, p.words):
        return str(p)
    from gendan.core.text import one_line

    return f"{p.path}:{p.line}:{p.col}: {p.code} " + one_line(w.pieces(p.words))


def _has(lang: str, pieces) -> bool:
    """Whether the catalogue of `lang` (not English) says every piece of a message."""
    catalogue = CATALOGUES.get(lang, {})
    return lang != "en" and bool(pieces) and all(t in catalogue for t, _ in pieces)


def error(lang: str, config, e) -> str:
    """A GendanError's message in `lang` when it carries its words (GendanError.words) and the
    catalogue has them all, else as raised; its place and code (`path:line:col: CODE `) as they are."""
    if not _has(lang, e.words):
        return str(e)
    shown = str(e)
    where = shown[: -len(e.message)] if e.message and shown.endswith(e.message) else ""
    return where + Words(lang, config).pieces(e.words)
