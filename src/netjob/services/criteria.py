"""Your own criteria for a company ("you interview the company too") and fit scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from netjob.db.store import Store
from netjob.engine import names, validate
from netjob.errors import Conflict, InvalidInput, NotFound
from netjob.services import resolve


@dataclass(frozen=True, slots=True)
class Criterion:
    id: int
    name: str
    weight: int
    scores: int

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def _key(name: str) -> str:
    return names.person_key(name)


def list_criteria(store: Store) -> list[Criterion]:
    return [
        Criterion(r["id"], r["name"], r["weight"], r["n"])
        for r in store.rows(
            "SELECT c.id, c.name, c.weight, COUNT(f.id) AS n FROM criterion c "
            "LEFT JOIN fit_score f ON f.criterion_id = c.id "
            "GROUP BY c.id, c.name, c.weight ORDER BY c.weight DESC, c.name_key"
        )
    ]


def add(store: Store, *, name: str, weight: int) -> Criterion:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A criterion needs a name.")
    validate.score(weight, field="The weight", low=1, high=5)
    with store.transaction():
        existing = store.row(
            "SELECT id, weight FROM criterion WHERE name_key = :k", {"k": _key(name)}
        )
        if existing is not None:
            raise Conflict(
                f"'{name}' is already a criterion (weight {existing['weight']}); change its "
                f"weight with `netjob criteria weight '{name}' N`."
            )
        store.insert("criterion", {"name": name, "name_key": _key(name), "weight": weight})
    return next(c for c in list_criteria(store) if c.name == name)


def set_weight(store: Store, *, name: str, weight: int) -> Criterion:
    validate.score(weight, field="The weight", low=1, high=5)
    with store.transaction():
        found = resolve_criterion(store, name)
        store.execute("UPDATE criterion SET weight = :w WHERE id = :id", {"w": weight, "id": found})
    return next(c for c in list_criteria(store) if c.id == found)


def remove(store: Store, *, name: str) -> Criterion:
    with store.transaction():
        found = next(c for c in list_criteria(store) if c.id == resolve_criterion(store, name))
        store.execute("DELETE FROM criterion WHERE id = :id", {"id": found.id})
    return found


def resolve_criterion(store: Store, name: str) -> int:
    key = _key(name)
    rows = store.rows("SELECT id, name, name_key FROM criterion ORDER BY name_key")
    exact = [r for r in rows if r["name_key"] == key]
    prefix = exact or [r for r in rows if key and r["name_key"].startswith(key)]
    if len(prefix) == 1:
        return int(prefix[0]["id"])
    if len(prefix) > 1:
        listed = ", ".join(f"'{r['name']}'" for r in prefix)
        raise InvalidInput(f"'{name}' matches several criteria: {listed}.")
    hint = names.did_you_mean(names.suggestions(name, [r["name"] for r in rows]))
    known = ", ".join(r["name"] for r in rows) or "none yet"
    raise NotFound(
        f"No criterion named '{name}'.{hint or f' Your criteria: {known}.'} "
        "Add one with `netjob criteria add NAME --weight 1-5`."
    )


def record_scores(
    store: Store,
    *,
    company_id: int,
    ratings: list[str],
    red_flags: list[str],
    on: date,
    entry_id: int | None,
) -> None:
    """Store ratings ('culture=4') and red flags inside the caller's transaction."""
    for text in ratings:
        name, score = validate.rating(text)
        store.insert(
            "fit_score",
            {
                "company_id": company_id,
                "criterion_id": resolve_criterion(store, name),
                "score": score,
                "scored_on": on,
                "interaction_id": entry_id,
            },
        )
    for flag in red_flags:
        cleaned = validate.text(flag)
        if cleaned is None:
            raise InvalidInput("A red flag cannot be empty.")
        store.insert(
            "red_flag",
            {"company_id": company_id, "text": cleaned, "noted_on": on, "interaction_id": entry_id},
        )


def rate(
    store: Store, *, company: str, ratings: list[str], red_flags: list[str], on: date
) -> dict[str, Any]:
    if not ratings and not red_flags:
        raise InvalidInput("Give at least one CRITERION=SCORE or --red-flag TEXT.")
    with store.transaction():
        ref = resolve.company(store, company)
        record_scores(
            store, company_id=ref.id, ratings=ratings, red_flags=red_flags, on=on, entry_id=None
        )
    return fit(store, ref.id)


def fit(store: Store, company_id: int) -> dict[str, Any]:
    """Weighted mean of the latest score per criterion, with where each came from."""
    found = fit_all(store, company_id=company_id)
    if company_id in found:
        return found[company_id]
    return _summary({}, [], store.rows(_CRITERIA_SQL))


_CRITERIA_SQL = "SELECT id, name FROM criterion ORDER BY weight DESC, name_key"


def fit_all(store: Store, *, company_id: int | None = None) -> dict[int, dict[str, Any]]:
    """The fit of every company with scores or red flags (or of one), in three queries."""
    only = "WHERE f.company_id = :id" if company_id is not None else ""
    params = {"id": company_id} if company_id is not None else {}
    latest: dict[int, dict[int, Any]] = {}
    for r in store.rows(
        "SELECT f.company_id, f.criterion_id, c.name, c.weight, f.score, f.scored_on, "
        "f.interaction_id FROM fit_score f JOIN criterion c ON c.id = f.criterion_id "
        f"{only} ORDER BY f.scored_on DESC, f.id DESC",
        params,
    ):
        latest.setdefault(r["company_id"], {}).setdefault(r["criterion_id"], r)
    flags: dict[int, list[dict[str, Any]]] = {}
    for r in store.rows(
        "SELECT company_id, text, noted_on, interaction_id FROM red_flag f "
        f"{only} ORDER BY noted_on, id",
        params,
    ):
        flags.setdefault(r["company_id"], []).append(
            {"text": r["text"], "noted_on": r["noted_on"], "chat_id": r["interaction_id"]}
        )
    criteria = store.rows(_CRITERIA_SQL)
    return {
        cid: _summary(latest.get(cid, {}), flags.get(cid, []), criteria)
        for cid in set(latest) | set(flags)
    }


def _summary(
    latest: dict[int, Any], flags: list[dict[str, Any]], criteria: list[Any]
) -> dict[str, Any]:
    scored = [
        {
            "criterion": r["name"],
            "weight": r["weight"],
            "score": r["score"],
            "scored_on": r["scored_on"],
            "chat_id": r["interaction_id"],
        }
        for r in sorted(latest.values(), key=lambda r: (-r["weight"], r["name"]))
    ]
    total_weight = sum(c["weight"] for c in scored)
    score = (
        round(sum(c["weight"] * c["score"] for c in scored) / total_weight, 2)
        if total_weight
        else None
    )
    chats = {c["chat_id"] for c in scored if c["chat_id"] is not None}
    unscored = [r["name"] for r in criteria if r["id"] not in latest]
    return {
        "score": score,
        "criteria": scored,
        "chats": len(chats),
        "red_flags": flags,
        "unscored": unscored,
    }
