"""Everything that turns results into output: tables, documents, workbooks, the site, mail."""
