"""``make bench``: how long the book's own work takes, and whether two clean builds agree.

Runs, in order: a cold ``make book`` (no execution cache, no compiled models), a warm one (nothing
changed), a rebuild after editing one chapter's code, ``make verify`` (median of three), and a
second cold build whose verdict table and glued values are compared with the first's. Reports
each chapter's execution time (from the cold build) and each model's sampling time and ESS per
second (recorded by the chapters), and writes ``_build/bench.json`` and ``_build/bench.md``.
A benchmark, not a test: it reports against the targets and fails nothing.
"""
from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
EDITED = ROOT / "notebooks" / "chronic-pain-meta.md"  # the chapter whose code the benchmark edits
TARGETS = {"verify_s": 3.0, "cold_execution_s": 60.0, "one_chapter_fraction": 0.2}
CACHES = (".jupyter_cache", ".doctrees", "jupyter_execute", ".pytensor", "timings", "html", ".inputs")


def run(*cmd: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def executed(log: str) -> dict[str, float]:
    """Seconds per page that the build executed (from myst-nb's log)."""
    return {Path(m.group(1)).relative_to(ROOT).with_suffix("").as_posix(): float(m.group(2))
            for m in re.finditer(r"(\S+\.md): Executed notebook in ([\d.]+) seconds", log)}


def clean() -> None:
    for name in CACHES:
        path = BUILD / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


def snapshot() -> dict[str, str]:
    """The verdict table and every glued value of the last build."""
    out = {"verdicts.csv": (BUILD / "verdicts.csv").read_text(encoding="utf-8")}
    for glue in sorted((BUILD / "jupyter_execute").rglob("*.glue.json")):
        records = json.loads(glue.read_text(encoding="utf-8"))
        values = {k: r["data"].get("text/plain") for k, r in records.items() if "image/png" not in r["data"]}
        out[glue.relative_to(BUILD).as_posix()] = json.dumps(values, sort_keys=True)
    return out


def main() -> None:
    run("make", "env")
    clean()
    cold_s, log = run("make", "book")
    chapters = executed(log)
    first = snapshot()
    models = {}
    for f in sorted((BUILD / "timings").glob("*.json")):
        models[f.stem.replace("__", "/")] = json.loads(f.read_text(encoding="utf-8"))
    warm_s, log = run("make", "book")
    rerun_warm = executed(log)

    original = EDITED.read_text(encoding="utf-8")
    try:
        EDITED.write_text(original.replace("data = load()\n", "data = load()  # edited by make bench\n", 1),
                          encoding="utf-8")
        one_s, log = run("make", "book")
        rerun_one = executed(log)
    finally:
        EDITED.write_text(original, encoding="utf-8")
    run("make", "book")  # back to the committed chapter

    verify_s = statistics.median(run("make", "verify")[0] for _ in range(3))

    clean()
    cold2_s, _ = run("make", "book")
    second = snapshot()
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))

    cold_exec = sum(chapters.values())
    result = {
        "cold_book_s": round(cold_s, 1), "second_cold_book_s": round(cold2_s, 1), "warm_book_s": round(warm_s, 1),
        "warm_reexecuted": sorted(rerun_warm),
        "one_chapter_rebuild_s": round(one_s, 1), "one_chapter_reexecuted": sorted(rerun_one),
        "verify_s": round(verify_s, 2), "cold_execution_s": round(cold_exec, 1),
        "chapters_s": {k: round(v, 1) for k, v in sorted(chapters.items())},
        "models": models, "identical_builds": not differ, "differences": differ,
        "targets": {
            "make verify under 3 s": verify_s < TARGETS["verify_s"],
            "cold execution of all chapters under 3 minutes": cold_exec < TARGETS["cold_execution_s"],
            "one-chapter rebuild under a fifth of a cold build": one_s < TARGETS["one_chapter_fraction"] * cold_s,
        },
    }
    (BUILD / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    lines = ["| measure | value |", "|---|---|",
             f"| cold `make book` (environment present, no caches) | {cold_s:.1f} s |",
             f"| second cold `make book` | {cold2_s:.1f} s |",
             f"| warm `make book` (nothing changed; re-executed: {', '.join(rerun_warm) or 'none'}) | {warm_s:.1f} s |",
             f"| `make book` after editing {EDITED.stem} (re-executed: {', '.join(rerun_one) or 'none'}) | {one_s:.1f} s |",
             f"| `make verify` (median of 3) | {verify_s:.2f} s |",
             f"| cold execution of all chapters (sum) | {cold_exec:.1f} s |"]
    lines += [f"| execution of {k} (cold) | {v:.1f} s |" for k, v in sorted(chapters.items())]
    for chapter, fits in models.items():
        lines += [f"| {chapter}: {m['model']} | compile {m.get('compile_seconds', 0):.1f} s, sampling {m['seconds']:.1f} s, min ESS {m['min_ess']}, "
                  f"{m['ess_per_second']} ESS/s |" for m in fits]
    lines.append(f"| two clean builds: verdict table and glued values identical | {'yes' if not differ else 'no: ' + ', '.join(differ)} |")
    lines += [f"| target: {k} | {'met' if v else 'missed'} |" for k, v in result["targets"].items()]
    table = "\n".join(lines) + "\n"
    (BUILD / "bench.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
