"""#14.7: `hotline tickets list/show` print times in the catalogue's zone (Asia/Shanghai),
not UTC; the JSON output stays ISO 8601 with its offset."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hotline.ticketing import services
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.timezone import local_time

from tests.fixtures.cli import HotlineCli


def test_ticket_times_are_shown_in_the_catalogue_zone(
    hotline_cli: HotlineCli, database: Database, migrated_url: str
):
    new = services.NewTicket(received_at=datetime(2026, 1, 5, 23, 30, tzinfo=UTC))
    ticket = services.create_draft(database.uow(), new)
    hotline_cli.env["HOTLINE_DATABASE_URL"] = migrated_url
    listed = hotline_cli("tickets", "list")
    assert "2026-01-06 07:30" in listed.stdout, listed.stdout
    shown = hotline_cli("tickets", "show", str(ticket.id))
    assert "received_at: 2026-01-06 07:30:00" in shown.stdout, shown.stdout
    assert "+00:00" not in shown.stdout
    data = json.loads(hotline_cli("tickets", "show", str(ticket.id), "--json").stdout)
    assert data["received_at"] == "2026-01-05T23:30:00+00:00"


def test_local_time_helper():
    t = datetime(2026, 12, 2, 12, 5, tzinfo=UTC)
    assert local_time(t, "Asia/Shanghai") == "2026-12-02 20:05"
    assert local_time(t, "Asia/Shanghai", seconds=True) == "2026-12-02 20:05:00"
    assert local_time(t.replace(tzinfo=None), "Asia/Shanghai") == "2026-12-02 20:05"
    assert local_time(t, "Not/AZone") == "2026-12-02 20:05"  # falls back to the default zone
    assert local_time(None, "Asia/Shanghai") == ""
