"""The command line: parse, resolve names, call one service, render.

Each module registers its commands on :data:`netjob.cli.base.app` when imported.
"""

from netjob.cli import journal, records, system
from netjob.cli.base import app, main

__all__ = ["app", "journal", "main", "records", "system"]
