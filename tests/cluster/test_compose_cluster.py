"""docker/compose.yaml runs two nodes behind Kamailio; the Kamailio configuration it
mounts is the one tests/cluster/test_cluster.py runs, and Kamailio accepts it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from tests.fixtures.kamailio import CLUSTER_CFG, KAMAILIO, needs_kamailio

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def test_compose_has_kamailio_in_front_of_two_named_nodes() -> None:
    services = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))["services"]
    a, b = services["hotline"]["environment"], services["hotline-b"]["environment"]
    assert a["HOTLINE_DATABASE_URL"] == b["HOTLINE_DATABASE_URL"]  # one database
    assert a["HOTLINE_CLUSTER__NODE_ID"] != b["HOTLINE_CLUSTER__NODE_ID"]
    assert services["hotline"]["volumes"] == services["hotline-b"]["volumes"]  # shared data
    ports = {a["HOTLINE_SIP_PORT"], b["HOTLINE_SIP_PORT"]}
    listed = set(re.findall(r"sip:127\.0\.0\.1:(\d+)", (DOCKER / "dispatcher.list").read_text()))
    assert listed == ports
    mounts = services["kamailio"]["volumes"]
    assert "./kamailio.cfg:/etc/kamailio/kamailio.cfg:ro" in mounts
    assert CLUSTER_CFG == DOCKER / "kamailio.cfg"


@needs_kamailio
def test_kamailio_accepts_the_shipped_configuration() -> None:
    assert KAMAILIO is not None
    result = subprocess.run(
        [KAMAILIO, "-c", "-f", str(CLUSTER_CFG)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
