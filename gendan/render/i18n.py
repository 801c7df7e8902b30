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

CATALOGUES: dict[str, dict[str, str]] = {"zh": {**ZH, **ZH_ALERTS}}


def language_of(chosen: str | None, configured: str) -> str:
    """--lang, else $GENDAN_LANG, else gendan.yaml's `language` (en when none is known)."""
    for lang in (chosen, os.environ.get("GENDAN_LANG", "").strip().lower() or None, configured):
        if lang in LANGUAGES:
            return lang
    return "en"


def text(lang: str, key: str, **values: Any) -> str:
    """`key` in `lang` (the key itself in English or when the catalogue lacks it), filled in."""
    return CATALOGUES.get(lang, {}).get(key, key).format(**values)


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
