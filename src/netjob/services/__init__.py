"""Domain operations over a :class:`netjob.db.store.Store`.

Functions are keyword-only, raise :class:`netjob.errors.NetjobError` with a
message a person can act on, and never print.
"""
