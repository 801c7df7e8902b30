"""What the reports compute over many orders: facts, overdue, status, summaries, what-if."""
