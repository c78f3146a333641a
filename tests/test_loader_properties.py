"""Properties of the loader: any bytes at all give a plan or a located PlanError, never anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chairplan.errors import PlanError
from chairplan.plan.load import load_bytes
from tests.conftest import REPO

BUNDLED = sorted((REPO / "schedules").glob("*.yaml"))
TEXTS = [p.read_bytes() for p in BUNDLED]
YAML_BITS = [
    b": ",
    b"- ",
    b"\n",
    b"  ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!str ",
    b"---\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"'",
    b'"',
    b"#",
    b"\t",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\x00",
    b"\xe9",
    b"..",
    b"2026-02-30",
    b"Q5 2026",
    b"\\e",
    b"|\n",
    b">-\n",
    b"\xe2\x80\xa8",
    b"?",
    b"%YAML 1.1\n",
    b"when: ",
    b"id: ",
]


def load_or_plan_error(data: bytes) -> None:
    try:
        load_bytes(data, "schedules/x.yaml")
    except PlanError as exc:
        assert exc.problems, "a PlanError always carries located problems"
        for p in exc.problems:
            assert p.file == "schedules/x.yaml" and p.line >= 1 and p.column >= 1 and p.message


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_random_bytes(data: bytes) -> None:
    load_or_plan_error(data)


@st.composite
def mutated_plan(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(TEXTS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        match draw(st.sampled_from(["insert", "delete", "replace"])):
            case "insert":
                data[at:at] = draw(st.sampled_from(YAML_BITS) | st.binary(max_size=4))
            case "delete":
                del data[at : at + draw(st.integers(1, 40))]
            case _:
                data[at : at + 1] = draw(st.sampled_from(YAML_BITS))
    return bytes(data)


@given(mutated_plan())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(b"a: &x [*x]\n")
@example(b"[" * 5000)
@example(b"- " * 3000 + b"x\n")
def test_mutations_of_the_bundled_plan(data: bytes) -> None:
    load_or_plan_error(data)


def test_bundled_files_load(tmp_path: Path) -> None:
    for path, data in zip(BUNDLED, TEXTS, strict=True):
        assert load_bytes(data, path.name).model


def same_reading(data: bytes) -> None:
    """The fast reader gives the located reader's data, and refuses exactly what it refuses."""
    from chairplan.errors import PlanError
    from chairplan.plan import yamltree

    try:
        text = yamltree.decode(data, "x.yaml")
    except PlanError:
        return
    try:
        expected: object = yamltree.to_data(yamltree.parse(text, "x.yaml"))
    except PlanError as exc:
        expected = exc.problems
    try:
        got: object = yamltree.parse_data(text, "x.yaml")
    except PlanError as exc:
        got = exc.problems
    assert got == expected


@given(mutated_plan())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fast_reader_agrees_with_the_located_reader(data: bytes) -> None:
    same_reading(data)


@given(st.binary(max_size=500))
@settings(max_examples=200, deadline=None)
def test_fast_reader_agrees_on_random_bytes(data: bytes) -> None:
    same_reading(data)


def test_fast_reader_agrees_on_every_catalogue_input() -> None:
    for path in sorted((REPO / "tests" / "bad_inputs").rglob("*.yaml")):
        same_reading(path.read_bytes())
    for data in TEXTS:
        same_reading(data)
