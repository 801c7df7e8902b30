"""Fixtures only; the helpers that tests import are in `tests/helpers.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_examples


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A private copy of examples/orders."""
    return copy_examples(tmp_path / "examples")
