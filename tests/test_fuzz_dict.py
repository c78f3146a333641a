"""tests/fuzz/plan.dict, the fuzzer's dictionary of the plan format, is what the models make now."""

from __future__ import annotations

from chairplan import model
from tests.fuzz import make_dict


def test_the_dictionary_is_up_to_date() -> None:
    committed = make_dict.DICT.read_text(encoding="ascii")
    assert committed == make_dict.render(), (
        "tests/fuzz/plan.dict is stale (a field, choice, rule or form changed): "
        "run python3 tests/fuzz/make_dict.py and commit plan.dict"
    )


def test_every_key_of_every_model_is_in_it() -> None:
    words = set(make_dict.DICT.read_text(encoding="ascii").splitlines())
    for cls in make_dict.models():
        for key in model.fields(cls):
            assert f'"{key}:"' in words, f"{cls.__name__}.{key}"
    for name in ("Event", "Deliverable", "Settings", "Timed", "Derived", "Waiver", "Source"):
        assert getattr(model, name) in make_dict.models(), name


def test_every_word_is_one_libfuzzer_reads() -> None:
    """libFuzzer's ParseDictionaryFile: a comment, or "..." of printable ASCII with \\\\, \\" and
    \\xNN escapes, 1 to 64 bytes."""
    import re

    entry = re.compile(r'"((?:[ !#-\[\]-~]|\\\\|\\"|\\x[0-9a-f]{2})+)"')
    for line in make_dict.DICT.read_text(encoding="ascii").splitlines():
        if not line or line.startswith("#"):
            continue
        found = entry.fullmatch(line)
        assert found, line
        size = len(re.sub(r"\\x[0-9a-f]{2}|\\.", "_", found.group(1)))
        assert 1 <= size <= make_dict.MAX_TOKEN, line
