from __future__ import annotations

import json

import click

from gendan.commands import options
from gendan.commands.reporting import load_digests

FORMATS = ("table", "csv", "json", "markdown", "html")
LIST_COLUMNS = (
    "order",
    "customer",
    "merchandiser",
    "factory",
    "stage",
    "pieces",
    "ex_factory",
    "forecast",
    "working_days_late",
)
HOLD_COLUMNS = ("order", "customer", "merchandiser", "since", "from", "reason")


GROUPS = ("merchandiser", "customer", "factory")


@click.command(epilog="Examples: gendan status · gendan status --group-by merchandiser · gendan status --format json")
@click.option(
    "--group-by",
    "group_by",
    type=click.Choice(GROUPS),
    default=None,
    help="Split the pipeline by merchandiser, customer or factory.",
)
# `--by` means "who acts" in every other command; here it was the grouping. Kept hidden
# so that scripts written against the old name still run, with a warning on stderr.
@click.option("--by", "old_by", type=click.Choice(GROUPS), default=None, hidden=True, help="Deprecated: --group-by.")
@options.filters()
@options.as_of
@options.output_format(*FORMATS)
@click.pass_context
def status(ctx: click.Context, group_by, old_by, filters, as_of, fmt: str) -> None:
    """Show the pipeline: orders, pieces and value per stage; risks, holds, ex-factory soon."""
    from gendan.core import money
    from gendan.core.errors import EXIT_FINDINGS, GendanError
    from gendan.core.errors import said as worded
    from gendan.render.tables import jsonable, render
    from gendan.reports import digest as reports
    from gendan.reports import filters as chosen

    if old_by is not None:
        if group_by is not None and group_by != old_by:
            raise GendanError.worded(
                worded(
                    (
                        "--by {by} and --group-by {group_by} disagree; use --group-by only",
                        {"by": old_by, "group_by": group_by},
                    )
                )
            )
        options.echo(f"gendan: status --by is deprecated; use --group-by {old_by}", err=True)
        group_by = old_by
    today = options.today(ctx, as_of)
    ws, found, had_problems = load_digests(ctx, today)
    found = chosen.digests(found, ws.config, filters)
    st = reports.status_of(found, ws.config.stage_keys, today, group_by)
    (w1, w1_end), (w2, w2_end) = st.weeks
    if fmt == "json":
        options.echo(
            json.dumps(
                jsonable(
                    {
                        "as_of": today,
                        "group_by": group_by,
                        "pipeline": [r.as_row() for r in st.pipeline],
                        "at_risk": st.at_risk,
                        "on_hold": st.on_hold,
                        "this_week": {"from": w1, "to": w1_end, "orders": st.this_week},
                        "next_week": {"from": w2, "to": w2_end, "orders": st.next_week},
                    }
                ),
                ensure_ascii=False,
                indent=2,
            )
        )
        ctx.exit(EXIT_FINDINGS if had_problems else 0)
    from gendan.render.i18n import Words, for_people

    w = Words(for_people(ctx.obj.lang, ws.config.language, fmt), ws.config)
    group = [group_by] if group_by else []
    pipeline = [
        {
            "group": r.group,
            "stage": w.stage(r.stage),
            "orders": r.orders,
            "pieces": r.pieces if fmt == "csv" else f"{r.pieces:,}",
            "value": "; ".join(money.labelled(v, c or None) for c, v in r.values.items()),
        }
        for r in st.pipeline
    ]
    columns = ["group"] * bool(group_by) + ["stage", "orders", "pieces", "value"]
    headers = w.heads(group + ["stage", "orders", "pieces", "value"])
    if fmt == "csv":  # one table only: the pipeline
        options.echo(render(pipeline, fmt, columns, headers))
        ctx.exit(EXIT_FINDINGS if had_problems else 0)

    def people(rows):
        return [{**r, **{k: w.stage(r[k]) for k in ("stage", "from") if k in r}} for r in rows]

    def said(columns):
        return w.heads(columns)

    sections = [
        (w("Pipeline as of {today}", today=today), pipeline, columns, headers),
        (
            w("At risk: forecast ex-factory after the contract date"),
            people(st.at_risk),
            LIST_COLUMNS,
            said(LIST_COLUMNS),
        ),
        (w("On hold"), people(st.on_hold), HOLD_COLUMNS, said(HOLD_COLUMNS)),
        (
            w("Ex-factory this week ({start} to {end})", start=w1, end=w1_end),
            people(st.this_week),
            LIST_COLUMNS,
            said(LIST_COLUMNS),
        ),
        (
            w("Ex-factory next week ({start} to {end})", start=w2, end=w2_end),
            people(st.next_week),
            LIST_COLUMNS,
            said(LIST_COLUMNS),
        ),
    ]
    out = []
    for title, rows, cols, heads in sections:
        body = render(rows, fmt, cols, heads, lang=w.lang) if rows else w("(none)")
        if fmt == "markdown":
            out.append(f"## {title}\n\n{body}")
        elif fmt == "html":
            from html import escape

            out.append(f"<h2>{escape(title)}</h2>\n{body if rows else '<p>' + escape(w('(none)')) + '</p>'}")
        else:
            out.append(f"{title}\n{body}")
    options.echo("\n\n".join(out))
    ctx.exit(EXIT_FINDINGS if had_problems else 0)
