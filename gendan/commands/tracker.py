from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options
from gendan.commands.reporting import load_orders


@click.command(epilog="Examples: gendan tracker -o tracker.xlsx · gendan tracker -o 跟踪表.xlsx --lang zh")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .xlsx file to write (replaced all at once; never left half-written; "
    "never an order file, gendan.yaml, .git/ or .gendan/).",
)
@click.option(
    "--lang",
    type=click.Choice(("en", "zh")),
    default=None,
    help="Language of the header rows (default: gendan --lang, $GENDAN_LANG, else language in gendan.yaml).",
)
@options.as_of
@click.pass_context
def tracker(ctx: click.Context, output: Path, lang, as_of) -> None:
    """Write the order tracking workbook (订单跟踪表) as Excel."""
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.render.excel import tracker_bytes
    from gendan.store.paths import output_file, write_file

    output_file(output, f"-o {output}")
    ws, orders, had_problems = load_orders(ctx, progress=True)
    from gendan.render.i18n import language_of

    lang = lang or language_of(ctx.obj.lang, ws.config.language)
    from gendan.commands.progress import terminal

    data = tracker_bytes(orders, ws.config, options.today(ctx, as_of), lang, progress=terminal())
    write_file(output, data)
    ctx.exit(EXIT_FINDINGS if had_problems else 0)
