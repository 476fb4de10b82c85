"""`hotline serve` runs the SIP/RTP stack on uvloop when it is installed (it is a
dependency): per-packet event-loop overhead is most of a node's CPU under load."""

from __future__ import annotations

import pytest

from hotline.serve import _new_loop


def test_serve_uses_uvloop_when_installed() -> None:
    uvloop = pytest.importorskip("uvloop")
    loop = _new_loop()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
