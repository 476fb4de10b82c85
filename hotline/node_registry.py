"""Table `cluster_nodes`: each node's heartbeat, and who recovers a node that went silent
(hotline/node_takeover.py). On its own MetaData (like asr_jobs), created by migration
cluster_0004; kept free of the service's heavier imports so migrations can load it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from hotline.ticketing.persistence.tables import NAMING_CONVENTION

# Its own MetaData, ticketing's naming convention: one consistent schema for Alembic.
metadata = MetaData(naming_convention=NAMING_CONVENTION)

# state: up (heartbeating) | stopped (SIGTERM, nothing left) | recovering (claimed by
# recovered_by until recovery_until) | recovered (its leftovers were taken over).
cluster_nodes = Table(
    "cluster_nodes",
    metadata,
    Column("node_id", String(64), primary_key=True),
    Column("state", String(16), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("recovered_by", String(64), nullable=True),
    Column("recovery_until", DateTime(timezone=True), nullable=True),
)


def _now() -> datetime:
    return datetime.now(UTC)


class NodeRegistry:
    """Row operations on `cluster_nodes` for one node; each method is one short transaction
    (blocking: async callers run it in a thread)."""

    def __init__(
        self,
        engine: Engine,
        node: str,
        *,
        lease_seconds: float,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.engine, self.node, self.clock = engine, node, clock
        self.lease = timedelta(seconds=lease_seconds)

    def heartbeat(self) -> None:
        """This node is up (inserts its row the first time). A claim on its recovery keeps
        its lease: the node may come back while another still replays its journal."""
        values = {"state": "up", "last_seen": self.clock()}
        with self.engine.begin() as conn:
            mine = cluster_nodes.c.node_id == self.node
            if conn.execute(update(cluster_nodes).where(mine).values(**values)).rowcount:
                return
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(cluster_nodes).values(node_id=self.node, **values))
        except IntegrityError:  # inserted by this node's twin meanwhile: the next beat updates
            pass

    def stopped(self) -> None:
        """Clean shutdown: nothing is left to recover."""
        with self.engine.begin() as conn:
            conn.execute(
                update(cluster_nodes)
                .where(cluster_nodes.c.node_id == self.node)
                .values(state="stopped", last_seen=self.clock())
            )

    def claim_dead(self) -> list[str]:
        """Nodes whose recovery this node won: silent for longer than the lease, or claimed
        by a node that died itself before finishing."""
        now = self.clock()
        claimable = and_(
            cluster_nodes.c.node_id != self.node,
            or_(
                and_(cluster_nodes.c.state == "up", cluster_nodes.c.last_seen < now - self.lease),
                and_(cluster_nodes.c.state == "recovering", cluster_nodes.c.recovery_until < now),
            ),
        )
        won: list[str] = []
        with self.engine.begin() as conn:
            candidates = conn.execute(select(cluster_nodes.c.node_id).where(claimable)).scalars()
            for dead in list(candidates):
                claimed = conn.execute(
                    update(cluster_nodes)
                    .where(and_(cluster_nodes.c.node_id == dead, claimable))
                    .values(
                        state="recovering", recovered_by=self.node, recovery_until=now + self.lease
                    )
                )
                if claimed.rowcount == 1:
                    won.append(dead)
        return won

    def recovered(self, dead: str) -> None:
        """Done with `dead` (unless it came back meanwhile: then it is `up` and stays so)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(cluster_nodes)
                .where(
                    and_(
                        cluster_nodes.c.node_id == dead,
                        cluster_nodes.c.state == "recovering",
                        cluster_nodes.c.recovered_by == self.node,
                    )
                )
                .values(state="recovered", recovery_until=None)
            )

    def own_claim_over(self) -> bool:
        """No other node is (still) recovering this node: nobody claimed it, the claimer
        finished, or the claim's lease ran out (the claimer died mid-replay)."""
        mine = cluster_nodes.c.node_id == self.node
        with self.engine.connect() as conn:
            until = conn.execute(select(cluster_nodes.c.recovery_until).where(mine)).scalar()
        if until is None:
            return True
        if until.tzinfo is None:  # SQLite returns naive datetimes (stored as UTC)
            until = until.replace(tzinfo=UTC)
        return until < self.clock()

    def states(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(cluster_nodes.c.node_id, cluster_nodes.c.state)).all()
        return {r.node_id: r.state for r in rows}
