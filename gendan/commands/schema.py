from __future__ import annotations

from pathlib import Path

import click

from gendan.commands import options


@click.command(epilog="Example: gendan schema -o order.schema.json")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of order.yaml (draft-07, for editors and CI)."""
    from gendan.store.paths import output_file, write_file
    from gendan.store.schema import schema_text

    text = schema_text()
    if output is None:
        options.echo(text, nl=False)
    else:
        write_file(output_file(output, f"-o {output}"), text.encode("utf-8"))
