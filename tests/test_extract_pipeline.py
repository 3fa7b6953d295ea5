"""Our own reports about other races, riders and towns than the seeds (English, Dutch)."""

import pytest
from extraction_cases import cases, check_report


@pytest.mark.parametrize("path", cases("pipeline"), ids=lambda p: p.name)
def test_report(path):
    check_report(path)
