"""Moved to tests.fixtures.sipp and tests.fixtures.kamailio; this name keeps older imports
working."""

from tests.fixtures.kamailio import KAMAILIO
from tests.fixtures.sipp import answer_then_keys, reject, ring_until_cancel

__all__ = ["KAMAILIO", "answer_then_keys", "reject", "ring_until_cancel"]
