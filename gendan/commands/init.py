from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options


@click.command(epilog="Examples: gendan init · gendan init ~/orders · gendan init --ci gitlab")
@click.pass_context
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]")
@click.option(
    "--ci",
    type=click.Choice(("github", "gitlab", "gitea")),
    default="github",
    show_default=True,
    help="The git server whose pipeline to write: validate on push and merge request, "
    "a daily overdue --notify-owners, the status pages.",
)
def init(ctx: click.Context, folder: Path | None, ci: str) -> None:
    """Create a workspace: gendan.yaml with the defaults, .gitignore, order.schema.json."""
    from gendan.core.errors import said
    from gendan.store.paths import display
    from gendan.store.scaffold import init_workspace

    target = folder or Path.cwd()
    for path in init_workspace(target, ci):  # (no workspace yet: --lang or $GENDAN_LANG)
        options.echo(options.say(ctx, None, said(("wrote {path}", {"path": display(path)}))))
    options.echo(
        options.say(
            ctx, None, said(("next: edit gendan.yaml (company, people, holidays), then `gendan new ORDER-ID`", {}))
        )
    )
