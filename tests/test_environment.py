"""environment.yml (for conda users) and requirements.lock (what make installs) must agree."""
import re
import sys

from acureview.paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from pins import environment_pins, lock_pins, mismatches, python_version  # noqa: E402


def test_environment_and_lock_agree():
    env, lock = environment_pins(), lock_pins()
    assert len(env) >= 10
    assert mismatches(env, lock) == []


def test_disagreement_is_reported():
    env = environment_pins()
    lock = dict(lock_pins())
    lock["pandas"] = "0.0.1"
    del lock["pymc"]
    problems = mismatches(env, lock)
    assert len(problems) == 2
    assert any("pandas" in p for p in problems) and any("pymc" in p for p in problems)


def test_python_is_311_everywhere():
    assert python_version() == "3.11"
    assert sys.version_info[:2] == (3, 11)


def test_lock_pins_every_package_with_hashes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    entries = [e for e in entries if not e.startswith("#")]
    assert len(entries) == len(lock_pins()) > 100
    for e in entries:
        assert "==" in e.splitlines()[0] and "--hash=sha256:" in e, e.splitlines()[0]


def test_installed_versions_are_the_locked_ones():
    import sysconfig
    from importlib.metadata import distributions

    from pins import canonical

    # Only the environment's own site-packages: once imported, setuptools puts the copies it vendors
    # on sys.path, and their metadata must not pass for installed packages.
    site = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed = {canonical(d.metadata["Name"]): d.version for d in distributions(path=site)}
    wrong = {n: (v, installed.get(n)) for n, v in lock_pins().items() if installed.get(n) != v}
    assert not wrong
