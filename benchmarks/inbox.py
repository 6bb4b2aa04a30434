"""Time `netjob import messages` on 50,000 LinkedIn messages and `netjob import mail` on a
500 MB mbox, each into a fresh copy of a database with 1,000 contacts.

    python benchmarks/inbox.py [--runs 5] [--mbox-mb 500]
    python benchmarks/run.py --inbox     (after the other timings)

The files are generated once under benchmarks/.data (deterministic). Both hold
mostly messages with people who are not contacts, as real exports do: 10% of the
LinkedIn conversations and about 5% of the mail involve a contact; the mbox is
mostly newsletters with HTML bodies and mail with base64 attachments. Prints the
median wall time of whole processes and their peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
NETJOB = [sys.executable, "-m", "netjob"]
CONTACTS = 1000
ME = "https://www.linkedin.com/in/pat-seeker"
START = datetime(2024, 1, 1, tzinfo=UTC)


def _person(n: int) -> tuple[str, str, str]:
    """(name, profile URL, email) of person n; people 0..CONTACTS-1 are contacts."""
    return (
        f"Person{n} Lee-{n}",
        f"https://www.linkedin.com/in/person-{n}",
        f"person{n}@firm{n % 200}.example",
    )


def database(path: Path) -> Path:
    """200 companies and 1,000 contacts (with profile URLs and emails); me.* set."""
    if path.exists():
        return path
    from netjob.db.open import open_store
    from netjob.engine.names import company_key, person_key

    store = open_store(path)
    today = date(2026, 11, 20)
    with store.transaction():
        for c in range(200):
            store.insert(
                "company",
                {
                    "name": f"Firm {c}",
                    "name_key": company_key(f"Firm {c}"),
                    "website": f"https://firm{c}.example",
                    "motivation": c % 4,
                    "posting": 1 + c % 3,
                    "advocacy": False,
                    "status": "active" if c < 5 else "backlog",
                    "created_on": today,
                    "updated_on": today,
                },
            )
        for n in range(CONTACTS):
            name, url, email = _person(n)
            store.insert(
                "contact",
                {
                    "name": name,
                    "name_key": person_key(name),
                    "company_id": 1 + n % 200,
                    "linkedin": url,
                    "email": email,
                    "created_on": today,
                    "updated_on": today,
                },
            )
        store.insert("setting", {"key": "me.linkedin", "value": ME})
        store.insert("setting", {"key": "me.emails", "value": "pat@seeker.example"})
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def messages_csv(path: Path, count: int = 50_000) -> Path:
    """LinkedIn's messages.csv with ``count`` messages in 1:1 conversations (and some
    group ones), quoted newlines and HTML in CONTENT, a byte-order mark, CRLF."""
    if path.exists():
        return path
    rng = random.Random(16)
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS"
    )
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + header + "\r\n")
        written = 0
        conversation = 0
        while written < count:
            conversation += 1
            other = rng.randrange(CONTACTS) if rng.random() < 0.1 else rng.randrange(10**6)
            other += 0 if other < CONTACTS else CONTACTS
            name, url, _ = _person(other)
            when = START + timedelta(minutes=rng.randrange(60 * 24 * 600))
            for _ in range(min(count - written, rng.randint(1, 8))):
                when += timedelta(hours=rng.randint(1, 200))
                mine = rng.random() < 0.5
                sender, sender_url = ("Pat Seeker", ME) if mine else (name, url)
                to, to_url = (name, url) if mine else ("Pat Seeker", ME)
                body = rng.choice(
                    [
                        '"<p>Hi there,</p><p>Thanks for connecting &amp; the note.</p>"',
                        '"Hello,\r\nwould you have 20 minutes next week?\r\nThanks"',
                        "Sounds good; talk soon.",
                    ]
                )
                stamp = when.strftime("%Y-%m-%d %H:%M:%S UTC")
                f.write(
                    f"2-C{conversation:07d},,{sender},{sender_url},{to},{to_url},{stamp},,"
                    f"{body},INBOX,\r\n"
                )
                written += 1
    return path


def mbox(path: Path, megabytes: int = 500) -> Path:
    """A Gmail-Takeout-like mbox of about ``megabytes`` MB."""
    if path.exists() and path.stat().st_size >= megabytes * 1024 * 1024 * 0.95:
        return path
    rng = random.Random(500)
    attachment = base64.encodebytes(rng.randbytes(90_000)).decode("ascii")
    html = "<div>" + "<p>Ten links about data engineering this week.</p>" * 200 + "</div>"
    target = megabytes * 1024 * 1024
    size = 0
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        while size < target:
            n += 1
            when = START + timedelta(minutes=17 * n)
            stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
            kind = rng.random()
            lines = [f"From {n}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}"]
            if kind < 0.05:  # with a contact
                name, _, email = _person(rng.randrange(CONTACTS))
                mine = rng.random() < 0.5
                sender = "Pat Seeker <pat@seeker.example>" if mine else f"{name} <{email}>"
                to = f"{name} <{email}>" if mine else "pat@seeker.example"
                lines += [
                    f"Message-ID: <m{n}@example>",
                    f"Date: {stamp}",
                    f"From: {sender}",
                    f"To: {to}",
                    "Subject: =?utf-8?q?Caf=C3=A9_chat=3F?=",
                    "MIME-Version: 1.0",
                    'Content-Type: multipart/alternative; boundary="b"',
                    "",
                    "--b",
                    'Content-Type: text/plain; charset="utf-8"',
                    "",
                    "Hi, could we talk for 20 minutes next week?",
                    "--b",
                    'Content-Type: text/html; charset="utf-8"',
                    "",
                    "<p>Hi, could we talk for 20 minutes next week?</p>",
                    "--b--",
                ]
            elif kind < 0.75:  # newsletters
                lines += [
                    f"Message-ID: <news{n}@news.example>",
                    f"Date: {stamp}",
                    "From: Data Weekly <editor@news.example>",
                    "To: pat@seeker.example",
                    "Subject: This week in data",
                    "List-Unsubscribe: <mailto:unsubscribe@news.example>",
                    'Content-Type: text/html; charset="utf-8"',
                    "",
                    html,
                ]
            else:  # people who are not contacts, with an attachment
                lines += [
                    f"Message-ID: <x{n}@elsewhere.example>",
                    f"Date: {stamp}",
                    f"From: Someone {n} <someone{n}@elsewhere{n % 50}.example>",
                    "To: pat@seeker.example",
                    "Subject: Slides",
                    'Content-Type: multipart/mixed; boundary="m"',
                    "",
                    "--m",
                    "Content-Type: text/plain",
                    "",
                    "Slides attached.",
                    "--m",
                    "Content-Type: application/pdf",
                    "Content-Transfer-Encoding: base64",
                    "",
                    attachment,
                    "--m--",
                ]
            text = "\n".join(lines) + "\n\n"
            f.write(text)
            size += len(text)
    return path


def time_import(args: list[str], db: Path, runs: int) -> tuple[float, float, float, str]:
    """(median wall ms, median CPU ms, peak RSS MB, what it said) of `netjob import ARGS`,
    each run into a fresh copy of ``db``."""
    times = []
    peaks = []
    cpu: list[float] = []
    last = ""
    env = {"NETJOB_TODAY": "2026-11-20", "PATH": "/usr/bin:/bin", "TZ": "UTC"}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "netjob.db"
            shutil.copy(db, copy)
            err = Path(folder) / "stderr"
            start = time.perf_counter()
            with err.open("w") as sink:
                child = subprocess.Popen(
                    [*NETJOB, "import", *args],
                    env={**env, "NETJOB_DB": str(copy)},
                    stdout=subprocess.DEVNULL,
                    stderr=sink,
                )
                _, status, usage = os.wait4(child.pid, 0)
            times.append((time.perf_counter() - start) * 1000)
            child.returncode = os.waitstatus_to_exitcode(status)
            said = err.read_text()
            if child.returncode != 0:
                raise SystemExit(f"netjob import {args[0]} failed: {said}")
            peaks.append(usage.ru_maxrss / 1024)
            cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
            last = " ".join(said.split())
    return statistics.median(times), statistics.median(cpu), max(peaks), last


def report(runs: int, mbox_mb: int = 500) -> None:
    """Generate what is missing, then time both imports and print one line each."""
    DATA.mkdir(exist_ok=True)
    start = time.perf_counter()
    db = database(DATA / "inbox.db")
    csv_path = messages_csv(DATA / "messages-50k.csv")
    mbox_path = mbox(DATA / f"mail-{mbox_mb}mb.mbox", mbox_mb)
    print(f"inbox files ready in {time.perf_counter() - start:.1f} s; median of {runs} runs:")
    ms, cpu, peak, said = time_import(["messages", str(csv_path)], db, runs)
    print(f"  import messages (50,000 messages)  {ms:6.0f} ms wall {cpu:6.0f} ms CPU", end="")
    print(f"  peak {peak:4.0f} MB | {said}")
    size = mbox_path.stat().st_size // (1024 * 1024)
    ms, cpu, peak, said = time_import(["mail", str(mbox_path)], db, runs)
    print(f"  import mail ({size} MB mbox)        {ms:6.0f} ms wall {cpu:6.0f} ms CPU", end="")
    print(f"  peak {peak:4.0f} MB | {said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mbox-mb", type=int, default=500)
    args = parser.parse_args()
    report(args.runs, args.mbox_mb)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
