"""The command line: parse, resolve names, call one service, render.

Each module registers its commands on :data:`netjob.cli.base.app` when imported.
"""

from netjob.cli import coach, inbox, journal, network, records, reports, system, writing
from netjob.cli.base import app, main

__all__ = [
    "app",
    "coach",
    "inbox",
    "journal",
    "main",
    "network",
    "records",
    "reports",
    "system",
    "writing",
]
