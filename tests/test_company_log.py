"""The per-company days the funnel counts employers by (``company_log``), lived through the
days: kept current by every write that can move them, equal to counting from the stage
history itself, and counted without visiting every company."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

import pytest

from netjob.services import derived
from netjob.services.database import open_store
from netjob.store import Store
from tests.conftest import Run

# The like-for-like sentence as counted before company_log: from the stage history itself,
# an EXISTS a company (the reference the stored days must agree with).
_REFERENCE = (
    "SELECT COUNT(*) AS employers, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "
    "stage_event s WHERE s.company_id = c.id AND s.stage IN ('interviewing', 'offer', "
    "'accepted') AND s.occurred_on >= :since) THEN 1 ELSE 0 END), 0) AS interviews "
    "FROM company c WHERE EXISTS (SELECT 1 FROM contact k JOIN stage_event s ON "
    "s.contact_id = k.id WHERE k.company_id = c.id AND s.stage IN ('contacted', 'replied', "
    "'chatted', 'referred') AND s.occurred_on >= :since)"
)


def _store() -> Store:
    return open_store(os.environ["NETJOB_DB"])


def counted_from_history(store: Store, since: date | None = None) -> tuple[int, int]:
    row = store.rows(_REFERENCE, {"since": since or date.min})[0]
    return int(row["employers"]), int(row["interviews"])


def stored_rows(store: Store) -> list[tuple[Any, ...]]:
    return [
        (r["company_id"], str(r["networked_on"]), str(r["interview_on"]))
        for r in store.rows(
            "SELECT company_id, networked_on, interview_on FROM company_log ORDER BY company_id"
        )
    ]


class _Discard(Exception):
    pass


def recomputed_rows(store: Store) -> list[tuple[Any, ...]]:
    """The rows a full recomputation writes (rolled back: the stored ones stay)."""
    found: list[tuple[Any, ...]] = []
    try:
        with store.transaction(journal=False):
            derived.write_company_log(store, None)
            found = stored_rows(store)
            raise _Discard
    except _Discard:
        pass
    return found


def _networked(run: Run, *since: str) -> tuple[int, int]:
    extra = ("--since", since[0]) if since else ()
    found = json.loads(run("funnel", *extra, "--json", ok=True).stdout)["networked"]
    return found["employers"], found["interviews"]


def _sentence(run: Run) -> str:
    out = " ".join(run("funnel", ok=True).stdout.split())
    start = out.find("Interviews at")
    return out[start : out.index(")", start) + 1] if start >= 0 else ""


def test_networked_employers_follow_every_write_through_the_days(
    run: Run, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Acme (Jane Doe, Sam Lee), Globex (Jane Roe), Initech (nobody), Bob Stone (no
    company): each step on its own day, the funnel's counts after it."""

    def on(day: str, *args: str) -> None:
        monkeypatch.setenv("NETJOB_TODAY", day)
        run(*args, ok=True)

    def check(expected: tuple[int, int], *since: str) -> None:
        assert _networked(run, *since) == expected, since
        store = _store()
        try:
            low = date.fromisoformat(since[0]) if since else None
            assert counted_from_history(store, low) == expected, since
            assert stored_rows(store) == recomputed_rows(store)
        finally:
            store.close()

    check((0, 0))
    on("2026-11-02", "log", "outreach", "Jane Roe", "--on", "2026-11-02")
    check((1, 0))
    assert _sentence(run) == "Interviews at 0 of 1 employer you networked into (0%)"
    on("2026-11-03", "log", "outreach", "Jane Doe", "--on", "2026-11-03")
    on("2026-11-05", "log", "apply", "acme", "--on", "2026-11-05")
    check((2, 0))
    on("2026-11-09", "log", "stage", "acme", "interviewing", "--on", "2026-11-09")
    check((2, 1))
    check((1, 1), "2026-11-03")  # Globex's only step was on the 2nd
    check((0, 0), "2026-11-04")  # Acme's interview is later, but nobody was written to since
    # Jane Roe moves to Initech: Globex is no longer networked into, Initech is.
    on("2026-11-10", "edit", "contact", "Jane Roe", "--company", "Initech")
    check((2, 1))
    store = _store()
    try:
        networked = {
            r["name"]
            for r in store.rows(
                "SELECT c.name FROM company_log l JOIN company c ON c.id = l.company_id "
                "WHERE l.networked_on IS NOT NULL"
            )
        }
    finally:
        store.close()
    assert networked == {"Acme Inc.", "Initech"}
    on("2026-11-11", "log", "apply", "initech", "--on", "2026-11-11")
    on("2026-11-12", "log", "stage", "initech", "interviewing", "--on", "2026-11-12")
    check((2, 2))
    assert _sentence(run) == "Interviews at 2 of 2 employers you networked into (100%)"
    check((0, 0), "2026-11-13")
    on("2026-11-13", "log", "reply", "Jane Roe", "--on", "2026-11-13")
    check((1, 0), "2026-11-13")  # a reply since; Initech's interview was before
    on("2026-11-13", "undo", "--yes")  # the reply
    check((0, 0), "2026-11-13")
    on("2026-11-13", "undo", "--yes")  # Initech's interview
    check((2, 1))
    on("2026-11-13", "undo", "--yes")  # Initech's application
    on("2026-11-13", "undo", "--yes")  # Jane Roe's move: back at Globex
    check((2, 1))
    on("2026-11-16", "log", "outreach", "Sam Lee", "--on", "2026-11-16")
    on("2026-11-17", "remove", "contact", "Jane Doe", "--yes")
    check((2, 1))  # Acme is still networked into through Sam Lee
    check((1, 0), "2026-11-16")  # the interview was before
    on("2026-11-17", "remove", "contact", "Sam Lee", "--yes")
    check((1, 0))  # nobody at Acme was written to any more
    on("2026-11-18", "undo", "--yes")
    on("2026-11-18", "undo", "--yes")
    check((2, 1))
    on("2026-11-19", "remove", "company", "Globex", "--cascade", "--yes")
    check((1, 1))
    on("2026-11-19", "edit", "company", "Acme", "--status", "closed")
    check((1, 1))  # an interview stays an interview when the company closes
    on("2026-11-20", "remove", "company", "Acme", "--cascade", "--yes")
    check((0, 0))
    assert _sentence(run) == ""
    on("2026-11-20", "undo", "--yes")
    check((1, 1))


def test_imports_fill_the_stored_days(run: Run, sample: None, tmp_path: Any) -> None:
    """A JSON export carries the rows; a redacted one leaves them out and the import
    recomputes them."""
    run("log", "outreach", "Jane Doe", "--on", "2026-11-02", ok=True)
    run("log", "apply", "acme", "--on", "2026-11-05", ok=True)
    run("log", "stage", "acme", "offer", "--on", "2026-11-09", ok=True)
    run("log", "outreach", "Jane Roe", "--on", "2026-11-03", ok=True)
    assert _networked(run) == (2, 1)
    for redact in ((), ("--redact",)):
        out = tmp_path / f"export{len(redact)}.json"
        run("export", "json", *redact, "-o", str(out), ok=True)
        target = tmp_path / f"new{len(redact)}.db"
        run("--db", str(target), "import", "json", str(out), ok=True)
        found = json.loads(run("--db", str(target), "funnel", "--json", ok=True).stdout)
        assert found["networked"] == {"employers": 2, "interviews": 1, "interview_rate": 0.5}
        store = open_store(target)
        try:
            assert stored_rows(store) == [
                (1, "2026-11-02", "2026-11-09"),
                (2, "2026-11-03", "None"),
            ]
        finally:
            store.close()
