"""The T&A plan as a picture: a self-contained SVG Gantt chart (docs/domain.md §7).

One row per milestone: the planned date (hollow diamond), the forecast (filled diamond; a bar
from the plan when it slips), the actual date of a done milestone (green dot); today's line,
the contract ex-factory date, the company's closures and public holidays shaded, and the
driving chain (what makes a late order late) in red, joined by a line. `board_svg` draws the open
orders of a workspace, one row each: their key milestones and forecast ex-factory against the
contract date.

No script, no external font or image: generic font families, inline styles, so the file opens
the same in a browser, an e-mail or on paper. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.calendar import EX_FACTORY, Forecast, WorkCalendar, template_of
from gendan.render.i18n import Words

LABEL_W = 200
ROW_H = 20
TOP = 84
CHART_W = 840
ONE = timedelta(days=1)

STYLE = """
text { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 11px; fill: #111; }
.title { font-size: 14px; font-weight: bold; }
.sub { fill: #555; }
.month { stroke: #ccc; stroke-width: 1; }
.holiday { fill: #ececec; }
.closure { fill: #d6d6d6; }
.closure-label { fill: #444; font-size: 10px; }
.row-line { stroke: #f0f0f0; stroke-width: 1; }
.planned { fill: #fff; stroke: #777; stroke-width: 1.2; }
.forecast { fill: #2563eb; stroke: #1e3a8a; stroke-width: 1; }
.forecast.late { fill: #f59e0b; stroke: #92400e; }
.on-chain .forecast, .forecast.on-chain { fill: #dc2626; stroke: #7f1d1d; }
.slip { stroke: #f59e0b; stroke-width: 4; stroke-linecap: round; opacity: 0.6; }
.on-chain .slip { stroke: #dc2626; }
.actual { fill: #16a34a; stroke: #14532d; stroke-width: 1; }
.chain { fill: none; stroke: #dc2626; stroke-width: 2; stroke-dasharray: 5 3; }
.chain-label { fill: #dc2626; font-weight: bold; }
.today { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 4 3; }
.contract { stroke: #111; stroke-width: 1.5; }
.label.on-chain { fill: #b91c1c; font-weight: bold; }
.done-label { fill: #777; }
"""


@dataclass(frozen=True)
class _Axis:
    start: date
    days: int
    day_w: float

    def x(self, day: date) -> float:
        return LABEL_W + ((day - self.start).days + 0.5) * self.day_w

    @property
    def right(self) -> float:
        return LABEL_W + self.days * self.day_w


def _axis(dates: Sequence[date]) -> _Axis:
    start = min(dates) - 3 * ONE
    end = max(dates) + 3 * ONE
    days = (end - start).days + 1
    return _Axis(start, days, CHART_W / days)


def _t(x: float, y: float, text: str, cls: str = "", anchor: str = "start", extra: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{klass} text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _diamond(x: float, y: float, r: float, cls: str, title: str) -> str:
    points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon class="{cls}" points="{points}"><title>{escape(title)}</title></polygon>'


def _shading(axis: _Axis, cal: WorkCalendar, config: Config, top: float, height: float) -> list[str]:
    """Closures (named, darker) and public holidays on what would be working weekdays."""
    out: list[str] = []
    closures = [c for c in config.holidays.closures if c.to >= axis.start]
    span: tuple[date, date, str] | None = None
    spans: list[tuple[date, date, str]] = []
    for i in range(axis.days):
        day = axis.start + i * ONE
        closed = any(c.from_ <= day <= c.to for c in closures)
        kind = "closure" if closed else "holiday" if not cal.is_workday(day) and day.weekday() in cal.weekdays else ""
        if span and kind == span[2] and kind:
            span = (span[0], day, kind)
            continue
        if span:
            spans.append(span)
        span = (day, day, kind) if kind else None
    if span:
        spans.append(span)
    for first, last, kind in spans:
        x = axis.x(first) - axis.day_w / 2
        w = ((last - first).days + 1) * axis.day_w
        name = ""
        if kind == "closure":
            c = next(c for c in closures if c.from_ <= first <= c.to)
            name = c.name or "closure"
        title = f"{name or 'public holiday'}: {first}" + (f" to {last}" if last != first else "")
        out.append(
            f'<rect class="{kind}" x="{x:.1f}" y="{top:.1f}" width="{w:.1f}" height="{height:.1f}">'
            f"<title>{escape(title)}</title></rect>"
        )
        if kind == "closure":
            out.append(_t(x + w / 2, top + 10, name, "closure-label", "middle"))
    return out


def _months(axis: _Axis, top: float, bottom: float) -> list[str]:
    out = []
    day = date(axis.start.year, axis.start.month, 1)
    while day <= axis.start + axis.days * ONE:
        if day >= axis.start:
            x = axis.x(day) - axis.day_w / 2
            out.append(f'<line class="month" x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}"/>')
            out.append(_t(x + 3, top - 4, f"{day:%b %Y}", "sub"))
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def _frame(width: float, height: float, title: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
            *body,
            "</svg>",
            "",
        ]
    )


def gantt_svg(
    order: Order,
    fc: Forecast,
    cal: WorkCalendar,
    config: Config,
    today: date,
    reasons: bool = True,
    words: Words | None = None,
) -> str:
    """The order's T&A as a Gantt chart (see the module docstring); without `reasons` (a buyer's
    page) the revision reasons stay out. Its words in `words`' language (English without)."""
    w = words or Words("en", config)
    keys = [m.key for m in template_of(order, config)]
    keys += [k for k in fc.steps if k not in keys]
    steps = [fc.steps[k] for k in keys if k in fc.steps]
    dates = [today, *(d for s in steps for d in (s.planned, s.forecast, s.actual) if d)]
    if order.ex_factory:
        dates.append(order.ex_factory)
    axis = _axis(dates)
    chain = set(fc.chain) if fc.at_risk else set()  # red is for what makes an order late
    bottom = TOP + len(steps) * ROW_H
    height = bottom + 70
    width = axis.right + 40
    body: list[str] = []
    if fc.at_risk:
        headline = (
            f"AT RISK: forecast ex-factory {fc.ex_factory}, {fc.late_days} working "
            f"day{'s' * (fc.late_days != 1)} after the contract date {fc.contract}"
        )
    elif fc.ex_factory:
        headline = f"forecast ex-factory {fc.ex_factory}, contract {fc.contract}: on time"
    else:
        headline = "no forecast: the order has no ex-factory date"
    if w.lang != "en":
        headline = w.forecast_note(fc).split("\n")[0]
    title = w("{id} {customer}: T&A as of {today}", id=order.id, customer=order.customer.name, today=today)
    body.append(_t(10, 18, title, "title"))
    body.append(_t(10, 34, headline, "chain-label" if fc.at_risk else "sub"))
    body += _shading(axis, cal, config, TOP, bottom - TOP)
    body += _months(axis, TOP, bottom)
    for i, step in enumerate(steps):
        y = TOP + i * ROW_H + ROW_H / 2
        on_chain = step.key in chain
        cls = "milestone on-chain" if on_chain else "milestone"
        row = [f'<g class="{cls}" data-key="{escape(step.key)}">']
        row.append(
            f'<line class="row-line" x1="10" y1="{y + ROW_H / 2:.1f}" x2="{width - 10:.1f}" y2="{y + ROW_H / 2:.1f}"/>'
        )
        name = w.milestone(step.key)
        row.append(_t(10, y + 4, name, "label on-chain" if on_chain else "label"))
        if step.planned:
            said = w("{milestone} planned {day}", milestone=name, day=step.planned)
            row.append(_diamond(axis.x(step.planned), y, 5, "planned", said))
        if step.done.done:
            if step.actual:
                row.append(
                    f'<circle class="actual" cx="{axis.x(step.actual):.1f}" cy="{y:.1f}" r="4.5">'
                    f"<title>{escape(w('{milestone} done {day}', milestone=name, day=step.actual))}</title></circle>"
                )
            else:
                row.append(_t(LABEL_W - 8, y + 4, w("done"), "done-label", "end"))
        elif step.forecast:
            if step.due and step.forecast > step.due:
                row.append(
                    f'<line class="slip" x1="{axis.x(step.due):.1f}" y1="{y:.1f}" '
                    f'x2="{axis.x(step.forecast):.1f}" y2="{y:.1f}"/>'
                )
            late = " late" if step.late > 0 else ""
            slack = w(", slack {n} working days", n=step.slack) if step.slack is not None else ""
            row.append(
                _diamond(
                    axis.x(step.forecast),
                    y,
                    6,
                    f"forecast{late}{' on-chain' if on_chain else ''}",
                    w("{milestone} forecast {day}{slack}", milestone=name, day=step.forecast, slack=slack),
                )
            )
        row.append("</g>")
        body += row
    # the driving chain, from its cause to ex-factory
    points = []
    for key in reversed(fc.chain if fc.at_risk else []):
        i = keys.index(key) if key in keys else -1
        when = fc.steps[key].forecast
        if i >= 0 and when:
            points.append(f"{axis.x(when):.1f},{TOP + i * ROW_H + ROW_H / 2:.1f}")
    if len(points) > 1:
        why = escape(w.chain(fc.chain_detail(), reasons))
        body.append(f'<polyline class="chain" points="{" ".join(points)}"><title>{why}</title></polyline>')
    # today and the contract date
    x = axis.x(today)
    body.append(f'<line id="today" class="today" x1="{x:.1f}" y1="{TOP - 12:.1f}" x2="{x:.1f}" y2="{bottom:.1f}"/>')
    body.append(_t(x, TOP - 30, w("today {today}", today=today), "chain-label", "middle"))
    if order.ex_factory:
        x = axis.x(order.ex_factory)
        body.append(
            f'<line id="contract" class="contract" x1="{x:.1f}" y1="{TOP:.1f}" x2="{x:.1f}" y2="{bottom + 6:.1f}"/>'
        )
        body.append(_t(x, bottom + 18, w("contract ex-factory {day}", day=order.ex_factory), "", "middle"))
    body += _legend(10, bottom + 40, fc, reasons, w)
    return _frame(width, height, title, body)


def _legend(x: float, y: float, fc: Forecast, reasons: bool, w: Words) -> list[str]:
    out = [
        _diamond(x + 6, y, 5, "planned", w("planned")),
        _t(x + 16, y + 4, w("planned")),
        _diamond(x + 86, y, 6, "forecast", w("forecast")),
        _t(x + 96, y + 4, w("forecast")),
        _diamond(x + 166, y, 6, "forecast late", w("forecast, late")),
        _t(x + 176, y + 4, w("forecast, later than due")),
        f'<circle class="actual" cx="{x + 336:.1f}" cy="{y:.1f}" r="4.5"/>',
        _t(x + 346, y + 4, w("done")),
        _diamond(x + 396, y, 6, "forecast on-chain", w("driving chain")),
        _t(x + 406, y + 4, w("driving chain (what sets the ex-factory date)")),
    ]
    if fc.chain and fc.at_risk:
        out.append(_t(x, y + 20, w("why: {chain}", chain=w.chain(fc.chain_detail(), reasons)), "chain-label"))
    return out


def board_svg(
    rows: Sequence[tuple[Order, Forecast]], keys: Sequence[str], today: date, words: Words | None = None
) -> str:
    """The open orders, one row each: their key milestones' forecasts and the forecast ex-factory
    (a diamond, red when late) against the contract date (a black tick); in `words`' language."""
    w = words or Words("en")
    dates = [today]
    for order, fc in rows:
        dates += [d for d in (order.ex_factory, fc.ex_factory) if d]
        dates += [s.forecast for k in keys if (s := fc.steps.get(k)) and s.forecast and not s.done.done]
    axis = _axis(dates)
    bottom = TOP + max(1, len(rows)) * ROW_H
    width, height = axis.right + 40, bottom + 40
    title = w("Open orders as of {today}: key milestones and forecast ex-factory", today=today)
    body = [_t(10, 18, title, "title"), *_months(axis, TOP, bottom)]
    for i, (order, fc) in enumerate(rows):
        y = TOP + i * ROW_H + ROW_H / 2
        row = [f'<g class="order{" at-risk" if fc.at_risk else ""}" data-order="{escape(order.id)}">']
        row.append(
            f'<line class="row-line" x1="10" y1="{y + ROW_H / 2:.1f}" x2="{width - 10:.1f}" y2="{y + ROW_H / 2:.1f}"/>'
        )
        row.append(_t(10, y + 4, order.id, "label on-chain" if fc.at_risk else "label"))
        for key in keys:
            step = fc.steps.get(key)
            if step is None or step.done.done or step.forecast is None:
                continue
            said = w("{id} {milestone} forecast {day}", id=order.id, milestone=w.milestone(key), day=step.forecast)
            row.append(
                f'<circle class="planned" cx="{axis.x(step.forecast):.1f}" cy="{y:.1f}" r="3">'
                f"<title>{escape(said)}</title></circle>"
            )
        if order.ex_factory:
            x = axis.x(order.ex_factory)
            said = w("{id} contract ex-factory {day}", id=order.id, day=order.ex_factory)
            row.append(
                f'<line class="contract" x1="{x:.1f}" y1="{y - 7:.1f}" x2="{x:.1f}" y2="{y + 7:.1f}">'
                f"<title>{escape(said)}</title></line>"
            )
        if fc.ex_factory:
            late = w(", {n} working days late", n=fc.late_days) if fc.at_risk else ""
            row.append(
                _diamond(
                    axis.x(fc.ex_factory),
                    y,
                    6,
                    "forecast on-chain" if fc.at_risk else "forecast",
                    w(
                        "{id} forecast {milestone} {day}{late}",
                        id=order.id,
                        milestone=w.milestone(EX_FACTORY),
                        day=fc.ex_factory,
                        late=late,
                    ),
                )
            )
        row.append("</g>")
        body += row
    x = axis.x(today)
    body.append(f'<line id="today" class="today" x1="{x:.1f}" y1="{TOP - 12:.1f}" x2="{x:.1f}" y2="{bottom:.1f}"/>')
    body.append(_t(x, TOP - 30, w("today {today}", today=today), "chain-label", "middle"))
    body.append(
        _t(
            10,
            bottom + 24,
            w("circles: key milestones (forecast) · diamond: forecast ex-factory (red: late) · bar: contract"),
        )
    )
    return _frame(width, height, title, body)
