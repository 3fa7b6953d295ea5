"""German extraction cases: tests/reports/de/*.txt against their .yml facts."""

import pytest
from extraction_cases import cases, check_report


def test_enough_cases():
    assert len(cases("de")) >= 5


@pytest.mark.parametrize("path", cases("de"), ids=lambda p: p.name)
def test_report(path):
    check_report(path)
