import pytest

from science4peace.catalog.demo import load_demo
from science4peace.catalog.domain.queries import experiment_type_counts
from science4peace.catalog.models import RecordVersion

pytestmark = pytest.mark.django_db


def test_demo_loads_a_thousand_real_records_idempotently():
    first = load_demo()
    again = load_demo()
    counts = experiment_type_counts()
    assert (first, again, RecordVersion.objects.count()) == (1005, 1005, 0)
    assert {e for e, _ in counts} == {"ALICE", "ATLAS", "CMS", "DELPHI", "LHCb"}
    assert {t for _, t in counts} == {
        "Dataset",
        "Documentation",
        "Environment",
        "Software",
        "Supplementaries",
    }
    assert counts[("CMS", "Dataset")] == 330
