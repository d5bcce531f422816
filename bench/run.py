"""`make bench`: the large load data served by gunicorn with production
settings, driven by wrk, on SQLite and on PostgreSQL with Redis, with the page
cache off and on. Prints a table and writes it into docs/performance.md.

Each database is loaded once (bench/bench.sqlite3, and the PostgreSQL database
fellowship_bench); delete it to load again. Every number is also given as a
ratio to /healthz measured in the same run (same server, same machine load).
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
DOC = ROOT / "docs/performance.md"
PID_FILE = ROOT / "bench/gunicorn.pid"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS, THREADS, WORKERS = 8, 2, 3
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "fellowship_site.settings.production",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # The one logger that would write per request: keep the console quiet.
    "PYTHONUNBUFFERED": "1",
}
# What a TLS-terminating proxy sends (production redirects plain HTTP).
HEADERS = ["X-Forwarded-Proto: https"]

DATABASES = {
    "sqlite": {"DATABASE_URL": f"sqlite:///{ROOT / 'bench/bench.sqlite3'}"},
    "postgresql": {
        "DATABASE_URL": f"{PG_SERVER}/fellowship_bench",
        "REDIS_URL": REDIS,
    },
}


def say(message):
    print(message, flush=True)


def manage(env, *args, capture=False):
    return subprocess.run(  # noqa: S603
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def prepare(name, env):
    """Create and load the database once; collect the static files."""
    if name == "postgresql":
        psql = ["/usr/bin/psql", f"{PG_SERVER}/postgres"]
        exists = subprocess.run(  # noqa: S603
            [
                *psql,
                "-tAc",
                "SELECT 1 FROM pg_database WHERE datname = 'fellowship_bench'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(  # noqa: S603
                [*psql, "-c", "CREATE DATABASE fellowship_bench"], check=True
            )
        loaded = exists and project_count(env) >= 2000
    else:
        loaded = (ROOT / "bench/bench.sqlite3").exists() and project_count(env) >= 2000
    manage(env, "migrate", "--noinput", "-v0")  # a database loaded by an older commit
    if not loaded:
        say(f"[{name}] loading the large data (a few minutes)...")
        manage(env, "generate_load_data", "--scale", "large", "--force")
    manage(env, "collectstatic", "--noinput", "-v0")


def project_count(env):
    try:
        result = manage(
            env,
            "shell",
            "-c",
            "from cohorts.models import FellowProjectPage; "
            "print(FellowProjectPage.objects.count())",
            capture=True,
        )
    except subprocess.CalledProcessError:
        return 0
    return int(result.stdout.strip().splitlines()[-1])


def urls(env):
    """The URLs to drive, found in the loaded data."""
    script = (
        "import json; from cohorts.models import *; "
        "from django.contrib.staticfiles.storage import staticfiles_storage as s; "
        "p = ProgrammePage.objects.filter(slug__startswith='load-test').first(); "
        "c = CohortPage.objects.child_of(p).first(); "
        "f = FellowProjectPage.objects.child_of(c).first(); "
        "print(json.dumps({'home': '/', 'programme': p.url, 'cohort': c.url, "
        "'project': f.url, 'search': '/search/?q=falls', "
        "'API list': '/api/projects/', "
        "'static file': s.url('nhsuk/nhsuk-frontend.min.css'), "
        "'health': '/healthz'}))"
    )
    result = manage(env, "shell", "-c", script, capture=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def query_counts(env, pages):
    """Queries per page, uncached and cached (bench/queries.py)."""
    result = subprocess.run(  # noqa: S603
        [PY, str(ROOT / "bench/queries.py"), json.dumps(pages)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(env):
    PID_FILE.unlink(missing_ok=True)
    log = open(ROOT / "bench/gunicorn.log", "a")  # noqa: SIM115
    subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "fellowship_site.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--pid",
            str(PID_FILE),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(100):
        time.sleep(0.3)
        try:
            request = urllib.request.Request(  # noqa: S310 (our own address)
                BASE + "/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            answer = urllib.request.urlopen(request, timeout=2)  # noqa: S310
            if answer.status == 200 and PID_FILE.exists():
                return int(PID_FILE.read_text())
        except OSError:
            continue
    raise SystemExit("gunicorn did not start: see bench/gunicorn.log")


def stop_server():
    pid = int(PID_FILE.read_text())
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def workers(master):
    found = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return found


def cpu_seconds(pids):
    """User and system CPU of the server's processes, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def settle(pids):
    """Wait until the server has worked off the requests wrk left queued (its
    processes are idle), so that they do not count against the next URL."""
    for _ in range(200):
        before = cpu_seconds(pids)
        time.sleep(0.3)
        if cpu_seconds(pids) - before < 0.02:
            return


def drive(url, seconds, pids):
    """wrk at the URL: requests per second, p50 and p99 in ms, server CPU ms
    per request."""
    settle(pids)
    before = cpu_seconds(pids)
    command = [
        "/usr/bin/wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    for header in HEADERS:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603
        [*command, BASE + url], capture_output=True, text=True, check=True
    ).stdout
    used = cpu_seconds(pids) - before
    requests = int(re.search(r"(\d+) requests in", output)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)[1]),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)[1]),
        "cpu": 1000 * used / max(requests, 1),
        "errors": int(non_2xx[1]) if non_2xx else 0,
    }


def run_database(name, seconds):
    env = {**os.environ, **ENVIRONMENT, **DATABASES[name]}
    env.pop("REDIS_URL", None) if name == "sqlite" else None
    prepare(name, env)
    pages = urls(env)
    queries = query_counts(env, pages)
    rows = []
    for mode, cache_seconds in [("uncached", "0"), ("cached", str(24 * 3600))]:
        run_env = {**env, "PAGE_CACHE_SECONDS": cache_seconds}
        master = start_server(run_env)
        try:
            pids = workers(master)
            for url in pages.values():  # warm each worker's imports and caches
                drive(url, 2, pids)
            results = {page: drive(url, seconds, pids) for page, url in pages.items()}
            rss = max(rss_mb(pid) for pid in pids[1:])
        finally:
            stop_server()
        health = results["health"]
        for page, result in results.items():
            rows.append(
                {
                    "database": name,
                    "mode": mode,
                    "page": page,
                    "url": pages[page],
                    **result,
                    "queries": queries[mode].get(page, 0),
                    "rps_ratio": result["rps"] / health["rps"],
                    "cpu_ratio": result["cpu"] / health["cpu"] if health["cpu"] else 0,
                    "p50_ratio": result["p50"] / health["p50"],
                    "rss": rss,
                }
            )
        say(f"[{name}] {mode}: done (largest worker {rss:.0f} MB)")
    return rows


def profiles(rows):
    """A pyinstrument profile (bench/profile.py) of each public page whose
    uncached CPU is over the target, on SQLite."""
    over = [
        row
        for row in rows
        if row["database"] == "sqlite"
        and row["mode"] == "uncached"
        and row["page"] in PUBLIC
        and row["cpu_ratio"] > 15
    ]
    if not over:
        return ""
    env = {
        **os.environ,
        **ENVIRONMENT,
        **DATABASES["sqlite"],
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    sections = []
    for row in sorted(over, key=lambda r: -r["cpu_ratio"]):
        output = subprocess.run(  # noqa: S603
            [PY, str(ROOT / "bench/profile.py"), row["url"]],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        sections.append(
            f"**{row['page']}** (`{row['url']}`, {row['cpu']:.0f} ms of CPU per "
            f"request uncached):\n\n```\n{output.strip()}\n```"
        )
    return "\n\n**Where the time goes** (uncached, SQLite, pyinstrument)\n\n" + (
        "\n\n".join(sections)
    )


def table(rows):
    lines = [
        "| database | cache | page | req/s | p50 ms | p99 ms | CPU ms/req "
        "| queries | req/s ÷ health | p50 ÷ health | CPU ÷ health |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['database']} | {row['mode']} | {row['page']} "
            f"| {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
            f"| {row['cpu']:.2f} | {row['queries']} | {row['rps_ratio']:.2f} "
            f"| {row['p50_ratio']:.1f}× | {row['cpu_ratio']:.1f}× |"
        )
    return "\n".join(lines)


PUBLIC = {"home", "programme", "cohort", "project", "search", "API list"}


def targets(rows):
    """Each target of issue 13, met or not, from the rows."""
    uncached = [
        r
        for r in rows
        if r["mode"] == "uncached" and r["page"] in PUBLIC and r["database"] == "sqlite"
    ]
    cached = [r for r in rows if r["mode"] == "cached" and r["page"] in PUBLIC]
    search = [
        r
        for r in rows
        if r["page"] == "search"
        and r["mode"] == "uncached"
        and r["database"] == "postgresql"
    ]

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    worst_cpu = max(uncached, key=lambda r: r["cpu_ratio"])
    worst_rps = min(cached, key=lambda r: r["rps_ratio"])
    worst_p99 = max(cached, key=lambda r: r["p99"])
    lines = [
        f"- Uncached, every public page at most 15× the health endpoint's CPU: "
        f"{verdict(worst_cpu['cpu_ratio'] <= 15)} (worst: {worst_cpu['page']}, "
        f"{worst_cpu['cpu_ratio']:.0f}×; pages over: "
        + (
            ", ".join(
                f"{r['page']} {r['cpu_ratio']:.0f}×"
                for r in uncached
                if r["cpu_ratio"] > 15
            )
            or "none"
        )
        + ").",
        f"- Cached, at least 60% of the health endpoint's req/s: "
        f"{verdict(worst_rps['rps_ratio'] >= 0.6)} (worst: {worst_rps['database']} "
        f"{worst_rps['page']}, {worst_rps['rps_ratio']:.0%}).",
        f"- Cached, p99 under 20 ms: {verdict(worst_p99['p99'] < 20)} (worst: "
        f"{worst_p99['database']} {worst_p99['page']}, {worst_p99['p99']:.1f} ms).",
    ]
    if search:
        lines.append(
            f"- Search on PostgreSQL, p50 at most 50 ms uncached: "
            f"{verdict(search[0]['p50'] <= 50)} ({search[0]['p50']:.0f} ms)."
        )
    worst_rss = max(r["rss"] for r in rows)
    lines.append(
        f"- Each gunicorn worker under 250 MB RSS after the run: "
        f"{verdict(worst_rss < 250)} (largest {worst_rss:.0f} MB)."
    )
    return "\n".join(lines)


def write_doc(text):
    doc = DOC.read_text()
    before, _, rest = doc.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n{text}\n{END}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--databases", nargs="+", choices=list(DATABASES), default=list(DATABASES)
    )
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    rows = []
    for name in args.databases:
        rows += run_database(name, args.seconds)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    text = (
        f"Measured {stamp} at commit {commit} on this machine ({os.cpu_count()} "
        f"cores), gunicorn with {WORKERS} workers, wrk with {CONNECTIONS} "
        f"connections for {args.seconds} s per URL, the large load data.\n\n"
        f"{table(rows)}\n\n**Targets**\n\n{targets(rows)}"
    )
    say(text)
    text += profiles(rows)
    write_doc(text)


if __name__ == "__main__":
    sys.exit(main())
