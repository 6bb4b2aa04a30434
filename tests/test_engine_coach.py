"""Each rule of `netjob next` at its boundaries, with a fixed today."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netjob.engine import model, ranking, rules
from netjob.engine import settings as defs
from netjob.engine import standing as states
from netjob.engine.contact_log import LogEntry, summarize

D = date.fromisoformat
FRI = D("2026-11-20")

_ids = iter(range(1, 100000))


def entry(kind: str, on: str, status: str | None = None, at: str | None = None) -> LogEntry:
    return LogEntry(next(_ids), kind, D(on), status, at)


def person(
    cid: int,
    name: str,
    company_id: int | None = 1,
    *entries: LogEntry,
    how: str | None = "cold",
    referred_by: str | None = None,
    lead: bool = False,
    cadence: int | None = None,
    ask: bool = False,
    created: str = "2026-11-02",
    acted: str | None = None,
    advice: str | None = None,
) -> model.ContactFacts:
    return model.ContactFacts(
        id=cid,
        name=name,
        company_id=company_id,
        how=how,
        referred_by=referred_by,
        is_lead=lead,
        cadence_days=cadence,
        ask_referral=ask,
        created_on=D(created),
        log=summarize(entries, [D(acted)] if acted else []),
        advice=advice,
    )


ACME = model.CompanyFacts(1, "Acme", "active", 1, 3, 2, 2)
GLOBEX = model.CompanyFacts(2, "Globex", "active", 2, 3, 1, 1)


def make(
    today: str | date,
    contacts: list[model.ContactFacts],
    companies: list[model.CompanyFacts] | None = None,
    holidays: frozenset[date] = frozenset(),
    reminders: list[model.ReminderFacts] | None = None,
    **settings: int,
) -> model.Facts:
    values = defs.numbers({})
    values.update(settings)
    counts = Counter(c.company_id for c in contacts)
    companies = [
        replace(c, contacts=counts[c.id])
        for c in (companies if companies is not None else [ACME, GLOBEX])
    ]
    return model.Facts(
        today=D(today) if isinstance(today, str) else today,
        companies=companies,
        contacts=contacts,
        reminders=reminders or [],
        settings=values,
        holidays=holidays,
    )


def listed(facts: model.Facts, *rules: str) -> list[tuple[str, str, int]]:
    """(rule, subject, overdue days) of the visible items, optionally of some rules only."""
    return [
        (i.rule, i.subject, i.overdue_days)
        for i in ranking.daily_list(facts)
        if not rules or i.rule in rules
    ]


# ---------------------------------------------------------------- rule 1: reply


def test_reply_is_owed_from_the_reply_day_and_due_next_business_day() -> None:
    jane = person(1, "Jane", 1, entry("outreach", "2026-11-16"), entry("reply", "2026-11-20"))
    assert listed(make("2026-11-19", [jane]), "reply") == []
    assert listed(make("2026-11-20", [jane]), "reply") == [("reply", "Jane", -3)]  # due Mon
    assert listed(make("2026-11-23", [jane]), "reply") == [("reply", "Jane", 0)]
    assert listed(make("2026-11-24", [jane]), "reply") == [("reply", "Jane", 1)]
    item = ranking.daily_list(make("2026-11-20", [jane]))[0]
    assert item.due == D("2026-11-23")
    assert item.reason.startswith("Jane replied on Fri 20 Nov and has not heard back")
    assert item.command == 'netjob log update "Jane" --note "sent times for a chat"'


def test_a_later_message_or_a_chat_settles_the_reply() -> None:
    reply = entry("reply", "2026-11-18")
    answered = person(
        1, "Jane", 1, entry("outreach", "2026-11-16"), reply, entry("follow_up", "2026-11-18")
    )
    scheduled = person(
        2,
        "Sam",
        1,
        entry("outreach", "2026-11-16"),
        entry("reply", "2026-11-18"),
        entry("chat", "2026-11-25", "scheduled", "10:00"),
    )
    same_day_before = person(
        3, "Ida", 2, entry("outreach", "2026-11-18"), entry("reply", "2026-11-18")
    )
    found = listed(make(FRI, [answered, scheduled, same_day_before]), "reply")
    assert found == [("reply", "Ida", 1)]


# ---------------------------------------------------------------- rule 2: thanks


def test_thanks_due_within_24_hours_then_overdue() -> None:
    jane = person(1, "Jane", 1, entry("chat", "2026-11-18", "held"))
    assert listed(make("2026-11-17", [jane]), "thanks") == []
    assert listed(make("2026-11-18", [jane]), "thanks") == [("thanks", "Jane", -1)]
    assert listed(make("2026-11-19", [jane]), "thanks") == [("thanks", "Jane", 0)]
    assert listed(make("2026-11-20", [jane]), "thanks") == [("thanks", "Jane", 1)]
    thanked = person(
        1, "Jane", 1, entry("chat", "2026-11-18", "held"), entry("thanks", "2026-11-18")
    )
    assert listed(make(FRI, [thanked]), "thanks") == []


# ---------------------------------------------------------------- rule 3: prepare


def test_prepare_from_the_business_day_before_to_the_day_of_a_chat() -> None:
    jane = person(1, "Jane", 1, entry("chat", "2026-11-23", "scheduled", "10:00"))  # a Monday
    assert listed(make("2026-11-19", [jane]), "prepare") == []
    assert listed(make("2026-11-20", [jane]), "prepare") == [("prepare", "Jane", -3)]  # Friday
    assert listed(make("2026-11-22", [jane]), "prepare") == [("prepare", "Jane", -1)]
    assert listed(make("2026-11-23", [jane]), "prepare") == [("prepare", "Jane", 0)]
    friday_off = frozenset({D("2026-11-20")})  # a holiday: from Thursday
    assert listed(make("2026-11-19", [jane], holidays=friday_off), "prepare") == [
        ("prepare", "Jane", -4)
    ]
    assert listed(make("2026-11-18", [jane], holidays=friday_off), "prepare") == []
    item = ranking.daily_list(make("2026-11-22", [jane]))[0]
    assert item.action == "Prepare for your chat with Jane on Mon 23 Nov at 10:00"
    assert item.details[0] == "Trends: What trend is most affecting your business right now?"
    assert listed(make("2026-11-24", [jane]), "prepare", "chat-done") == [("chat-done", "Jane", 0)]


# ---------------------------------------------------------------- rule 4: 3B7


def test_3b_second_contact_appears_wednesday_after_a_friday_outreach() -> None:
    a = person(1, "Ann", 1, entry("outreach", "2026-11-20"))
    b = person(2, "Ben", 1, how="alumni")
    c = person(3, "Cy", 1, how="cold")
    people = [a, b, c]
    assert listed(make("2026-11-24", people), "3b-second-contact") == []  # Tuesday
    assert listed(make("2026-11-25", people), "3b-second-contact") == [
        ("3b-second-contact", "Ben", 0),
    ]
    item = ranking.daily_list(make("2026-11-25", people))[0]
    assert item.reason == (
        "No reply from anyone at Acme since you wrote to Ann on Fri 20 Nov — 3 business days"
    )
    assert item.command == 'netjob log outreach "Ben"'


def test_a_holiday_pushes_the_3b_timer() -> None:
    a = person(
        1,
        "Ann",
        1,
        entry("outreach", "2026-11-24"),
    )
    b = person(2, "Ben", 1)
    thanksgiving = frozenset({D("2026-11-26")})
    assert listed(make("2026-11-27", [a, b]), "3b-second-contact") == [
        ("3b-second-contact", "Ben", 0)
    ]
    assert listed(make("2026-11-27", [a, b], holidays=thanksgiving), "3b-second-contact") == []
    assert listed(make("2026-11-30", [a, b], holidays=thanksgiving), "3b-second-contact") == [
        ("3b-second-contact", "Ben", 0)
    ]


def test_3b_without_a_candidate_asks_to_find_one() -> None:
    a = person(1, "Ann", 1, entry("outreach", "2026-11-20"))
    found = ranking.daily_list(make("2026-11-25", [a]))
    second = [i for i in found if i.rule == "3b-second-contact"]
    assert [(i.subject, i.action) for i in second] == [
        ("Acme", "Find a second person to write to at Acme")
    ]


def test_7b_follow_up_after_seven_business_days_then_unresponsive() -> None:
    a = person(1, "Ann", 2, entry("outreach", "2026-11-20"))
    assert listed(make("2026-11-30", [a]), "7b-follow-up") == []
    assert listed(make("2026-12-01", [a]), "7b-follow-up") == [("7b-follow-up", "Ann", 0)]
    assert (
        listed(make("2026-12-01", [a], holidays=frozenset({D("2026-11-26")})), "7b-follow-up") == []
    )
    followed = person(
        1, "Ann", 2, entry("outreach", "2026-11-20"), entry("follow_up", "2026-12-01")
    )
    assert listed(make("2026-12-02", [followed]), "7b-follow-up") == []

    def state(day: str) -> str:
        return states.person_state(followed.log, D(day), unresponsive_days=7, holidays=())

    assert state("2026-12-09") == states.FOLLOWED_UP
    assert state("2026-12-10") == states.UNRESPONSIVE


def test_any_reply_at_the_company_cancels_its_timers() -> None:
    a = person(1, "Ann", 1, entry("outreach", "2026-11-10"))
    b = person(2, "Ben", 1, entry("outreach", "2026-11-12"), entry("reply", "2026-11-13"))
    c = person(3, "Cy", 1)
    found = listed(make(FRI, [a, b, c]), "3b-second-contact", "7b-follow-up")
    assert found == []


def test_3b_is_serial_the_latest_first_outreach_starts_the_window() -> None:
    a = person(1, "Ann", 1, entry("outreach", "2026-11-10"))
    b = person(2, "Ben", 1, entry("outreach", "2026-11-18"))
    c = person(3, "Cy", 1)
    assert listed(make(FRI, [a, b, c]), "3b-second-contact", "write") == []
    assert listed(make("2026-11-23", [a, b, c]), "3b-second-contact") == [
        ("3b-second-contact", "Cy", 0)
    ]


# ---------------------------------------------------------------- rules 5-7


def test_a_lead_opens_with_the_referrer() -> None:
    kim = person(4, "Kim", 2, how="referral", referred_by="Jane", lead=True, created="2026-11-19")
    item = ranking.daily_list(make(FRI, [kim]))[0]
    assert (item.rule, item.overdue_days) == ("lead", 1)
    assert item.action == 'Reach out to Kim: "Jane suggested I contact you..."'
    written = person(4, "Kim", 2, entry("outreach", "2026-11-20"), referred_by="Jane", lead=True)
    assert listed(make(FRI, [written]), "lead") == []


def test_report_back_after_acting_on_advice() -> None:
    jane = person(
        1,
        "Jane",
        1,
        entry("chat", "2026-11-10", "held"),
        entry("thanks", "2026-11-10"),
        acted="2026-11-18",
        advice="learn dbt",
    )
    item = next(i for i in ranking.daily_list(make(FRI, [jane])) if i.rule == "report-back")
    assert item.action == "Tell Jane you acted on their advice: learn dbt"
    assert item.overdue_days == 2
    told = person(
        1,
        "Jane",
        1,
        entry("chat", "2026-11-10", "held"),
        entry("update", "2026-11-19"),
        acted="2026-11-18",
    )
    assert listed(make(FRI, [told]), "report-back") == []


def test_referral_ask_a_week_after_the_chat_twice_at_most() -> None:
    chat = entry("chat", "2026-11-10", "held")
    jane = person(1, "Jane", 1, chat, ask=True)
    assert listed(make("2026-11-16", [jane]), "referral-ask") == []
    assert listed(make("2026-11-17", [jane]), "referral-ask") == [("referral-ask", "Jane", 0)]
    once = person(1, "Jane", 1, chat, entry("referral_ask", "2026-11-17"), ask=True)
    assert listed(make("2026-11-23", [once]), "referral-ask") == []
    item = next(
        i for i in ranking.daily_list(make("2026-11-24", [once])) if i.rule == "referral-ask"
    )
    assert item.action == "Ask Jane whether they would refer you (ask 2 of 2)"
    twice = person(
        1,
        "Jane",
        1,
        chat,
        entry("referral_ask", "2026-11-17"),
        entry("referral_ask", "2026-11-24"),
        ask=True,
    )
    assert listed(make("2026-12-20", [twice]), "referral-ask") == []
    referred = person(1, "Jane", 1, chat, entry("referral", "2026-11-12"), ask=True)
    assert listed(make("2026-11-20", [referred]), "referral-ask") == []
    unflagged = person(1, "Jane", 1, chat)
    assert listed(make("2026-11-20", [unflagged]), "referral-ask") == []


# ---------------------------------------------------------------- rule 8: keep in touch


def test_keep_in_touch_counts_from_the_last_touch() -> None:
    jane = person(
        1,
        "Jane",
        1,
        entry("chat", "2026-10-01", "held"),
        entry("thanks", "2026-10-02"),
        entry("update", "2026-10-20"),
    )
    assert listed(make("2026-11-18", [jane]), "keep-in-touch") == []
    assert listed(make("2026-11-19", [jane]), "keep-in-touch") == [("keep-in-touch", "Jane", 0)]
    fast = person(1, "Jane", 1, entry("chat", "2026-11-01", "held"), cadence=14)
    assert listed(make("2026-11-15", [fast]), "keep-in-touch") == [("keep-in-touch", "Jane", 0)]
    never = person(1, "Jane", 1, entry("chat", "2026-01-01", "held"), cadence=0)
    assert listed(make(FRI, [never]), "keep-in-touch") == []
    no_chat = person(1, "Jane", 1, entry("outreach", "2026-01-01"))
    assert listed(make(FRI, [no_chat]), "keep-in-touch") == []


# ---------------------------------------------------------------- rules 9-11


def test_pipeline_activates_the_next_companies_in_lamp_order() -> None:
    companies = [
        model.CompanyFacts(1, "Acme", "active", 1, 3, 2, 2),
        model.CompanyFacts(2, "Zeta", "backlog", 3, 2, 1, 0),
        model.CompanyFacts(3, "Beta", "backlog", 2, 3, 1, 0),
        model.CompanyFacts(4, "Gone", "closed", None, 3, 3, 0),
    ]
    a, b = person(1, "Ann", 1, entry("outreach", "2026-11-20")), person(2, "Ben", 1)
    found = listed(make(FRI, [a, b], companies, active_companies=3), "activate")
    assert found == [("activate", "Beta", 0), ("activate", "Zeta", 0)]


def test_find_contacts_and_write_one_new_person_per_company_per_day() -> None:
    a = person(1, "Ann", 1)
    b = person(2, "Ben", 1, how="alumni")
    g = person(3, "Gus", 2, entry("outreach", "2026-11-20"))
    g2 = person(4, "Gia", 2)
    found = listed(make(FRI, [a, b, g, g2], active_companies=2), "find-contacts", "write")
    # Acme: Ben (alumni) before Ann; Globex: someone was written to today, so nobody new.
    assert found == [("write", "Ben", 18)]
    alone = listed(make(FRI, [a], active_companies=2), "find-contacts")
    assert alone == [("find-contacts", "Acme", 0), ("find-contacts", "Globex", 0)]
    item = next(i for i in ranking.daily_list(make(FRI, [a, b, g, g2])) if i.rule == "write")
    assert item.command == 'netjob log outreach "Ben"'


def test_list_upkeep_and_reminders() -> None:
    companies = [ACME, model.CompanyFacts(2, "Hooli", "backlog", 2, 0, None, 0)]
    reminder = model.ReminderFacts(5, "Check the careers page", D("2026-11-20"), None, None, 1)
    later = model.ReminderFacts(6, "Later", D("2026-11-21"), None, None, 1)
    found = ranking.daily_list(
        make(FRI, [], companies, reminders=[reminder, later], active_companies=1)
    )
    assert [(i.rule, i.subject, i.action) for i in found] == [
        ("reminder", "Acme", "Check the careers page"),
        ("find-contacts", "Acme", "Find 2 more contacts at Acme"),
        ("unscored", "Hooli", "Score 1 employer with unknown motivation or posting: Hooli"),
        ("targets", "your list", "Add 38 more target employers"),
    ]


# ---------------------------------------------------------------- ranking


def test_rank_by_group_then_overdue_then_lamp() -> None:
    thanks_old = person(1, "Old", 2, entry("chat", "2026-11-10", "held"))
    thanks_new = person(2, "New", 1, entry("chat", "2026-11-19", "held"))
    reply = person(3, "Rep", 1, entry("outreach", "2026-11-17"), entry("reply", "2026-11-19"))
    # Written to after Old's chat at Globex: a thread of its own, with its own follow-up.
    follow = person(4, "Fol", 2, entry("outreach", "2026-11-11"))
    lead_acme = person(5, "LeadA", 1, referred_by="X", lead=True, created="2026-11-19")
    lead_globex = person(6, "LeadG", 2, referred_by="X", lead=True, created="2026-11-19")
    found = listed(
        make(FRI, [thanks_old, thanks_new, reply, follow, lead_globex, lead_acme]),
        "thanks",
        "reply",
        "7b-follow-up",
        "lead",
    )
    assert found == [
        ("thanks", "Old", 9),
        ("reply", "Rep", 0),
        ("thanks", "New", 0),
        ("7b-follow-up", "Fol", 0),
        ("lead", "LeadA", 1),
        ("lead", "LeadG", 1),
    ]  # a lead shows from the day it is logged, whatever the 3B timer at its employer
    top = ranking.daily_list(make(FRI, [thanks_old]))[0]
    assert top.terms["group"] == {"weight": 10000.0, "value": 1.0, "points": 10000.0}
    assert top.terms["lamp"]["value"] == 0.5  # Globex is #2 of 2
    assert top.score == round(10000 + 100 * 10 / 59 + 1 * 0.5, 2)


def test_hidden_keys_stay_out() -> None:
    jane = person(1, "Jane", 1, entry("chat", "2026-11-18", "held"))
    keys = [i.key for i in ranking.daily_list(make(FRI, [jane]))]
    assert keys[0].startswith("thanks:1:")
    assert [i.key for i in ranking.daily_list(make(FRI, [jane]), hidden={keys[0]})] == keys[1:]


def test_empty_day_suggests_the_best_next_move() -> None:
    companies = [model.CompanyFacts(1, "Acme", "active", 1, 3, 2, 0)]
    assert rules.best_next_move(make(FRI, [], companies)) == (
        'Acme is #1 on your list and has no contacts yet: netjob add contact NAME --company "Acme"'
    )
    assert rules.best_next_move(make(FRI, [], [])).startswith("Add your first target employer")


KINDS = st.sampled_from(["outreach", "follow_up", "reply", "update", "thanks", "note"])
LOGS = st.lists(
    st.lists(st.tuples(KINDS, st.integers(min_value=0, max_value=40)), min_size=0, max_size=6),
    min_size=1,
    max_size=4,
)


def _people(logs: list[list[tuple[str, int]]], start: date) -> list[model.ContactFacts]:
    found = []
    for n, log in enumerate(logs, 1):
        entries = [
            LogEntry(n * 100 + i, kind, start + timedelta(days=offset))
            for i, (kind, offset) in enumerate(log)
        ]
        found.append(person(n, f"P{n}", 1, *entries))
    return found


@settings(max_examples=200, deadline=None)
@given(logs=LOGS, days=st.integers(min_value=0, max_value=60))
def test_a_reply_cancels_the_3b7_items_of_the_threads_begun_before_it(
    logs: list[list[tuple[str, int]]], days: int
) -> None:
    """METHOD section 7: the first time anyone at an employer is heard from, no second
    person there, and the threads begun before it lose their follow-ups; one begun after
    it (to a name you were given) keeps its own."""
    start = D("2026-10-01")
    people = _people(logs, start)
    last = max([start, *(p.log.last_out.on for p in people if p.log.last_out)])
    replied = [
        *people[:-1],
        person(
            people[-1].id,
            people[-1].name,
            1,
            *[LogEntry(9000 + i, "outreach", start) for i in range(1)],
            LogEntry(99999, "reply", last),
        ),
    ]
    today = last + timedelta(days=days)
    rules = {"3b-second-contact", "7b-follow-up"}
    facts = make(today, replied)
    first = facts.first_heard_at(1)
    assert first is not None
    found = [i for i in ranking.daily_list(facts) if i.rule in rules and i.company_id == 1]
    assert [i for i in found if i.rule == "3b-second-contact"] == []
    for item in found:
        begun = next(p.log.first_out for p in replied if p.id == item.contact_id)
        assert begun is not None and begun > first


@settings(max_examples=200, deadline=None)
@given(logs=LOGS, days=st.integers(min_value=0, max_value=60), pick=st.integers(0, 50))
def test_a_hidden_item_never_appears(
    logs: list[list[tuple[str, int]]], days: int, pick: int
) -> None:
    facts = make(D("2026-10-01") + timedelta(days=days), _people(logs, D("2026-10-01")))
    shown = ranking.daily_list(facts)
    if not shown:
        return
    hidden = shown[pick % len(shown)].key
    again = ranking.daily_list(facts, hidden={hidden})
    assert hidden not in {i.key for i in again}
    assert len(again) == len(shown) - 1
