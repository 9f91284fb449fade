"""The pins of pyproject.toml, the locks and environment.yml, read alike; the checks that they agree.

pyproject.toml holds the top-level pins (``[project] dependencies`` for the book, the ``test``
and ``lab`` extras); ``make lock`` resolves them into requirements.lock (the book) and
requirements-test.lock (the book and the ``test`` extra, a superset of requirements.lock);
environment.yml installs requirements-test.lock for conda users. tests/test_environment.py runs
every check below on the real files, and on altered copies to show that a disagreement is reported.

``python tools/pins.py`` prints every problem and exits 1 if there is one.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
BOOK_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
UV_LOCK = ROOT / "requirements-uv.lock"
ENVIRONMENT = ROOT / "environment.yml"
LOCKS = (BOOK_LOCK, TEST_LOCK, UV_LOCK)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]*?))?\s*\\?$")
#: what no committed file may name: this machine's local package indexes and wheel folders
MACHINE = re.compile(r"file:|/opt/|--(?:extra-)?index-url|--find-links|^-f\s", re.M)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins(path: Path = PYPROJECT, extra: str | None = None) -> dict[str, str]:
    """{name: version} of ``[project] dependencies`` (``extra=None``) or of one optional extra.
    Every entry must be an exact pin."""
    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    entries = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    pins = {}
    for entry in entries:
        m = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._\-]*)\s*==\s*([^\s;,]+)\s*", entry)
        if not m:
            raise ValueError(f"{path.name}: '{entry}' is not an exact pin (name==version)")
        pins[canonical(m.group(1))] = m.group(2)
    return pins


def requires_python(path: Path = PYPROJECT) -> str:
    return tomllib.loads(path.read_text(encoding="utf-8"))["project"]["requires-python"]


def lock_entries(text: str) -> list[dict]:
    """Each entry of a lock: name, version, marker ('' if none) and its hashes."""
    entries = []
    for line in text.splitlines():
        m = PIN.match(line)
        if m:
            entries.append(
                {
                    "name": canonical(m.group(1)),
                    "version": m.group(2),
                    "marker": (m.group(3) or "").strip(),
                    "hashes": [],
                    "line": line.split(" \\")[0],
                }
            )
        elif entries and line.strip().startswith("--hash="):
            entries[-1]["hashes"].append(line.strip().removeprefix("--hash=").removesuffix("\\").strip())
        elif line.strip() and not line.lstrip().startswith(("#", "--hash")):
            entries.append({"name": None, "version": None, "marker": "", "hashes": [], "line": line})
    return entries


def lock_pins(path: Path = BOOK_LOCK) -> dict[str, set[str]]:
    """{name: {versions}}: a universal lock may pin a package twice, for different platforms."""
    out: dict[str, set[str]] = {}
    for e in lock_entries(path.read_text(encoding="utf-8")):
        if e["name"]:
            out.setdefault(e["name"], set()).add(e["version"])
    return out


def pins_missing_from_lock(pins: dict[str, str], lock: dict[str, set[str]], label: str) -> list[str]:
    """Every top-level pin that the lock lacks or pins differently."""
    out = []
    for name, version in pins.items():
        if name not in lock:
            out.append(f"{name}=={version} is in pyproject.toml but not in {label}")
        elif lock[name] != {version}:
            out.append(f"{name}: pyproject.toml pins {version}, {label} {', '.join(sorted(lock[name]))}")
    return out


def unhashed(text: str) -> list[str]:
    """Lock lines that are not an exact pin with at least one sha256 hash."""
    return [
        e["line"]
        for e in lock_entries(text)
        if not e["name"] or not e["hashes"] or not all(h.startswith("sha256:") for h in e["hashes"])
    ]


def not_superset(book: dict[str, set[str]], test: dict[str, set[str]]) -> list[str]:
    """Packages of the book lock that the test lock lacks or pins differently."""
    return [
        f"{n}: requirements.lock {sorted(v)}, requirements-test.lock {sorted(test.get(n, []))}"
        for n, v in book.items()
        if test.get(n) != v
    ]


def environment_problems(text: str) -> list[str]:
    """environment.yml must ask for Python 3.11 and pip, and its pip section must install the test lock."""
    problems = []
    if not re.search(r"^\s+- python=3\.11\s*$", text, re.M):
        problems.append("environment.yml does not pin python=3.11")
    if not re.search(r"^\s+- pip\s*$", text, re.M):
        problems.append("environment.yml does not install pip")
    section = re.search(r"^\s+- pip:\s*\n((?:\s+- .*\n?)+)", text, re.M)
    lines = [line.strip()[2:].strip() for line in section.group(1).splitlines()] if section else []
    if "-r requirements-test.lock" not in lines:
        problems.append("environment.yml's pip section does not install -r requirements-test.lock")
    if other := [line for line in lines if line != "-r requirements-test.lock"]:
        problems.append(f"environment.yml's pip section has more than the lock: {other}")
    if "pip install --no-deps -e ." not in text:
        problems.append("environment.yml does not say how to install the package (pip install --no-deps -e .)")
    return problems


def machine_paths(text: str) -> list[str]:
    return [line for line in text.splitlines() if MACHINE.search(line)]


def installed_versions() -> dict[str, str]:
    """{name: version} of what is installed in this environment's own site-packages (dist-info only:
    once imported, setuptools puts the copies it vendors on sys.path, and their metadata must not
    pass for installed packages)."""
    import sysconfig
    from importlib.metadata import distributions

    site = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    return {canonical(d.metadata["Name"]): d.version for d in distributions(path=site)}


def not_installed_as_locked(text: str, installed: dict[str, str]) -> list[str]:
    """Lock entries that apply to this platform (their marker holds) but are not installed at the
    locked version."""
    from packaging.markers import Marker

    out = []
    for e in lock_entries(text):
        applies = e["name"] and (not e["marker"] or Marker(e["marker"]).evaluate())
        if applies and installed.get(e["name"]) != e["version"]:
            out.append(f"{e['name']}: locked {e['version']}, installed {installed.get(e['name'])}")
    return out


def problems() -> list[str]:
    book, test = lock_pins(BOOK_LOCK), lock_pins(TEST_LOCK)
    out = pins_missing_from_lock(pyproject_pins(), book, BOOK_LOCK.name)
    out += pins_missing_from_lock(pyproject_pins(extra="test"), test, TEST_LOCK.name)
    out += not_superset(book, test)
    for lock in LOCKS:
        out += [f"{lock.name}: no hash: {line}" for line in unhashed(lock.read_text(encoding="utf-8"))]
    out += environment_problems(ENVIRONMENT.read_text(encoding="utf-8"))
    for path in (*LOCKS, PYPROJECT, ENVIRONMENT, ROOT / "Makefile"):
        out += [f"{path.name} names a local index: {line}" for line in machine_paths(path.read_text(encoding="utf-8"))]
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "pyproject.toml, the locks and environment.yml agree")
    sys.exit(1 if found else 0)
