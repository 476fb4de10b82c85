"""type_shares.shares_moved: a misled type's whole share goes to the type a reading reads."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.type_shares import shares_moved


def test_each_kinds_whole_share_moves_and_the_others_keep_theirs() -> None:
    shares = {"complaint": 0.5, "help": 0.2, "report": 0.1, "consult": 0.2}
    moved = shares_moved(shares, ("complaint", "help"), "report")
    assert moved == pytest.approx({"report": 0.8, "consult": 0.2})
    assert shares["complaint"] == 0.5  # the input is left as it was


def test_the_type_read_gets_a_share_where_it_had_none() -> None:
    assert shares_moved({"complaint": 1.0}, ("complaint",), "help") == {"help": 1.0}


def test_nothing_to_move_changes_nothing() -> None:
    assert shares_moved({"consult": 0.7, "suggestion": 0.3}, ("help",), "complaint") == {
        "consult": 0.7,
        "suggestion": 0.3,
    }
    assert shares_moved({}, ("complaint",), "report") == {}
