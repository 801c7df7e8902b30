"""Files: strict YAML reading, atomic writes, the workspace, the parse cache, the one editor of
order files, git history."""
