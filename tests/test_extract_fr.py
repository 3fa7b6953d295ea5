"""Our own French reports: stage races and one-day races, with their expected facts."""

import pytest
from extraction_cases import cases, check_report


@pytest.mark.parametrize("path", cases("fr"), ids=lambda p: p.name)
def test_report(path):
    check_report(path)


def test_enough_french_reports():
    assert len(cases("fr")) >= 5
