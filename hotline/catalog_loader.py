"""Reads the catalogue file named in the settings."""

from __future__ import annotations

from pathlib import Path

import yaml

from hotline.settings import DEFAULT_CATALOG_FILE
from hotline.ticketing.catalog import Catalog


def load_catalog(path: Path | None = None) -> Catalog:
    path = path or DEFAULT_CATALOG_FILE
    return Catalog.from_mapping(yaml.safe_load(path.read_text(encoding="utf-8")))
