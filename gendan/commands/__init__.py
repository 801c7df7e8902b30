"""One module per command; each parses its options, calls the domain, prints."""
