"""No Docker engine runs on these machines: the compose file is validated against the
compose-spec JSON schema (tests/deploy/fixtures/compose-spec.schema.json) and the files'
settings are checked against each other; test_image_entrypoint.py runs the image's
commands outside Docker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker" / "compose.yaml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"
SCHEMA = Path(__file__).parent / "fixtures" / "compose-spec.schema.json"


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _validate(document: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)


def test_compose_file_is_valid_compose_spec() -> None:
    _validate(_compose())


@pytest.mark.parametrize(
    "breakage",
    [
        lambda c: c["services"]["hotline"].update(enviroment={}),  # misspelt key
        lambda c: c["services"]["hotline"]["depends_on"]["db"].update(condition="healthy"),
        lambda c: c["services"]["hotline"]["healthcheck"].update(test={"cmd": "x"}),
        lambda c: c.update(volume={}),
    ],
)
def test_schema_catches_mistakes(breakage) -> None:  # type: ignore[no-untyped-def]
    compose = _compose()
    breakage(compose)
    with pytest.raises(jsonschema.ValidationError):
        _validate(compose)


def test_compose_references_image_database_and_volumes() -> None:
    compose = _compose()
    service = compose["services"]["hotline"]
    assert service["image"] == "hotline:latest"
    assert service["build"]["dockerfile"] == "docker/Dockerfile"
    assert DOCKERFILE.is_file()
    url = service["environment"]["HOTLINE_DATABASE_URL"]
    # Host network: the database is the port db publishes on the host, not its name.
    assert service["network_mode"] == "host"
    assert url.startswith("postgresql+psycopg://") and "@127.0.0.1:5432/" in url
    assert "127.0.0.1:5432:5432" in compose["services"]["db"]["ports"]
    assert "db" in compose["services"] and "db" in service["depends_on"]
    mounts = {v.split(":")[1] for v in service["volumes"]}
    assert {"/data", "/models"} <= mounts
    assert service["environment"]["HOTLINE_DATA_DIR"] == "/data"
    for volume in service["volumes"]:
        assert volume.split(":")[0] in compose["volumes"]


def test_no_secret_has_a_default() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    # ${VAR:?message} makes compose refuse to start without it; ${VAR:-x} would be a default.
    assert re.findall(r"\$\{POSTGRES_PASSWORD:([?-])", text) == ["?", "?"]
    assert "HOTLINE_SECRET_KEY:" not in text  # generated into the data volume unless set
    assert (
        "SECRET_KEY"
        not in DOCKERFILE.read_text(encoding="utf-8").split("ENV", 1)[1].split("VOLUME")[0]
    )


def test_dockerfile_paths_match_compose_volumes() -> None:
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"HOTLINE_DATA_DIR=/data\b", dockerfile)
    assert re.search(r"HOTLINE_MODEL_PATH=/models/", dockerfile)
    assert 'VOLUME ["/data", "/models"]' in dockerfile
    assert 'CMD ["hotline", "serve"]' in dockerfile
    assert "/healthz" in dockerfile  # HEALTHCHECK: 503 (failed) marks the container unhealthy
    # Every package the image copies exists in the repository.
    for name in re.findall(r"^COPY (\w+) \./", dockerfile, flags=re.M):
        assert (ROOT / name).is_dir(), name
