from __future__ import annotations

import click

from gendan.commands import options


@click.command(
    epilog="Examples: gendan doc SO-2026-0142 pi · gendan doc SO-2026-0142 packing-list --format xlsx · "
    "gendan doc --list · gendan doc --copy pi"
)
@click.argument("order_id", metavar="[ID]", required=False)
@click.argument("kind_name", metavar="[KIND]", required=False)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Write here instead of out/KIND.FORMAT in the order folder (anywhere but an order file, "
    "gendan.yaml, .git/ or .gendan/).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "xlsx"]),
    default=None,
    help="Output format: html (default), md, or xlsx for pi and packing-list; "
    "with -o, taken from its extension when not given.",
)
@click.option("--supplier", default=None, metavar="NAME", help="po: only the purchase order to this supplier.")
@click.option("--list", "list_kinds", is_flag=True, help="List the document kinds and the template each uses.")
@click.option(
    "--copy",
    "copy_kind",
    default=None,
    metavar="KIND",
    help="Copy a kind's built-in template (or 'base', the letterhead) into the workspace's templates/.",
)
@options.as_of
@click.pass_context
def doc(
    ctx: click.Context,
    order_id: str | None,
    kind_name: str | None,
    output: str | None,
    fmt: str,
    supplier: str | None,
    list_kinds: bool,
    copy_kind: str | None,
    as_of,
) -> None:
    """Write a document (PI, production notice, PO, packing list...) from an order."""
    from gendan.core.errors import GendanError
    from gendan.render import documents
    from gendan.render.tables import render
    from gendan.store.paths import display, write_file

    if list_kinds:
        try:
            root = ctx.obj.workspace().root
        except GendanError:
            root = None
        options.echo(render(documents.listing(root), "table", ["kind", "format", "template", "source", "title"]))
        return
    ws = ctx.obj.workspace()
    if copy_kind:
        for path in documents.copy_template(copy_kind, ws.root):
            options.echo(f"copied {display(path)}")
        return
    if not order_id or not kind_name:
        raise click.UsageError("give an order ID and a document KIND (kinds: " + ", ".join(documents.KINDS) + ")")
    documents.kind(kind_name)
    if fmt is None:
        suffix = output.rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"md": "md", "xlsx": "xlsx"}.get(suffix, "html")
    loaded = ws.load(ws.find(order_id))
    path = documents.output_path(ws.root, loaded.folder, kind_name, fmt, output, supplier)
    data = documents.render(kind_name, fmt, loaded, ws, options.today(ctx, as_of), supplier)
    write_file(path, data)
    options.echo(f"wrote {display(path)}")
