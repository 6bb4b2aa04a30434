"""Time netjob commands as whole processes on a generated large database.

    python benchmarks/run.py [--runs 11] [--rebuild]

Prints the median wall time of each command (and of a bare Typer app, the
floor) over several runs. Packages are byte-compiled first, and the venv's
python is called directly, so the numbers are what a user's shell sees.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
NETJOB = [sys.executable, "-m", "netjob"]


def complete(line: str) -> list[str]:
    """A shell completion of the last word of ``line``, as the bash script asks for it."""
    cword = str(len(line.split(" ")) - 1)
    words = [f"COMP_WORDS={line}", f"COMP_CWORD={cword}"]
    return ["env", "_NETJOB_COMPLETE=complete_bash", *words, *NETJOB]


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def linkedin_csv(path: Path, count: int = 10_000) -> Path:
    """A LinkedIn Connections.csv export with ``count`` rows, as LinkedIn writes it."""
    if path.exists():
        return path
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for n in range(count):
        company = f'"Company {n % 1500}, Inc."' if n % 3 else f"Firm {n % 700}"
        lines.append(
            f"Zoë{n},Lee-{n},https://www.linkedin.com/in/person-{n},,{company},"
            f'"Engineer, Data",{1 + n % 28:02d} Mar 2024'
        )
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def time_import(env: dict[str, str], runs: int) -> float:
    """Median of importing 10,000 connections, each run into a fresh empty database."""
    import shutil
    import tempfile

    from netjob.store import open_store

    source = linkedin_csv(DATA / "connections-10k.csv")
    template = DATA / "empty.db"
    if not template.exists():
        open_store(template).close()
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "netjob.db"
            shutil.copy(template, db)
            command = [*NETJOB, "import", "linkedin", str(source)]
            start = time.perf_counter()
            subprocess.run(
                command, env={**env, "NETJOB_DB": str(db)}, capture_output=True, check=True
            )
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cases(db: Path) -> list[tuple[str, list[str]]]:
    return [
        ("bare Typer app --help", [sys.executable, str(HERE / "bare_typer.py"), "--help"]),
        ("netjob --version", [*NETJOB, "--version"]),
        ("netjob --help", [*NETJOB, "--help"]),
        ("netjob next", [*NETJOB, "next"]),
        ("netjob next --json --all", [*NETJOB, "next", "--json", "--all"]),
        ("netjob list companies --json", [*NETJOB, "list", "companies", "--json"]),
        ("netjob list contacts --json", [*NETJOB, "list", "contacts", "--json"]),
        ("netjob show company '#1'", [*NETJOB, "show", "company", "#1"]),
        ("netjob timeline '#1' (busy contact)", [*NETJOB, "timeline", "#1"]),
        ("netjob pipeline", [*NETJOB, "pipeline"]),
        ("netjob funnel", [*NETJOB, "funnel"]),
        ("netjob fit", [*NETJOB, "fit"]),
        ("netjob week", [*NETJOB, "week"]),
        ("netjob log outreach '#2'", [*NETJOB, "log", "outreach", "#2"]),
        ("complete: log outreach Ja<TAB>", complete("netjob log outreach Ja")),
        ("complete: show company a<TAB>", complete("netjob show company a")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--x10", action="store_true", help="also time a 10x larger log (1,000,000 entries)"
    )
    parser.add_argument(
        "--inbox",
        action="store_true",
        help="also time import messages (50,000) and import mail (500 MB mbox)",
    )
    args = parser.parse_args()

    from benchmarks import generate

    DATA.mkdir(exist_ok=True)
    db = DATA / "large.db"
    if args.rebuild or not db.exists():
        start = time.perf_counter()
        generate.build(db, companies=2000, contacts=20000, entries=100000)
        print(f"generated {db} in {time.perf_counter() - start:.1f} s")
    for folder in {sysconfig.get_paths()["purelib"], str(HERE.parent / "src")}:
        compileall.compile_dir(folder, quiet=1)
    env = {**os.environ, "NETJOB_DB": str(db), "NETJOB_TODAY": "2026-11-20"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(
        f"median of {args.runs} runs, large database "
        "(2,000 companies, 20,000 contacts, 100,000 log entries)"
    )
    results = {}
    for label, command in cases(db):
        results[label] = median_ms(command, env, args.runs)
        print(f"  {label:40s} {results[label]:7.0f} ms", flush=True)
    ms = time_import(env, max(3, args.runs // 2))
    print(f"  {'netjob import linkedin (10,000 rows)':40s} {ms:7.0f} ms", flush=True)
    if args.x10:
        big = DATA / "large-x10.db"
        if args.rebuild or not big.exists():
            start = time.perf_counter()
            generate.build(big, companies=2000, contacts=20000, entries=1_000_000)
            print(f"generated {big} in {time.perf_counter() - start:.1f} s")
        env_big = {**env, "NETJOB_DB": str(big)}
        print("same, with a 10x log (1,000,000 entries):")
        for label, command in cases(big):
            if label.startswith("netjob") and "help" not in label and "version" not in label:
                ms = median_ms(command, env_big, args.runs)
                print(f"  {label:40s} {ms:7.0f} ms  ({ms / results[label]:.2f}x)", flush=True)
    if args.inbox:
        from benchmarks import inbox

        inbox.report(max(3, args.runs // 2))
    floor = results["bare Typer app --help"]
    version = results["netjob --version"]
    print(f"  --help over bare Typer --help: {results['netjob --help'] - floor:+.0f} ms")
    for label in [
        name for name, _ in cases(db) if name.startswith("netjob ") and "-" not in name[7:9]
    ]:
        print(f"  {label} over --version: {results[label] - version:+.0f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
