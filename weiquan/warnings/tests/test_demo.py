import pytest

from weiquan.members.models import Store
from weiquan.warnings.demo import load_demo_warnings
from weiquan.warnings.models import OrderWarning

pytestmark = pytest.mark.django_db


def test_demo_warnings_fill_both_lists_and_can_be_loaded_twice(make_trade, seller):
    make_trade("T1001")
    store = Store.objects.get(name="王记小店")
    first = load_demo_warnings([store], ["demo_buyer_a", "demo_buyer_b"])
    assert first["warnings"] >= 6 and first["detectors"]["shared_identity"] == 3
    again = load_demo_warnings([store.name], ["demo_buyer_a", "demo_buyer_b"])
    assert again["warnings"] == first["warnings"]
    handled = seller.get(f"/stores/{store.pk}/warnings?list=handled").json()["warnings"]
    pending = seller.get(f"/stores/{store.pk}/warnings?list=pending").json()["warnings"]
    assert len(handled) == 1 and len(pending) >= 5
    assert OrderWarning.objects.filter(evidence_required=True).exists()
