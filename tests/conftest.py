"""Shared fixtures live in tests/fixtures/*; each area owns its own module."""

pytest_plugins = [
    "tests.fixtures.common",
    "tests.fixtures.routing",
    "tests.fixtures.db",
    "tests.fixtures.cli",
    "tests.fixtures.vosk",
    "tests.fixtures.media",
    "tests.fixtures.sip",
    "tests.fixtures.followup",
    "tests.fixtures.web",
]
