from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Examples: gendan doc SO-2026-0142 pi · gendan doc SO-2026-0142 packing-list --format xlsx · "
    "gendan doc --list · gendan doc --copy pi"
)
@click.argument("order_id", metavar="[ID]", required=False, shell_complete=complete.order_ids)
@click.argument("kind_name", metavar="[KIND]", required=False, shell_complete=complete.document_kinds)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Write here instead of out/KIND.FORMAT in the order folder (inside the workspace).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "xlsx", "pdf"]),
    default=None,
    help="Output format: html (default), md, pdf (needs gendan[pdf]), or xlsx for pi and packing-list; "
    "with -o, taken from its extension when not given.",
)
@click.option("--supplier", default=None, metavar="NAME", help="po: only the purchase order to this supplier.")
@click.option(
    "--shipment",
    type=click.IntRange(1, 999),
    default=None,
    metavar="N",
    help="commercial-invoice, packing-list, shipping-marks: the Nth of the order's `shipments:` "
    "(required when it has several); its own number when issued.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Render even when the packing does not match the order; every page is marked DRAFT.",
)
@click.option(
    "--for",
    "audience",
    type=click.Choice(["buyer", "factory"]),
    default="buyer",
    show_default=True,
    help="Whose copy: factory leaves out the buyer's name, PO and prices where a document allows.",
)
@click.option(
    "--issue",
    is_flag=True,
    help="Give the document the next number of the company's sequence and record number, date and "
    "digest in the order; later renders reuse them.",
)
@click.option("--revise", is_flag=True, help="Issue a changed document again as its next revision (R1, R2...).")
@click.option("--list", "list_kinds", is_flag=True, help="List the document kinds and the template each uses.")
@options.wide
@click.option(
    "--copy",
    "copy_kind",
    default=None,
    metavar="KIND",
    shell_complete=complete.document_kinds,
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
    shipment: int | None,
    draft: bool,
    audience: str,
    issue: bool,
    revise: bool,
    list_kinds: bool,
    copy_kind: str | None,
    as_of,
) -> None:
    """Write a document (PI, production notice, PO, packing list...) from an order."""
    from gendan.core.errors import GendanError, said
    from gendan.core.patch import Patch
    from gendan.render import documents
    from gendan.render.tables import render
    from gendan.store.paths import display, write_file

    if list_kinds:
        try:
            root = ctx.obj.workspace().root
        except GendanError:
            root = None
        from gendan.render.i18n import Words, language_of

        w = Words(language_of(ctx.obj.lang, _configured_language(ctx)))
        rows = documents.listing(root)
        if w.lang != "en":
            rows = [
                {**r, "template": _template_words(w, r["template"]), "source": w(r["source"]), "title": w(r["title"])}
                for r in rows
            ]
        columns = ["kind", "format", "template", "source", "title"]
        options.echo(
            render(rows, "table", columns, w.heads(["kind", "format", "template", "source", "title"]), lang=w.lang)
        )
        return
    ws = ctx.obj.workspace()
    if copy_kind:
        for path in documents.copy_template(copy_kind, ws.root):
            options.echo(options.say(ctx, ws.config, said(("copied {path}", {"path": display(path)}))))
        return
    if not order_id or not kind_name:
        raise options.WordedUsageError(
            said(("give an order ID and a document KIND (kinds: {kinds})", {"kinds": ", ".join(documents.KINDS)})), ctx
        )
    documents.kind(kind_name)
    if fmt is None:
        suffix = output.rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"md": "md", "xlsx": "xlsx", "pdf": "pdf"}.get(suffix, "html")
    today = options.today(ctx, as_of)
    order_file = ws.find(order_id)
    # a refused -o is said before anything is rendered or recorded
    path = documents.output_path(ws.root, order_file.parent, kind_name, fmt, output, supplier, shipment)
    if issue or revise:
        from gendan.commands.editing import edit_order
        from gendan.core.patch import Change
        from gendan.store.workspace import Loaded

        made: list[bytes] = []

        def record(draft_order) -> Change:
            loaded = Loaded(draft_order.order, draft_order.folder, draft_order.path)
            data, planned = documents.make(
                kind_name, fmt, loaded, ws, today, supplier, draft, audience, issue, revise, shipment
            )
            made.append(data)
            patch = Patch().append("documents", planned.record) if planned and planned.record else Patch()
            return Change(patch, planned.message if planned else "", words=(planned.words,) if planned else ())

        with documents.issue_lock(ws):  # one issuer at a time: a number is never given twice
            edit_order(ws, order_id, record)
        data = made[0]
    else:
        data, planned = documents.make(
            kind_name, fmt, ws.load(order_file), ws, today, supplier, draft, audience, shipment=shipment
        )
        if planned is not None:
            options.echo(options.say(ctx, ws.config, (planned.message, planned.words)))
    write_file(path, data)
    from gendan.render.i18n import Words, language_of

    options.echo(options.words(ctx, ws.config)("wrote {path}", path=display(path)))


def _configured_language(ctx) -> str:
    """gendan.yaml's `language`, or English outside a workspace."""
    from gendan.core.errors import GendanError

    try:
        return ctx.obj.workspace().config.language
    except GendanError:
        return "en"


def _template_words(w, template: str) -> str:
    """A template's name with the listing's English notes said in the language."""
    for note in (" (printed by WeasyPrint)", "(built in code: gendan/render/xlsxdoc.py)"):
        if note in template:
            return template.replace(note, w(note.strip()))
    return template
