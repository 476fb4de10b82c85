"""Moved to tests.fixtures.service; this name keeps older imports working."""

from tests.fixtures.service import HotlineServer, make_server, write_tone_wav

__all__ = ["HotlineServer", "make_server", "write_tone_wav"]
