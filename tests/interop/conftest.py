"""Fixtures: the emulator processes the suite drives, and official clients pointed at them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from interop_helpers import Emulator


@pytest.fixture(scope="session")
def emulator():
    """The shared plain-HTTP emulator (in-memory). Tests use unique ids, so they can share it."""
    emu = Emulator(args=["--log-level", "warning"]).start()
    yield emu
    emu.stop()


@pytest.fixture(scope="session")
def client(emulator):
    with emulator.client() as c:
        yield c


@pytest.fixture()
def fresh_emulator():
    """A private, empty emulator for tests that count everything a query returns."""
    emu = Emulator(args=["--log-level", "warning"]).start()
    yield emu
    emu.stop()


@pytest.fixture()
def tmp_dir():
    path = Path(tempfile.mkdtemp(prefix="dpsbulk-interop-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def pytest_runtest_makereport(item, call):  # noqa: D103 - attach emulator stderr to failures
    if call.when != "call" or call.excinfo is None:
        return
    for name in ("emulator", "fresh_emulator"):
        emu = item.funcargs.get(name) if hasattr(item, "funcargs") else None
        if isinstance(emu, Emulator):
            text = emu.stderr_text(2000)
            if text:
                item.add_report_section("call", f"{name} stderr (tail)", text)
