"""No Docker engine runs on these machines: check the files' content instead."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_references_image_database_and_volumes() -> None:
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["hotline"]
    assert service["image"] == "hotline:latest"
    assert service["build"]["dockerfile"] == "docker/Dockerfile"
    assert (ROOT / "docker" / "Dockerfile").is_file()
    url = service["environment"]["HOTLINE_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@db:5432/" in url
    assert "db" in compose["services"] and "db" in service["depends_on"]
    mounts = {v.split(":")[1] for v in service["volumes"]}
    assert {"/data/recordings", "/models"} <= mounts
    for volume in service["volumes"]:
        assert volume.split(":")[0] in compose["volumes"]


def test_dockerfile_paths_match_compose_volumes() -> None:
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"HOTLINE_RECORDINGS_DIR=/data/recordings", dockerfile)
    assert re.search(r"HOTLINE_MODEL_PATH=/models/", dockerfile)
    assert 'CMD ["hotline", "serve"]' in dockerfile
    # Every package the image copies exists in the repository.
    for name in re.findall(r"^COPY (\w+) \./", dockerfile, flags=re.M):
        assert (ROOT / name).is_dir(), name
