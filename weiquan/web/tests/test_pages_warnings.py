"""Sellers, protect (营商保): protection per store, the two lists, confirm / normal /
ignore, batch confirmation, closing only with the buyer's agreement, the complaint centre
and agencies (RULES 1.3, 9.1-9.6)."""

from weiquan.members.models import AgencyGrant
from weiquan.trades.models import Trade
from weiquan.warnings.models import MaliciousComplaint, OrderClosure, OrderWarning, Protection

from .helpers import page_client


def test_the_owner_turns_protection_on_and_off(seller, store_id):
    """RULES 9.1: a seller with the protection tool gets warnings."""
    client = page_client(seller)
    assert "王记小店" in client.get("/seller/stores/").content.decode()
    client.post(f"/seller/stores/{store_id}/protection/", {"enabled": "on"})
    assert Protection.objects.get(store_id=store_id).enabled
    client.post(f"/seller/stores/{store_id}/protection/", {})
    assert not Protection.objects.get(store_id=store_id).enabled


def test_a_stranger_cannot_see_or_switch_a_store(stranger, store_id, protected, raise_warning):
    warning = raise_warning()
    client = page_client(stranger)
    assert client.get(f"/seller/stores/{store_id}/warnings/").status_code == 404
    assert client.get(f"/seller/warnings/{warning['id']}/").status_code == 404
    assert client.post(f"/seller/stores/{store_id}/protection/", {}).status_code == 404
    assert client.get(f"/seller/stores/{store_id}/agencies/").status_code == 404
    assert Protection.objects.get(store_id=store_id).enabled


def test_the_two_lists_say_what_the_platform_did(seller, protected, raise_warning, open_trade):
    """RULES 9.1: handled by the platform (with what it did) and pending the seller."""
    open_trade("T1002")
    raise_warning("T1001", handled=True, platform_actions=["metrics_cleaned"])
    raise_warning("T1002", type="review_extortion", reason="差评后索要赔偿")
    client = page_client(seller)
    handled = client.get(f"/seller/stores/{protected}/warnings/?list=handled").content.decode()
    assert "T1001" in handled and "the store&#x27;s metrics were cleaned" in handled and "T1002" not in handled
    pending = client.get(f"/seller/stores/{protected}/warnings/").content.decode()
    assert "T1002" in pending and "needs evidence to confirm" in pending and 'name="warning_ids"' in pending


def test_confirming_a_warning_that_needs_evidence_is_refused_without_it(seller, protected, raise_warning,
                                                                        evidence_number):
    """RULES 9.2: confirm with evidence where the type needs it."""
    warning = raise_warning(type="review_extortion")
    client = page_client(seller)
    refused = client.post(f"/seller/warnings/{warning['id']}/confirm/", {"kind": "", "note": "买家要红包"})
    assert refused.status_code == 422
    assert "confirmed only with evidence" in refused.content.decode() and "买家要红包" in refused.content.decode()
    number = evidence_number(seller)
    done = client.post(f"/seller/warnings/{warning['id']}/confirm/",
                       {"kind": "im_evidence_number", "reference": number, "note": ""})
    assert done.status_code == 302
    found = OrderWarning.objects.get(pk=warning["id"])
    assert found.state == "confirmed" and found.evidence.get().reference == number


def test_marking_normal_needs_the_final_tick_and_then_is_final(seller, protected, raise_warning, platform):
    """RULES 9.2, 9.4: verified normal is final."""
    warning = raise_warning()
    client = page_client(seller)
    page = client.get(f"/seller/warnings/{warning['id']}/").content.decode()
    assert "This is final" in page and "Do not close a warned order on your own" in page  # RULES 9.6
    refused = client.post(f"/seller/warnings/{warning['id']}/normal/", {})
    assert refused.status_code == 422 and OrderWarning.objects.get(pk=warning["id"]).state == "pending"
    assert client.post(f"/seller/warnings/{warning['id']}/normal/", {"final": "on"}).status_code == 302
    assert OrderWarning.objects.get(pk=warning["id"]).state == "normal"
    later = platform.post("/warnings", {"trade_id": "T1001", "type": "malicious_return"})
    assert later.json()["code"] == "order_marked_normal"


def test_ignore_takes_it_off_the_pending_list(seller, protected, raise_warning):
    warning = raise_warning()
    client = page_client(seller)
    assert client.post(f"/seller/warnings/{warning['id']}/ignore/").status_code == 302
    assert "T1001" not in client.get(f"/seller/stores/{protected}/warnings/").content.decode()
    assert "T1001" in client.get(f"/seller/stores/{protected}/warnings/?list=judged").content.decode()


def test_batch_confirmation_is_refused_naming_the_warnings_that_need_evidence(seller, protected, raise_warning,
                                                                               open_trade):
    """RULES 9.3: nothing is confirmed, and the refusal names the orders."""
    open_trade("T1002")
    plain = raise_warning("T1001")
    needs = raise_warning("T1002", type="malicious_return")
    client = page_client(seller)
    refused = client.post(f"/seller/stores/{protected}/warnings/confirm/", {"warning_ids": [plain["id"], needs["id"]]})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "cannot be confirmed in a batch" in page and "T1002 (a malicious return" in page
    assert f'id="warning-{needs["id"]}" class="flagged"' in page and f'value="{plain["id"]}" id="pick-{plain["id"]}" checked' in page
    assert set(OrderWarning.objects.values_list("state", flat=True)) == {"pending"}
    done = client.post(f"/seller/stores/{protected}/warnings/confirm/", {"warning_ids": [plain["id"]]})
    assert done.status_code == 302 and OrderWarning.objects.get(pk=plain["id"]).state == "confirmed"


def test_closing_a_warned_order_asks_the_buyer_who_agrees(seller, buyer, protected, raise_warning):
    """RULES 9.6: never alone; the order closes when the buyer agrees."""
    warning = raise_warning()
    assert page_client(seller).post(f"/seller/warnings/{warning['id']}/close/", {}).status_code == 302
    assert Trade.objects.get(external_id="T1001").status == "paid"
    buyer_client = page_client(buyer)
    assert "/closures/" in buyer_client.get("/inbox/").content.decode()
    closure = OrderClosure.objects.get()
    assert "T1001" in buyer_client.get("/closures/").content.decode()
    buyer_client.post("/closures/", {"closure_id": closure.pk, "agree": "yes"})
    assert Trade.objects.get(external_id="T1001").status == "closed"
    again = page_client(seller).post(f"/seller/warnings/{warning['id']}/close/", {})
    assert again.status_code == 409 and "still in progress" in again.content.decode()


def test_the_seller_files_a_malicious_behaviour_complaint_and_a_missing_evidence_is_refused(
        seller, protected, raise_warning, evidence_number):
    """RULES 9.5."""
    warning = raise_warning()
    client = page_client(seller)
    form = client.get(f"/seller/malicious/?trade_id=T1001&warning_id={warning['id']}").content.decode()
    assert 'value="T1001"' in form
    refused = client.post("/seller/malicious/", {"trade_id": "T1001", "warning_id": warning["id"],
                                                 "reason": "收货后退回空包", "kind": ""})
    assert refused.status_code == 422 and "needs evidence" in refused.content.decode()
    assert "收货后退回空包" in refused.content.decode()
    unknown = client.post("/seller/malicious/", {"trade_id": "NOPE", "reason": "x", "kind": "other", "note": "x"})
    assert unknown.status_code == 404 and "no such order" in unknown.content.decode()
    number = evidence_number(seller)
    done = client.post("/seller/malicious/", {"trade_id": "T1001", "warning_id": warning["id"], "reason": "收货后退回空包",
                                              "kind": "im_evidence_number", "reference": number})
    assert done.status_code == 302
    case = MaliciousComplaint.objects.get()
    assert case.warning_id == warning["id"]
    assert "T1001" in client.get("/seller/malicious/").content.decode()


def test_the_owner_grants_an_agency_which_then_serves_the_store(seller, agency, protected, raise_warning):
    """RULES 1.3: rights per store; revoked, the store is gone for the agency."""
    warning = raise_warning()
    owner = page_client(seller)
    unknown = owner.post(f"/seller/stores/{protected}/agencies/", {"username": "nobody", "rights": ["handle_warnings"]})
    assert unknown.status_code == 404 and "There is no such member." in unknown.content.decode()
    owner.post(f"/seller/stores/{protected}/agencies/", {"username": "agency_yun", "rights": ["handle_warnings"]})
    assert AgencyGrant.objects.filter(agency=agency.member, revoked_at__isnull=True).count() == 1
    client = page_client(agency)
    stores = client.get("/seller/stores/").content.decode()
    assert 'href="/seller/stores/"' in stores  # the agency's navigation leads to the stores it serves
    assert "王记小店" in stores and "you serve this store as an agency" in stores and "/agencies/" not in stores
    assert client.post(f"/seller/warnings/{warning['id']}/ignore/").status_code == 302
    assert OrderWarning.objects.get(pk=warning["id"]).decided_label == "agency agency_yun for store 王记小店"
    assert client.get(f"/seller/stores/{protected}/agencies/").status_code == 404  # only the owner
    owner.post(f"/seller/stores/{protected}/agencies/", {"username": "agency_yun", "revoke": "1"})
    assert client.get(f"/seller/stores/{protected}/warnings/").status_code == 404
    assert "王记小店" not in client.get("/seller/stores/").content.decode()
