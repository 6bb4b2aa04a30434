"""Human (Rich) and machine (JSON) views of what services return.

The package's public face: the CLI calls ``render.foo(...)``; the code lives in
one module a job. :mod:`~netjob.render.console` holds the consoles, escaping
(:func:`safe`, :func:`md`) and messages; :mod:`~netjob.render.records` companies
and contacts; :mod:`~netjob.render.log` the timeline and the undo journal;
:mod:`~netjob.render.daily` the daily list and the weekly review;
:mod:`~netjob.render.reports` the pipeline, funnel and fit;
:mod:`~netjob.render.writing` the message check and the prep brief;
:mod:`~netjob.render.network` imports and `who`. Each is imported when a command first
uses one of its names, and none imports Rich until it draws.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each name and the module it lives in: a command imports only the modules it draws with
# (`next` needs the daily list, not the tables of the reports).
_WHERE = {
    "BOARD_ROWS": "reports",
    "checks": "writing",
    "companies_stream": "records",
    "companies_table": "records",
    "company_detail": "records",
    "contact_detail": "records",
    "contacts_stream": "records",
    "contacts_table": "records",
    "criteria_table": "records",
    "daily_list": "daily",
    "db_status": "records",
    "done": "console",
    "emit_json": "console",
    "entry_extras": "log",
    "err": "console",
    "error": "console",
    "fit": "reports",
    "fit_report": "reports",
    "funnel": "reports",
    "hint": "console",
    "history": "log",
    "import_summary": "network",
    "inbox_report": "network",
    "info": "console",
    "journal": "log",
    "md": "console",
    "more": "console",
    "next_hint": "daily",
    "out": "console",
    "pairs": "records",
    "pipeline": "reports",
    "pipeline_stream": "reports",
    "prep": "writing",
    "prep_markdown": "writing",
    "progress_reporter": "console",
    "safe": "console",
    "settings_table": "records",
    "stream": "console",
    "templates": "writing",
    "text": "console",
    "timeline": "log",
    "warn": "console",
    "week": "daily",
    "week_markdown": "daily",
    "who": "network",
    "who_targets": "network",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'netjob.render' has no attribute '{name}'")
    found = getattr(import_module(f"netjob.render.{module}"), name)
    globals()[name] = found
    return found


if TYPE_CHECKING:  # what a type checker and an editor see
    from netjob.render.console import (
        done,
        emit_json,
        err,
        error,
        hint,
        info,
        md,
        more,
        out,
        progress_reporter,
        safe,
        stream,
        text,
        warn,
    )
    from netjob.render.daily import daily_list, next_hint, week, week_markdown
    from netjob.render.log import entry_extras, history, journal, timeline
    from netjob.render.network import import_summary, inbox_report, who, who_targets
    from netjob.render.records import (
        companies_stream,
        companies_table,
        company_detail,
        contact_detail,
        contacts_stream,
        contacts_table,
        criteria_table,
        db_status,
        pairs,
        settings_table,
    )
    from netjob.render.reports import BOARD_ROWS, fit, fit_report, funnel, pipeline, pipeline_stream
    from netjob.render.writing import checks, prep, prep_markdown, templates

__all__ = [
    "BOARD_ROWS",
    "checks",
    "companies_stream",
    "companies_table",
    "company_detail",
    "contact_detail",
    "contacts_stream",
    "contacts_table",
    "criteria_table",
    "daily_list",
    "db_status",
    "done",
    "emit_json",
    "entry_extras",
    "err",
    "error",
    "fit",
    "fit_report",
    "funnel",
    "hint",
    "history",
    "import_summary",
    "inbox_report",
    "info",
    "journal",
    "md",
    "more",
    "next_hint",
    "out",
    "pairs",
    "pipeline",
    "pipeline_stream",
    "prep",
    "prep_markdown",
    "progress_reporter",
    "safe",
    "settings_table",
    "stream",
    "templates",
    "text",
    "timeline",
    "warn",
    "week",
    "week_markdown",
    "who",
    "who_targets",
]
