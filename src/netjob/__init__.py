"""netjob: a daily coach for a networking-first job search."""

__version__ = "0.1.0"
