from __future__ import annotations

import click

from gendan.commands import options

COLUMNS = ("milestone", "owner", "stage", "computed", "planned", "revised", "actual", "forecast", "note")
HEADERS = ("milestone", "owner", "stage", "template", "planned", "revised", "actual", "forecast", "note")


@click.command(epilog="Examples: gendan plan SO-2026-0142 · gendan plan SO-2026-0142 --write")
@options.order_id
@click.option(
    "--write", is_flag=True, help="Write the template's dates as planned dates (never touches actual or revised dates)."
)
@options.as_of
@options.output_format("table", "json", "csv", "markdown")
@click.pass_context
def plan(ctx: click.Context, order_id: str, write: bool, as_of, fmt: str) -> None:
    """Show the T&A calendar the template computes beside the order's dates."""
    from dataclasses import asdict

    from gendan.commands import editing
    from gendan.domain import tracking
    from gendan.render.tables import render, wrap
    from gendan.store import edit

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)

    def shown_then_planned(draft):
        """Print the calendar of the order as read; with --write, what to write."""
        rows, _ = tracking.plan_rows(draft.order, ws.config, today)
        options.echo(render([asdict(r) for r in rows], fmt, COLUMNS, HEADERS if fmt != "json" else None))
        if fmt in ("table", "markdown"):
            note = tracking.forecast_note(draft.order, ws.config, today)
            options.echo(f"\n{wrap(note) if fmt == 'table' else note}")
        return tracking.plan_change(draft.order, rows, draft.shown)

    if write:  # the message goes to stderr when stdout is data (json, csv)
        editing.edit_order(ws, order_id, shown_then_planned, err=fmt not in ("table", "markdown"))
    else:
        shown_then_planned(edit.open_order(ws, order_id))
