from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options


@click.command(epilog="Examples: gendan site -o public · gendan site -o /srv/www/orders  (then open public/index.html)")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the pages into (new, empty, or an earlier site).",
)
@options.as_of
@click.pass_context
def site(ctx: click.Context, output: Path, as_of) -> None:
    """Write static status pages (pipeline, orders, customer folders) and calendar feeds per owner."""
    from gendan.render import i18n
    from gendan.render import site as domain
    from gendan.render.i18n import Words
    from gendan.store.paths import display

    ws = ctx.obj.workspace()
    from gendan.commands.progress import terminal

    lang = i18n.language_of(ctx.obj.lang, ws.config.language)
    result = domain.build(ws, output, options.today(ctx, as_of), lang, progress=terminal())
    options.echo(
        Words(lang).said(
            f"wrote {len(result.pages)} pages, {len(result.feeds)} calendar feeds and {len(result.files)} documents "
            f"to {display(output)}; open {display(output / 'index.html')}",
            "wrote {pages} pages, {feeds} calendar feeds and {files} documents to {folder}; open {index}",
            pages=len(result.pages),
            feeds=len(result.feeds),
            files=len(result.files),
            folder=display(output),
            index=display(output / "index.html"),
        )
    )
    from gendan.core.text import one_line

    for name, folder in sorted(result.customers.items()):  # a customer's name on its own line
        options.echo(f"  {one_line(name)}: {display(output / 'customers' / folder)}/")
    for problem in result.problems:  # what the pages leave out, located (as the reports do)
        options.echo(str(problem), err=True)
    if result.problems:
        ctx.exit(1)
