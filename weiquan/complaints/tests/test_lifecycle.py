"""The whole story through the API: file, answer, decide, penalise, appeal (RULES 3-8)."""

from weiquan.audit.services import verify_chain


def test_a_harassed_buyer_gets_the_seller_penalised_and_the_seller_appeals(
    buyer, seller, staff, file_complaint
):
    filed = file_complaint()
    assert filed["state"] == "awaiting_answer"
    assert filed["rulebook"] == "taobao-003-hiding"

    answered = seller.post(f"/complaints/{filed['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "awaiting_decision"

    decided = staff.post(f"/complaints/{filed['id']}/decision",
                         {"established": True, "tier": "serious", "reason": "通话记录显示一小时内拨打20次",
                          "behaviours_found": ["frequent_contact"]})
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["state"] == "established" and body["tier"] == "serious"
    assert body["behaviours_found"] == ["frequent_contact"]

    penalties = seller.get("/sellers/seller_wang/penalties").json()
    assert penalties["periods"][0]["points"] == 12  # RULES 6: serious = 12 points in 003's variant
    penalty_id = penalties["penalties"][0]["id"]

    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"})
    assert appeal.status_code == 201, appeal.content
    upheld = staff.post(f"/appeals/{appeal.json()['id']}/decision", {"upheld": True, "reason": "证据成立"})
    assert upheld.json()["state"] == "upheld"

    after = seller.get("/sellers/seller_wang/penalties").json()
    assert after["periods"][0]["points"] == 0
    assert [e["kind"] for e in after["entries"]] == ["penalty", "reversal"]

    from weiquan.audit.services import seal_pending

    seal_pending()
    checked, broken, unsealed = verify_chain()
    assert broken is None and unsealed == 0 and checked >= 6
