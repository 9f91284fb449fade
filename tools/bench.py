"""``make bench``: how long the book's own work takes, each figure beside the last recorded one.

Measures, in one run, in this order:

- the cold execution of every page (caches and compiled models removed, then ``make book``):
  the wall time of ``tools/execute.py`` (pages in parallel) and the sum of the pages' own times;
- the cold ``make book`` around it, a warm one (nothing changed), and one after editing the code of
  one chapter (only that chapter is executed again);
- ``make verify`` (median of three) and ``make test-fast``;
- with ``--clone``: a fresh ``git clone`` of this repository into a temporary folder, then
  ``make book`` and ``make test`` there (uv's download cache is reused; the clone's environment is
  new), the time from nothing to green;
- with ``--twice``: a second cold build, whose verdict table and glued values must equal the first's.

Each figure is printed beside the one recorded in ``tools/bench-baseline.json`` (``old -> new``)
and the issue's target; ``--save`` records this run's figures there, to commit with the change.
Also reports each model's sampling time and ESS per second (recorded by the chapters). Writes
``_build/bench.json`` and ``_build/bench.md``. A benchmark, not a test: it fails nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
BASELINE = ROOT / "tools" / "bench-baseline.json"
EDITED = Path("notebooks") / "chronic-pain-meta.md"  # the chapter whose code the benchmark edits
CACHES = (
    ".jupyter_cache",
    ".doctrees",
    "jupyter_execute",
    ".pytensor",
    "timings",
    "html",
    "html.next",
    ".inputs",
    ".pages.inputs",
    ".pages.pending",
)
#: figure -> (what it is, the issue's target in seconds or None)
MEASURES = {
    "cold_execution_s": ("cold execution of all pages (wall time)", 60.0),
    "cold_execution_sum_s": ("cold execution of all pages (sum of the pages' times)", None),
    "cold_book_s": ("cold `make book` (environment present, no caches)", None),
    "warm_book_s": ("warm `make book` (nothing changed)", None),
    "one_chapter_book_s": (f"`make book` after editing {EDITED.stem}", None),
    "verify_s": ("`make verify` (median of 3)", 1.5),
    "test_fast_s": ("`make test-fast`", 30.0),
    "clone_book_s": ("fresh clone: `make book` (environment created)", None),
    "clone_test_s": ("fresh clone: `make test` after it", None),
    "clone_green_s": ("fresh clone to green: clone, `make book && make test`", 240.0),
}


def run(*cmd: str, cwd: Path = ROOT) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def executed(log: str) -> dict[str, float]:
    """Seconds per page executed (tools/execute.py's lines, or myst-nb's if the build executed any)."""
    out = {}
    for m in re.finditer(r"(\S+\.md): Executed notebook in ([\d.]+) seconds", log):
        path = Path(m.group(1))
        out[(path.relative_to(ROOT) if path.is_absolute() else path).with_suffix("").as_posix()] = float(m.group(2))
    return out


def execution_wall(log: str) -> float | None:
    m = re.search(r"executed \d+ of \d+ pages in ([\d.]+) s", log)
    return float(m.group(1)) if m else None


def edited(page: str) -> str:
    """The page with a comment added at the end of its first code cell: a change of its code only."""
    start = page.index("```{code-cell}")
    end = page.index("\n```", start + 1)
    return page[:end] + "\n# edited by make bench" + page[end:]


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


def head() -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def fresh_clone() -> dict[str, float]:
    """A git clone of this repository (its committed HEAD) to green `make book && make test`."""
    with tempfile.TemporaryDirectory(prefix="acureview-bench-") as tmp:
        start = time.perf_counter()
        run("git", "clone", "--quiet", "--no-checkout", str(ROOT), tmp)
        run("git", "checkout", "--quiet", head(), cwd=Path(tmp))
        book_s, _ = run("make", "book", cwd=Path(tmp))
        test_s, _ = run("make", "test", cwd=Path(tmp))
        return {"clone_book_s": book_s, "clone_test_s": test_s, "clone_green_s": time.perf_counter() - start}


def measure(clone: bool, twice: bool) -> dict:
    run("make", "env")
    run("make", "test-env")
    clean()
    cold_s, log = run("make", "book")
    pages, cold_wall = executed(log), execution_wall(log)
    first = snapshot()
    models = {
        f.stem.replace("__", "/"): json.loads(f.read_text(encoding="utf-8"))
        for f in sorted((BUILD / "timings").glob("*.json"))
    }
    warm_s, log = run("make", "book")
    warm_executed = sorted(executed(log))

    path = ROOT / EDITED
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(edited(original), encoding="utf-8")
        one_s, log = run("make", "book")
        one_executed = sorted(executed(log))
    finally:
        path.write_text(original, encoding="utf-8")
    run("make", "book")  # back to the committed chapter

    figures = {
        "cold_execution_s": cold_wall,
        "cold_execution_sum_s": sum(pages.values()),
        "cold_book_s": cold_s,
        "warm_book_s": warm_s,
        "one_chapter_book_s": one_s,
        "verify_s": statistics.median(run("make", "verify")[0] for _ in range(3)),
        "test_fast_s": run("make", "test-fast")[0],
    }
    result = {
        "figures": figures,
        "pages_s": {k: round(v, 1) for k, v in sorted(pages.items())},
        "warm_reexecuted": warm_executed,
        "one_chapter_reexecuted": one_executed,
        "models": models,
    }
    if clone:
        figures.update(fresh_clone())
    if twice:
        clean()
        run("make", "book")
        second = snapshot()
        result["differences"] = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clone", action="store_true", help="also time a fresh clone to green (minutes)")
    parser.add_argument("--twice", action="store_true", help="also build cold twice and compare the results")
    parser.add_argument("--save", action="store_true", help=f"record the figures in {BASELINE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    result = measure(args.clone, args.twice)
    result["figures"] = {k: round(v, 2) for k, v in result["figures"].items() if v is not None}
    baseline = load_baseline()
    table = report(result, baseline)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.md").write_text(table, encoding="utf-8")
    (BUILD / "bench.json").write_text(json.dumps({**result, "baseline": baseline}, indent=1), encoding="utf-8")
    print(table)
    if args.save:
        BASELINE.write_text(
            json.dumps({"commit": head()[:7], "figures": result["figures"]}, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    return 0


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}


def report(result: dict, baseline: dict) -> str:
    """The table of figures: previous -> now, and the target."""
    old, new = baseline.get("figures", {}), result["figures"]
    lines = [f"| measure | {baseline.get('commit', 'previous')} -> now | target |", "|---|---|---|"]
    for key, (what, target) in MEASURES.items():
        if key not in new and key not in old:
            continue
        before = f"{old[key]:.1f} s" if key in old else "-"
        now = f"{new[key]:.1f} s" if key in new else "not measured"
        goal = "" if target is None else f"{target:g} s: " + ("met" if new.get(key, target + 1) <= target else "missed")
        lines.append(f"| {what} | {before} -> {now} | {goal} |")
    lines.append(f"| re-executed by the warm build | {', '.join(result['warm_reexecuted']) or 'none'} | |")
    lines.append(f"| re-executed after the edit | {', '.join(result['one_chapter_reexecuted']) or 'none'} | |")
    lines += [f"| execution of {k} (cold) | {v:.1f} s | |" for k, v in result["pages_s"].items()]
    for chapter, fits in result["models"].items():
        lines += [
            f"| {chapter}: {m['model']} | compile {m.get('compile_seconds', 0):.1f} s, sampling {m['seconds']:.1f} s, "
            f"min ESS {m['min_ess']}, {m['ess_per_second']} ESS/s | |"
            for m in fits
        ]
    if "differences" in result:
        differ = result["differences"]
        lines.append(
            f"| two cold builds: verdicts and glued values identical | {'yes' if not differ else 'no: ' + ', '.join(differ)} | |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
