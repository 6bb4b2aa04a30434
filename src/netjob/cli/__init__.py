"""The command line: parse, resolve names, call one service, render.

Each module registers its commands on :data:`netjob.cli.base.app` (or one of its
groups) when imported; `netjob --help` lists them in the order imported here.
"""

# isort: off
from netjob.cli import coach, network, inbox, log, chats, criteria, companies, contacts
from netjob.cli import entries, merge
from netjob.cli import reports, system, writing
from netjob.cli.base import app, main

# isort: on

__all__ = [
    "app",
    "chats",
    "coach",
    "companies",
    "contacts",
    "criteria",
    "entries",
    "inbox",
    "log",
    "main",
    "merge",
    "network",
    "reports",
    "system",
    "writing",
]
