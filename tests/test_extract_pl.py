import pytest
from extraction_cases import cases, check_report


@pytest.mark.parametrize("path", cases("pl"), ids=lambda p: p.name)
def test_report(path):
    check_report(path)


def test_enough_reports():
    assert len(cases("pl")) >= 5
