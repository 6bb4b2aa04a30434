"""The six-point check of an outreach message (METHOD section 2), as pure functions.

A first message is short (under 75 words; a LinkedIn note fits 200 characters,
300 with premium), states the connection first, asks for insight and advice
(not a job), ends in a question, is more about them than you, and carries no
attachment or link. Each check returns a verdict that says why and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_WORDS = 75
LINKEDIN_CHARS = 200
LINKEDIN_PREMIUM_CHARS = 300

_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9'\u2019-]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.?!\n]{0,40}[,!]?$", re.I
)
_CLOSERS = re.compile(
    r"^(best|thanks|thank you|many thanks|cheers|regards|kind regards|warm regards|"
    r"sincerely|all the best|talk soon|warmly|-+)\b",
    re.I,
)
CONNECTION_MARKERS = (
    "alum",
    "alumni",
    "alumnus",
    "alumna",
    "fellow",
    "graduate",
    "classmate",
    "suggested",
    "recommended",
    "referred",
    "pointed me",
    "introduced",
    "introduction",
    "we met",
    "met you",
    "mutual",
    "both",
    "same",
    "also studied",
    "also worked",
    "worked together",
    "friend",
    "friend of",
    "connected on",
    "colleague",
    "former",
    "your talk",
    "your post",
    "your article",
    "your work on",
)
JOB_WORDS = (
    "job",
    "jobs",
    "position",
    "positions",
    "opening",
    "openings",
    "vacancy",
    "vacancies",
    "hiring",
    "hire me",
    "apply",
    "application",
    "résumé",
    "resume",
    "cv",
    "referral",
    "refer me",
    "role you're hiring",
    "role you are hiring",
)
LINK_WORDS = ("attached", "attachment", "attaching", "enclosed", "http://", "https://", "www.")
_LINK = re.compile(r"\b[\w-]+\.(com|org|net|io|co|dev|me)(/\S*)?\b", re.I)


@dataclass(frozen=True, slots=True)
class Verdict:
    check: str
    ok: bool
    detail: str
    fix: str | None = None


def body(text: str) -> str:
    """The message without greeting and sign-off lines (they don't count as content), and
    without the earlier messages it quotes (lines starting with '>')."""
    lines = [line.strip() for line in text.strip().splitlines()]
    lines = [line for line in lines if not line.startswith(">")]
    while lines and (not lines[0] or _GREETING.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1] or _closing(lines[-1])):
        lines.pop()
    return "\n".join(lines).strip()


def _closing(line: str) -> bool:
    """A sign-off line: a closer ('Best,'), or a short name line with no punctuation."""
    if _CLOSERS.match(line) and len(line.split()) <= 4 and "?" not in line:
        return True
    words = line.split()
    return 0 < len(words) <= 3 and not re.search(r"[?.!:;]", line) and line[:1].isupper()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _has(text: str, terms: tuple[str, ...]) -> list[str]:
    lowered = f" {text.casefold()} "
    found = []
    for term in terms:
        pattern = r"(?<![\w])" + re.escape(term) + r"(?![\w])"
        if re.search(pattern, lowered):
            found.append(term)
    return found


def check_length(text: str, channel: str = "email", premium: bool = False) -> Verdict:
    if channel == "linkedin":
        limit = LINKEDIN_PREMIUM_CHARS if premium else LINKEDIN_CHARS
        count = len(text.strip())
        ok = count <= limit
        return Verdict(
            "length",
            ok,
            f"{count} characters (LinkedIn note limit {limit})",
            None if ok else f"Cut {count - limit} characters: keep the connection and question.",
        )
    count = len(words(body(text)))
    ok = count < EMAIL_WORDS
    return Verdict(
        "length",
        ok,
        f"{count} words (under {EMAIL_WORDS} reads on a phone without scrolling)",
        None
        if ok
        else f"Cut at least {count - EMAIL_WORDS + 1} words: one line about you, one question.",
    )


def check_question(text: str) -> Verdict:
    content = body(text)
    ok = content.endswith("?")
    if ok:
        return Verdict("question", True, "ends with a question")
    has_question = "?" in content
    return Verdict(
        "question",
        False,
        "asks a question, but not at the end" if has_question else "asks no question",
        "End with one easy question, e.g. 'Would you have 20 minutes in the next two weeks to "
        "share your advice?'",
    )


def check_connection(text: str, first_message: bool = True) -> Verdict:
    if not first_message:
        return Verdict("connection", True, "a later message: the thread already says how")
    first = sentences(body(text))[:1]
    found = _has(first[0], CONNECTION_MARKERS) if first else []
    if found:
        return Verdict("connection", True, f"the first sentence states the connection ({found[0]})")
    return Verdict(
        "connection",
        False,
        "the first sentence does not say how you are connected",
        "Open with the link: 'Fellow Northwestern alum here', 'Priya Raman suggested I "
        "contact you', 'I enjoyed your talk on...'.",
    )


def check_job_words(text: str, first_message: bool = True) -> Verdict:
    found = _has(body(text), JOB_WORDS)
    if not found or not first_message:
        return Verdict("no-job-ask", True, "asks for insight, not a job")
    listed = ", ".join(f"'{w}'" for w in found)
    return Verdict(
        "no-job-ask",
        False,
        f"mentions {listed}",
        "Ask for insight and advice instead; a referral comes later, from someone who knows you.",
    )


def check_about_them(text: str) -> Verdict:
    tokens = [w.casefold() for w in words(body(text))]
    them = sum(t in {"you", "your", "yours", "you're", "you\u2019ve", "you've"} for t in tokens)
    me = sum(
        t in {"i", "me", "my", "mine", "i'm", "i\u2019m", "i've", "i\u2019d", "i'd"} for t in tokens
    )
    ok = them >= me
    return Verdict(
        "about-them",
        ok,
        f"{them} you/your against {me} I/me/my",
        None if ok else "Turn sentences about you into questions about them.",
    )


def check_no_links(text: str) -> Verdict:
    found = _has(text, LINK_WORDS) + [m.group(0) for m in _LINK.finditer(text)]
    ok = not found
    return Verdict(
        "no-attachment",
        ok,
        "no attachment or link" if ok else f"mentions {found[0]}",
        None if ok else "Drop the attachment and links: a first note asks, it does not send.",
    )


def check(
    text: str, *, channel: str = "email", premium: bool = False, first_message: bool = True
) -> list[Verdict]:
    """All six checks, in a fixed order."""
    return [
        check_length(text, channel, premium),
        check_question(text),
        check_connection(text, first_message),
        check_job_words(text, first_message),
        check_about_them(text),
        check_no_links(text),
    ]
