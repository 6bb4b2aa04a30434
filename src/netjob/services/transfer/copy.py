"""`db copy`: a whole database into an empty one, on either backend, through the export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netjob.db.store import Store
from netjob.errors import DatabaseProblem
from netjob.services.transfer import TABLES


def copy(source: Store, target: Store, *, today: date) -> dict[str, dict[str, int]]:
    """Copy a whole database into an empty one (either backend), then compare row counts."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.json"
        with open(path, "w", encoding="utf-8") as out:
            from netjob.services.transfer.json_export import write_json

            write_json(source, out, today=today)
        from netjob.services.transfer.json_import import import_json

        import_json(target, path=path)
    counts = {
        table: {
            "source": int(source.value(f"SELECT COUNT(*) FROM {table}")),
            "target": int(target.value(f"SELECT COUNT(*) FROM {table}")),
        }
        for table in TABLES
    }
    differ = [t for t, c in counts.items() if c["source"] != c["target"]]
    if differ:
        raise DatabaseProblem(f"The copy differs in {', '.join(differ)}; check the target.")
    return counts
