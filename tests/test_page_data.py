"""export/html.py PageData: the page's data, written in pieces, is what Jinja's tojson writes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chairplan.export import html

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
