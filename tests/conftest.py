import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    """Hand-made gold for the seeds (a copy of ../shared/gold/seeds.json)."""
    return json.loads((DATA / "seeds_gold.json").read_text(encoding="utf-8"))
