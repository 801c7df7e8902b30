from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options
from gendan.commands.reporting import load_orders


@click.command(
    epilog="Examples: gendan calendar -o orders.ics · gendan calendar -o chen.ics --owner 'Chen Li' · "
    "gendan calendar -o team.ics --merchandiser chen --remind 3"
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .ics file to write (replaced all at once; never an order file, gendan.yaml, .git/ or .gendan/).",
)
@click.option(
    "--remind",
    type=click.IntRange(min=0, max=60),
    default=1,
    show_default=True,
    metavar="DAYS",
    help="A reminder this many days before each milestone that is not yet overdue (0: none).",
)
@options.filters(owner=True)
@options.as_of
@click.pass_context
def calendar(ctx: click.Context, output: Path, remind: int, filters, as_of) -> None:
    """Write the open milestones as a calendar feed (.ics) for phones and Outlook."""
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.render import i18n
    from gendan.render.ical import Wording, calendar_bytes
    from gendan.reports import feeds
    from gendan.reports import filters as chosen
    from gendan.store.paths import display, output_file, write_file

    output_file(output, f"-o {output}")
    ws, orders, had_problems = load_orders(ctx)
    orders = chosen.orders(orders, ws.config, filters)
    today = options.today(ctx, as_of)
    entries = feeds.entries(orders, ws.config, today, filters.checked(ws.config))
    wording = Wording(i18n.language_of(ctx.obj.lang, ws.config.language), ws.config.site.url or "", ws.config)
    name = feeds.feed_name(ws.config, wording.lang, filters.owner)
    write_file(output, calendar_bytes(entries, ws.config, today, name, remind, wording))
    from gendan.core.errors import said

    late, n = sum(e.overdue for e in entries), len(entries)
    wrote = said(
        (
            "wrote {path}: {n} open milestone" if n == 1 else "wrote {path}: {n} open milestones",
            {"path": display(output), "n": n},
        ),
        (", {late} overdue" if late else "", {"late": late} if late else {}),
    )
    options.echo(options.say(ctx, ws.config, wrote))
    ctx.exit(EXIT_FINDINGS if had_problems else 0)
