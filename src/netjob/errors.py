"""The one exception family that carries messages meant for the user.

Services raise these; the CLI prints the message as one line on stderr and
exits with status 1. Anything else escaping a command is a bug.
"""


class NetjobError(Exception):
    """A problem the user can act on. ``str(error)`` is the whole message."""


class NotFound(NetjobError):
    """No company, contact or item matches what the user typed."""


class Ambiguous(NetjobError):
    """Several records match; the message lists them with their ids."""


class InvalidInput(NetjobError):
    """A value that cannot be accepted (date, score, email, URL...)."""


class Conflict(NetjobError):
    """The change would clash with what is stored (a duplicate, a dependant row)."""


class DatabaseProblem(NetjobError):
    """The database file cannot be used as it is (foreign, newer, unreadable)."""
