"""The trade's rules as pure functions: gates, workflow, the T&A calendar, packing, AQL, amounts."""
