from __future__ import annotations

from netjob.engine.tiara import parse, template


def test_template_round_trips_to_empty() -> None:
    text = template("Jane Doe (Acme)", "2026-11-20")
    assert "TIARA notes for your chat with Jane Doe (Acme) on 2026-11-20" in text
    assert "If you were me, what would you do right now to prepare?" in text
    assert parse(text).empty


def test_parse_reads_items_under_headings_and_free_notes() -> None:
    notes = parse(
        "Warm and generous.\n"
        "trends:\n- AI tooling\n* consolidation\n"
        "Advice:\n  • learn dbt  \n\n"
        "Resources:\n- Locally Optimistic\n"
        "Notes:\nsuggested Sam Lee\n# ignored\n"
    )
    assert notes.items["trend"] == ["AI tooling", "consolidation"]
    assert notes.items["advice"] == ["learn dbt"]
    assert notes.items["resource"] == ["Locally Optimistic"]
    assert notes.items["insight"] == [] and notes.items["assignment"] == []
    assert notes.note == "Warm and generous.\nsuggested Sam Lee"
    assert not notes.empty
