from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Examples: gendan validate · gendan validate SO-2026-0142 · gendan validate 2026/ --format json · "
    "gendan validate --format github   (in a GitHub Actions step: problems shown on the pull request's lines)"
)
@click.argument("targets", nargs=-1, metavar="[ORDER_OR_PATH]...", shell_complete=complete.orders_or_paths)
@options.as_of
@options.output_format("text", "json", "sarif", "github", "gitlab", default="text")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings (W codes) too.")
@click.pass_context
def validate(ctx: click.Context, targets: tuple[str, ...], as_of, fmt: str, strict: bool) -> None:
    """Check orders against the order format and the company's rules."""
    from gendan.core.errors import EXIT_FINDINGS, InvalidFile
    from gendan.domain.checks import order_files_for, validate_files
    from gendan.render.i18n import Words, language_of

    try:
        ws = ctx.obj.workspace()
    except InvalidFile as e:  # a broken gendan.yaml is itself a finding (its language unknown)
        _report(e.problems, 0, fmt, Words(language_of(ctx.obj.lang, "en")))
        ctx.exit(EXIT_FINDINGS)
    files = order_files_for(ws, list(targets))
    from gendan.commands.progress import terminal

    problems = validate_files(ws, files, options.today(ctx, as_of), everything=not targets, progress=terminal())
    # (with the configuration: the findings name its stages and milestones in the user's language)
    _report(problems, len(files), fmt, options.words(ctx, ws.config))
    failing = problems if strict else [p for p in problems if p.is_error]
    ctx.exit(EXIT_FINDINGS if failing else 0)


def _report(problems, checked: int, fmt: str, w) -> None:
    """Text (one `path:line:col: CODE message` a line, then a summary, in the user's language `w`),
    or a machine format: json, sarif, gitlab (one JSON document) or github (workflow commands, then
    the summary)."""
    from gendan.render.i18n import problem

    if fmt != "text":
        from gendan.render import annotations

        text = annotations.render(problems, checked, fmt)
        if text:
            options.echo(text)
        if fmt != "github":
            return
    else:
        for p in problems:
            options.echo(problem(w, p))
    errors = [p for p in problems if p.is_error]
    warned = len(problems) - len(errors)
    warnings = w.plural(warned, ", {n} warning", ", {n} warnings") if warned else ""
    files = len({p.path for p in errors})
    if errors:
        options.echo(
            w.said(
                f"{len(errors)} problem{'s' * (len(errors) != 1)} in {files} "
                f"file{'s' * (files != 1)} ({checked} order{'s' * (checked != 1)} checked{warnings})",
                "{errors} problems in {files} files ({n} orders checked{warnings})",
                errors=len(errors),
                files=files,
                n=checked,
                warnings=warnings,
            )
        )
    else:
        options.echo(w.plural(checked, "{n} order checked, no problems", "{n} orders checked, no problems") + warnings)
