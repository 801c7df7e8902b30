from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options


@click.command(
    "import",
    epilog="Examples: gendan import 订单跟踪表.xlsx --dry-run · "
    "gendan import tracker.xlsx --sheet 2026 --dir 2026 · "
    "gendan import tracker.xlsx --map tracker-map.yaml",
)
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path), metavar="TRACKER.xlsx")
@click.option("--sheet", default=None, help="The worksheet to read (default: the first one).")
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A YAML file naming the columns (field: header text) and constant fields.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be created; write nothing.")
@click.option(
    "--dir",
    "subfolder",
    default=None,
    metavar="SUBFOLDER",
    help="Create the order folders in this folder of the workspace (e.g. 2026).",
)
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    default=None,
    help="Year of dates written without one (11月30日); default: the PO date's year, else this year.",
)
@options.as_of
@options.by
@click.pass_context
def import_(ctx: click.Context, workbook: Path, sheet, map_file, dry_run, subfolder, year, as_of, by) -> None:
    """Create order folders from an Excel order tracking sheet (订单跟踪表), one row per order."""
    from gendan.commands.progress import terminal
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.domain import importer
    from gendan.store.paths import display

    ws = ctx.obj.workspace()
    mapping = importer.load_mapping(map_file) if map_file else None
    data = importer.read_sheet(workbook, sheet, mapping)
    progress = terminal()
    result = importer.plan_import(
        ws,
        data,
        options.today(ctx, as_of),
        mapping,
        subfolder,
        year,
        source=workbook.name,
        by=options.who(by, ws.root),
        progress=progress,
    )
    if not dry_run:
        importer.write_orders(result, progress)
    from gendan.core.errors import said
    from gendan.core.text import one_line

    w = options.words(ctx, ws.config)

    def say(english: tuple[str, tuple]) -> str:
        return english[0] if w.lang == "en" else w.pieces(english[1])

    def reason(r) -> str:  # the importer's words for it, where it gave them
        return one_line(say((r.reason, r.words)) if r.words else r.reason)

    # every cell's text is the workbook's: one line each, escaped (the sanitiser does the rest)
    cols = one_line(", ".join(f"{f}={h}" for f, h in data.headers.items()))
    sheet_name = one_line(repr(data.name))
    options.echo(
        say(
            said(
                (
                    "sheet {name}, header on row {row}: {columns}",
                    {"name": sheet_name, "row": data.header_row, "columns": cols},
                )
            )
        )
    )
    for p in result.created:
        values = {"id": p.id, "stage": p.stage, "path": display(p.path), "rows": ", ".join(map(str, p.rows))}
        options.echo(
            say(
                said(
                    (
                        "would create {id} ({stage}) {path}  [row {rows}]"
                        if dry_run
                        else "created {id} ({stage}) {path}  [row {rows}]",
                        values,
                    )
                )
            )
        )
    for rows, ident, path in result.existing:
        values = {"id": ident, "path": display(path), "rows": ", ".join(map(str, rows))}
        options.echo(say(said(("exists {id} {path}: not overwritten  [row {rows}]", values))))
    for r in result.skipped:
        options.echo(say(said(("row {row}: skipped: ", {"row": r.row}))) + reason(r))
    for r in result.rejected:
        head = (
            said(("row {row}: not imported ({order}): ", {"row": r.row, "order": one_line(r.order)}))
            if r.order
            else said(("row {row}: not imported: ", {"row": r.row}))
        )
        options.echo(say(head) + reason(r), err=True)
    created, existing, rejected = len(result.created), len(result.existing), len(result.rejected)
    counts = {"created": created, "existing": existing, "rejected": rejected}
    if dry_run:
        summary = said(
            (
                "{created} would create, {existing} already there, {rejected} row not imported"
                if rejected == 1
                else "{created} would create, {existing} already there, {rejected} rows not imported",
                counts,
            )
        )
    else:
        summary = said(
            (
                "{created} created, {existing} already there, {rejected} row not imported"
                if rejected == 1
                else "{created} created, {existing} already there, {rejected} rows not imported",
                counts,
            )
        )
    options.echo(say(summary))
    ctx.exit(EXIT_FINDINGS if result.rejected else 0)
