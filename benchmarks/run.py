"""Time netjob commands as whole processes on generated databases of named sizes.

    python benchmarks/run.py [--sizes heavy,power,1x] [--runs 11] [--rebuild]
                             [--transfer] [--inbox] [--postgres URL]

Sizes are those of benchmarks/generate.py (heavy: a heavy real user; power: four times
that; 1x: fifty times a real user, a stress size). For each size the commands are run
*interleaved*: each round runs every command once, in turn, so a change in the machine's
load falls on all of them alike. Each command's CPU time (user + system of the process)
is reported as the median of the rounds with its lowest and highest, and as a ratio to
``python -c "import typer"`` (the framework's floor, which no change of netjob's moves)
and to ``netjob --version``, both timed in the same rounds. Then the targets of issue 21
are checked on the medians. Packages are byte-compiled first and the venv's python is
called directly, so the numbers are what a user's shell sees.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
NETJOB = [sys.executable, "-m", "netjob"]
FLOOR = 'python -c "import typer"'
VERSION = "netjob --version"
TODAY = "2026-11-20"

# Issue 21's targets: the most each command may cost, as a ratio to the floor, by size.
TARGETS = {
    "power": {
        "netjob next": 3.0,
        "netjob pipeline": 3.75,
        "netjob funnel": 3.75,
        "netjob week": 3.75,
        "netjob next --on -7d": 3.75,
        "netjob log reply '#2'": 3.75,
    },
    "1x": {"netjob next": 7.5, "netjob pipeline": 7.5},
}


def complete(line: str) -> list[str]:
    """A shell completion of the last word of ``line``, as the bash script asks for it."""
    cword = str(len(line.split(" ")) - 1)
    words = [f"COMP_WORDS={line}", f"COMP_CWORD={cword}"]
    return ["env", "_NETJOB_COMPLETE=complete_bash", *words, *NETJOB]


def cases() -> list[tuple[str, list[str]]]:
    """(name, command line) of what is timed; the write runs on a copy of the database."""
    return [
        (FLOOR, [sys.executable, "-c", "import typer"]),
        (VERSION, [*NETJOB, "--version"]),
        ("netjob next", [*NETJOB, "next"]),
        ("netjob next --json", [*NETJOB, "next", "--json"]),
        ("netjob next --all --json", [*NETJOB, "next", "--all", "--json"]),
        ("netjob next --on -7d", [*NETJOB, "next", "--on", "-7d"]),
        ("netjob pipeline", [*NETJOB, "pipeline"]),
        ("netjob funnel", [*NETJOB, "funnel"]),
        ("netjob week", [*NETJOB, "week"]),
        ("netjob fit", [*NETJOB, "fit"]),
        ("netjob list companies", [*NETJOB, "list", "companies"]),
        ("netjob list contacts --behaviour", [*NETJOB, "list", "contacts", "--behaviour"]),
        ("netjob show contact '#2'", [*NETJOB, "show", "contact", "#2"]),
        ("netjob timeline '#1'", [*NETJOB, "timeline", "#1"]),
        ("netjob who '#1'", [*NETJOB, "who", "#1"]),
        ("netjob log reply '#2'", [*NETJOB, "log", "reply", "#2"]),
        ("complete: log outreach Ja<TAB>", complete("netjob log outreach Ja")),
    ]


def cpu_ms(command: list[str], env: dict[str, str]) -> float:
    """CPU time (user + system) of one run of the command as a whole process.

    CPU time, not wall time: the machine is shared, and a loaded machine stretches wall
    times by a factor that changes from one command to the next."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


def interleaved(db: str, env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Each case's CPU times over ``runs`` rounds, every round running each case once;
    the write runs on a copy of ``db`` made once (one more reply a round changes little)."""
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        target = db
        if "://" not in db:
            target = str(Path(folder) / "copy.db")
            shutil.copy(db, target)
        on = {**env, "NETJOB_DB": db}
        written = {**env, "NETJOB_DB": target}
        found: dict[str, list[float]] = {name: [] for name, _ in cases()}
        for name, command in cases():  # once each first: warm the disk cache
            subprocess.run(command, env=written if " log " in name else on, capture_output=True)
        for _ in range(runs):
            for name, command in cases():
                found[name].append(cpu_ms(command, written if " log " in name else on))
        return found


def report(label: str, times: dict[str, list[float]]) -> dict[str, float]:
    """Print each case's median and range, over the floor and over --version; returns the
    ratios to the floor."""
    floor = statistics.median(times[FLOOR])
    version = statistics.median(times[VERSION])
    print(f"{label}: {len(times[FLOOR])} interleaved rounds, CPU ms median [low-high]")
    ratios = {}
    for name, found in times.items():
        median = statistics.median(found)
        ratios[name] = median / floor
        print(
            f"  {name:36s} {median:6.0f} [{min(found):4.0f}-{max(found):4.0f}]"
            f"  {median / floor:5.2f}x floor  {median / version:5.2f}x --version",
            flush=True,
        )
    return ratios


def verdicts(size: str, ratios: dict[str, float]) -> None:
    for name, most in TARGETS.get(size, {}).items():
        if name in ratios:
            met = "met" if ratios[name] <= most else "MISSED"
            print(f"  target {size}: {name:30s} {ratios[name]:5.2f}x <= {most}x: {met}")


def database(size: str, rebuild: bool) -> Path:
    from benchmarks import generate

    db = DATA / f"{size}.db"
    if rebuild or not db.exists():
        start = time.perf_counter()
        generate.build(db, generate.SIZES[size])
        print(f"generated {db} in {time.perf_counter() - start:.1f} s", flush=True)
    return db


def on_postgres(db: Path, url: str, env: dict[str, str]) -> str:
    """A new database on the server at ``url`` holding a copy of ``db`` (`netjob db copy`);
    returns its URL."""
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"netjob_bench_{db.stem.replace('-', '_')}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    target = f"{base}/{name}"
    subprocess.run(
        [*NETJOB, "db", "copy", "--to", target],
        env={**env, "NETJOB_DB": str(db)},
        check=True,
        capture_output=True,
    )
    return target


def cpu_and_memory(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU time (ms) and peak memory (MB, as GNU time reports it) of one run."""
    with tempfile.NamedTemporaryFile("r") as out:
        child = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert child.stderr is not None
        error = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise subprocess.CalledProcessError(status, command, stderr=error)
        peak_kb = int(out.read().split()[-1])
    return (usage.ru_utime + usage.ru_stime) * 1000, peak_kb / 1024


def transfer(db: Path, env: dict[str, str], runs: int) -> None:
    """Median CPU time and largest peak memory of export json, import json (into a new
    database each run) and the first command on a new database."""
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        work = Path(folder)
        export = work / "export.json"
        jobs = {
            "netjob export json": lambda n: [*NETJOB, "export", "json", "-o", str(export)],
            "netjob import json (new database)": lambda n: [
                *NETJOB, "--db", str(work / f"import-{n}.db"), "import", "json", str(export)
            ],
            "first command on a new database": lambda n: [
                *NETJOB, "--db", str(work / f"new-{n}.db"), "list", "companies"
            ],
        }  # fmt: skip
        for name, command in jobs.items():
            measured = [
                cpu_and_memory(command(n), {**env, "NETJOB_DB": str(db)}) for n in range(runs)
            ]
            ms = statistics.median(m for m, _ in measured)
            print(f"  {name:36s} {ms:6.0f} ms  {max(mb for _, mb in measured):4.0f} MB peak")


def main() -> None:
    from benchmarks import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="heavy,power,1x", help="comma-separated")
    parser.add_argument("--runs", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--rebuild", action="store_true", help="generate the databases again")
    parser.add_argument("--transfer", action="store_true", help="also time export/import json")
    parser.add_argument("--inbox", action="store_true", help="also time the mail imports")
    parser.add_argument("--postgres", metavar="URL", help="also time each size on this server")
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in generate.SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]}; sizes: {', '.join(generate.SIZES)}")

    DATA.mkdir(exist_ok=True)
    dbs = {size: database(size, args.rebuild) for size in sizes}
    for folder in {sysconfig.get_paths()["purelib"], str(HERE.parent / "src")}:
        compileall.compile_dir(folder, quiet=1)
    env = {**os.environ, "NETJOB_TODAY": TODAY}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for size, db in dbs.items():
        s = generate.SIZES[size]
        label = (
            f"{size} ({s.companies:,} companies, {s.contacts:,} contacts, "
            f"{s.entries:,} entries, {s.connections:,} connections)"
        )
        verdicts(size, report(label, interleaved(str(db), env, args.runs)))
        if args.postgres:
            url = on_postgres(db, args.postgres, env)
            report(f"PostgreSQL, {size}", interleaved(url, env, max(3, args.runs // 2)))
        if args.transfer:
            transfer(db, env, max(3, args.runs // 3))
    if args.inbox:
        from benchmarks import inbox

        inbox.report(max(3, args.runs // 2))


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
