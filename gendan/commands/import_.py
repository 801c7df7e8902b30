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
    from gendan.core.text import one_line

    # every cell's text is the workbook's: one line each, escaped (the sanitiser does the rest)
    cols = one_line(", ".join(f"{f}={h}" for f, h in data.headers.items()))
    options.echo(f"sheet {one_line(repr(data.name))}, header on row {data.header_row}: {cols}")
    verb = "would create" if dry_run else "created"
    for p in result.created:
        options.echo(f"{verb} {p.id} ({p.stage}) {display(p.path)}  [row {', '.join(map(str, p.rows))}]")
    for rows, ident, path in result.existing:
        options.echo(f"exists {ident} {display(path)}: not overwritten  [row {', '.join(map(str, rows))}]")
    for r in result.skipped:
        options.echo(f"row {r.row}: skipped: {one_line(r.reason)}")
    for r in result.rejected:
        order = f" ({one_line(r.order)})" if r.order else ""
        options.echo(f"row {r.row}: not imported{order}: {one_line(r.reason)}", err=True)
    options.echo(
        f"{len(result.created)} {verb}, {len(result.existing)} already there, "
        f"{len(result.rejected)} row{'s' * (len(result.rejected) != 1)} not imported"
    )
    ctx.exit(EXIT_FINDINGS if result.rejected else 0)
