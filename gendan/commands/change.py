from __future__ import annotations

import click

from gendan.commands import options


@click.command(
    context_settings={"ignore_unknown_options": True},  # `price.Black -3` is a bad price, not an option
    epilog="Examples: gendan change SO-2026-0142 qty.Black.M 450 --requested-by 'Ingrid Berg' "
    "--approved-by 'Zhang Wei' · gendan change SO-2026-0142 ex_factory 2027-03-05 "
    "--requested-by 'Ingrid Berg' --approved-by 'Zhang Wei' --reason 'store opening moved'",
)
@options.order_id
@click.argument("field", metavar="FIELD")
@click.argument("value", metavar="VALUE")
@click.option("--requested-by", metavar="NAME", required=True, help="Who asked for the change.")
@click.option("--approved-by", metavar="NAME", required=True, help="Who approved it.")
@options.reason
@click.option("--add", is_flag=True, help="qty.COLOUR.SIZE: add a colour, or a size outside the order's size run.")
@click.option("--price", metavar="PRICE", default=None, help="The unit price of a colour added with --add.")
@options.as_of
@click.pass_context
def change(
    ctx: click.Context,
    order_id: str,
    field: str,
    value: str,
    requested_by: str,
    approved_by: str,
    reason,
    add: bool,
    price,
    as_of,
) -> None:
    """Change a quantity, a price, the ex-factory date or the packing, logged (R9).

    FIELD is qty.COLOUR.SIZE (0 removes the size; a removed size comes back in its place),
    price.COLOUR, shipped.COLOUR.SIZE, tolerance_pct, ex_factory, packing.instructions, packing.carton (LxWxH cm),
    packing.net_kg, packing.gross_kg or packing.pieces_per_carton[.COLOUR].
    A change that would make the order invalid writes nothing and says why.
    """
    from gendan.commands import editing
    from gendan.domain import tracking

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    editing.edit_order(
        ws,
        order_id,
        lambda draft: tracking.change(
            draft.order, ws.config, field, value, today, requested_by, approved_by, reason, add=add, price=price
        ),
        today=today,
    )
