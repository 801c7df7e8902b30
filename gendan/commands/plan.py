from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options

COLUMNS = ("milestone", "owner", "stage", "computed", "planned", "revised", "actual", "forecast", "slack", "note")
HEADERS = ("milestone", "owner", "stage", "template", "planned", "revised", "actual", "forecast", "slack", "note")


@click.command(
    epilog="Examples: gendan plan SO-2026-0142 · gendan plan SO-2026-0142 --write · "
    "gendan plan SO-2026-0142 --format svg -o plan.svg   (a Gantt chart)"
)
@options.order_id
@click.option(
    "--write", is_flag=True, help="Write the template's dates as planned dates (never touches actual or revised dates)."
)
@options.as_of
@options.output_format("table", "json", "csv", "markdown", "svg")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the output to this file instead of the terminal (e.g. the svg).",
)
@click.option("--strict", is_flag=True, help="Exit 1 when the plan cannot hold (the W warnings).")
@click.pass_context
def plan(ctx: click.Context, order_id: str, write: bool, as_of, fmt: str, output, strict: bool) -> None:
    """Show the T&A calendar the template computes beside the order's dates."""
    from dataclasses import asdict

    from gendan.commands import editing
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.domain import tracking
    from gendan.domain.calendar import order_calendar, plan_warnings
    from gendan.render.i18n import problem
    from gendan.render.tables import render, wrap
    from gendan.store import edit
    from gendan.store.parse import to_problems
    from gendan.store.paths import output_file, write_file

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    if output is not None:
        output_file(output, f"-o {output}")

    def write_output(path: Path, text: str) -> None:
        write_file(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
        options.echo(options.words(ctx, ws.config)("wrote {path}", path=path), err=True)

    def shown_then_planned(draft):
        """Print the calendar (with --write: as it will be written) and the warnings; what to write."""
        rows, fc = tracking.plan_rows(draft.order, ws.config, today)
        change = tracking.plan_change(draft.order, rows, draft.shown) if write else None
        order = draft.order
        if change is not None and change.patch:
            order = tracking.replanned(draft.order, rows)
            rows, fc = tracking.plan_rows(order, ws.config, today)
        cal = order_calendar(order, ws.config, today)
        if fmt == "svg":
            from gendan.render.gantt import gantt_svg

            text = gantt_svg(order, fc, cal, ws.config, today, words=options.words(ctx, ws.config))
        elif fmt in ("table", "markdown"):
            w = options.words(ctx, ws.config)
            note = w.forecast_note(fc)
            note = "\n".join(wrap(line) for line in note.split("\n")) if fmt == "table" else note
            shown = [asdict(r) for r in rows]
            if w.lang != "en":
                shown = [
                    {
                        **d,
                        "milestone": w.milestone(r.milestone),
                        "owner": w.role(r.owner),
                        "stage": w.stage(r.stage),
                        "note": w.plan_note(r.note_detail),
                    }
                    for d, r in zip(shown, rows, strict=True)
                ]
            text = render(shown, fmt, COLUMNS, w.heads(HEADERS), lang=w.lang) + f"\n\n{note}"
        else:  # for scripts: whether each milestone is done (gendan's one notion of done)
            headers = None if fmt == "json" else (*HEADERS, "done")
            text = render([asdict(r) for r in rows], fmt, (*COLUMNS, "done"), headers)
        if output is None:
            options.echo(text)
        else:
            write_output(output, text)
        warnings.extend(plan_warnings(order, ws.config, cal, today, fc))
        said = options.words(ctx, ws.config)  # (for people, any --format)
        for found in sorted(to_problems(warnings, draft.shown, draft.text)):
            options.echo(problem(said, found), err=True)
        return change

    warnings: list = []
    if write:  # the message goes to stderr when stdout is data (json, csv, svg)
        editing.edit_order(ws, order_id, shown_then_planned, err=fmt not in ("table", "markdown") or bool(output))
    else:
        shown_then_planned(edit.open_order(ws, order_id))
    if strict and warnings:
        ctx.exit(EXIT_FINDINGS)
