"""A party sees only its own cases; anyone else gets 404, never 403 (issue 3, authorisation)."""


def test_a_stranger_cannot_see_or_touch_a_case(stranger, file_complaint):
    complaint = file_complaint()
    for response in (
        stranger.get(f"/complaints/{complaint['id']}"),
        stranger.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "x"}),
        stranger.post(f"/complaints/{complaint['id']}/withdraw"),
        stranger.post(f"/complaints/{complaint['id']}/decision", {"established": False, "reason": "x"}),
        stranger.post(f"/complaints/{complaint['id']}/evidence", {"kind": "im_evidence_number", "reference": "x"}),
    ):
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_parties_and_staff_see_the_case(buyer, seller, staff, file_complaint):
    complaint = file_complaint()
    for client in (buyer, seller, staff):
        assert client.get(f"/complaints/{complaint['id']}").status_code == 200


def test_lists_show_only_ones_own_cases(buyer, stranger, staff, file_complaint):
    file_complaint()
    assert len(buyer.get("/complaints").json()) == 1
    assert stranger.get("/complaints").json() == []
    assert len(staff.get("/complaints").json()) == 1


def test_a_sellers_penalties_are_its_own_and_staffs(buyer, seller, staff, stranger):
    assert seller.get("/sellers/seller_wang/penalties").status_code == 200
    assert staff.get("/sellers/seller_wang/penalties").status_code == 200
    assert buyer.get("/sellers/seller_wang/penalties").status_code == 404
    assert stranger.get("/sellers/nobody/penalties").status_code == 404


def test_the_openapi_description_and_docs_are_served(client, db):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    for path in ("/api/v1/trades/{trade_id}", "/api/v1/complaints", "/api/v1/penalties/{penalty_id}/appeal",
                 "/api/v1/appeals/{appeal_id}/decision", "/api/v1/sellers/{username}/penalties"):
        assert path in paths
    assert client.get("/api/v1/docs").status_code == 200


def test_staff_filter_the_case_list_like_the_queue(staff, seller, buyer, file_complaint):
    older = file_complaint("T1", behaviours=["threat"])  # stays open: answer due in 3 days
    newer = file_complaint("T2")
    seller.post(f"/complaints/{newer['id']}/answer", {"choice": "B", "explanation": "x"})
    staff.post(f"/complaints/{newer['id']}/decision", {"established": True, "tier": "serious", "reason": "r"})
    ids = lambda query: [c["id"] for c in staff.get(f"/complaints?{query}").json()]  # noqa: E731
    assert ids("tier=serious") == [newer["id"]]
    assert ids("behaviour=threat") == [older["id"]]
    assert ids("state=awaiting_answer") == [older["id"]]
    assert ids("rulebook=taobao-003-hiding") == [newer["id"], older["id"]]  # newest first
    # By deadline: the open case's answer (3 days) before the decided case's decision (4 working days).
    assert ids("rulebook=taobao-003-hiding&order=deadline") == [older["id"], newer["id"]]
    assert ids("rulebook=taobao-002-rule-text") == []
    assert len(buyer.get("/complaints?tier=serious").json()) == 1  # a buyer's filters stay within its own


def test_the_case_list_costs_the_same_queries_for_2_or_12_cases(staff, file_complaint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff.get("/complaints?limit=200").status_code == 200
        return len(queries)

    for i in range(2):
        file_complaint(f"A{i}")
    few = count()
    for i in range(10):
        file_complaint(f"B{i}")
    assert count() == few
