"""The coach: the items of a day worked out from the log (`next` and every view of it),
the per-contact summaries it reads, and the numbers and marks the user gives items."""
