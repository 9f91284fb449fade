"""The pins of environment.yml's pip section and of requirements.lock, read alike.

``python tools/pins.py`` prints environment.yml's pins as a requirements file (the input of
``make lock``); the tests use the same functions to check that the two files agree.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def environment_pins(path: Path = ROOT / "environment.yml") -> dict[str, str]:
    """{name: version} of the pip section (every entry must be an exact pin)."""
    pins, in_pip = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s+- pip:\s*$", line):
            in_pip = True
            continue
        if in_pip:
            m = re.match(r"^\s+- (\S+)\s*$", line)
            if not m:
                break
            pin = PIN.match(m.group(1))
            if not pin:
                raise ValueError(f"{path.name}: '{m.group(1)}' is not an exact pin (name==version)")
            pins[canonical(pin.group(1))] = pin.group(2)
    return pins


def python_version(path: Path = ROOT / "environment.yml") -> str:
    m = re.search(r"^\s+- python=(\S+)\s*$", path.read_text(encoding="utf-8"), re.M)
    return m.group(1) if m else ""


def lock_pins(path: Path = ROOT / "requirements.lock") -> dict[str, str]:
    """{name: version} of every package in the lock."""
    return {canonical(m.group(1)): m.group(2)
            for m in map(PIN.match, path.read_text(encoding="utf-8").splitlines()) if m}


def mismatches(env: dict[str, str], lock: dict[str, str]) -> list[str]:
    """Every top-level pin of environment.yml that the lock lacks or pins differently."""
    out = []
    for name, version in env.items():
        if name not in lock:
            out.append(f"{name}=={version} is in environment.yml but not in requirements.lock")
        elif lock[name] != version:
            out.append(f"{name}: environment.yml pins {version}, requirements.lock {lock[name]}")
    return out


if __name__ == "__main__":
    sys.stdout.write("".join(f"{n}=={v}\n" for n, v in environment_pins().items()))
