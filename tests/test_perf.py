"""Performance guards that are about behaviour, not timings."""

from __future__ import annotations

import pytest
import yaml

from gendan import yamlio


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_reader_uses_libyaml():
    assert yamlio._Parser is not yamlio._PyParser
    assert issubclass(yamlio.StrictLoader, yaml.cyaml.CParser)


def test_problems_worded_by_the_reference_parser():
    # libyaml says "did not find expected ',' or ']'" at another line; the report must not change
    text = "a: [1, 2\nb: 3\n"
    with pytest.raises(yamlio.InvalidFile) as e:
        yamlio.loads(text, "f.yaml")
    with pytest.raises(yamlio.InvalidFile) as ref:
        yamlio._loads(text, "f.yaml", yamlio._PyStrictLoader, yamlio._PyComposer)
    assert e.value.problems == ref.value.problems
