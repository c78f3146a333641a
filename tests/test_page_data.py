"""export/html.py PageData: the page's data, written in pieces, is what Jinja's tojson writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chairplan import api
from chairplan.export import html

from .feedtools import REPO, copy_plan

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.text(max_size=6, alphabet="ab<>&'\"é\u2028")
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=4, alphabet="ab<&"), VALUES, max_size=4), st.integers(1, 3))
def test_the_pieces_are_tojson(value: dict[str, object], rows: int) -> None:
    html.ROWS = rows  # lists longer than a batch are written in several
    try:
        template = html.environment().from_string("{{ value|tojson }}")
        assert "".join(html.PageData(value).pieces()) == template.render(value=value)
    finally:
        html.ROWS = 1000


def test_a_page_written_in_small_parts_is_the_same_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces over LARGE_PIECE are encoded in parts, and PIECES at a time are joined: neither
    changes a byte of the bundled plan's pages."""
    root = copy_plan(REPO, tmp_path / "plan")
    whole = {name: b"".join(chunks) for name, chunks in _files(root).items()}
    monkeypatch.setattr(html, "LARGE_PIECE", 7)  # nearly every macro's output is "large"
    monkeypatch.setattr(html, "PIECES", 3)
    parted = {name: b"".join(chunks) for name, chunks in _files(root).items()}
    assert parted == whole and b'id="page-data">{"bodies":' in whole["index.html"]


def _files(root: Path) -> dict[str, Iterable[bytes]]:
    return api.site_files(root, dt.datetime(2026, 3, 10, tzinfo=dt.UTC))
