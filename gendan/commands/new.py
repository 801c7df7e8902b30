from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Example: gendan new SO-2026-0160 --customer 'Nordic Outdoor AS' "
    "--style JK-2301 --merchandiser 'Chen Li' --dir 2026"
)
@click.argument("order_id", metavar="ID")  # a new id: nothing to complete
@click.option("--customer", default=None, metavar="NAME", help="The customer's name.")
@click.option("--style", default=None, metavar="NUMBER", help="The style number.")
@click.option(
    "--merchandiser",
    default=None,
    metavar="NAME",
    shell_complete=complete.people,
    help="Who follows the order (跟单员).",
)
@click.option(
    "--dir",
    "subdir",
    default=None,
    metavar="FOLDER",
    help="Put the order folder in this subfolder of the workspace (e.g. 2026).",
)
@options.as_of
@click.pass_context
def new(ctx: click.Context, order_id: str, customer, style, merchandiser, subdir, as_of) -> None:
    """Start a new order: a folder with a commented order.yaml at stage inquiry."""
    from gendan.store.paths import display
    from gendan.store.scaffold import new_order

    ws = ctx.obj.workspace()
    path = new_order(
        ws,
        order_id,
        options.today(ctx, as_of),
        subdir=subdir,
        customer=customer,
        style=style,
        merchandiser=merchandiser,
    )

    options.echo(options.words(ctx, ws.config)("wrote {path}", path=display(path)))
