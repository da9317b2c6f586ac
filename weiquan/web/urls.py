from django.contrib.auth.views import LogoutView
from django.urls import path

from . import (
    views,
    views_buyer,
    views_detect,
    views_privacy,
    views_seller,
    views_staff,
    views_warnings,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("inbox/", views.inbox, name="inbox"),
    path("logout/", LogoutView.as_view(next_page="login"), name="logout"),
    # Buyers, path 1 (RULES 3.2): 我的淘宝 → 已买到的宝贝 → the order → 投诉卖家 → 恶意骚扰维权
    path("orders/", views_buyer.orders, name="buyer_orders"),
    path("orders/<str:trade_id>/", views_buyer.order, name="buyer_order"),
    path("orders/<str:trade_id>/complain/", views_buyer.order_complain, name="order_complain"),
    # Buyers, path 2: 消费者维权中心 → 我要发起维权 → pick the order → 投诉维权 → 恶意骚扰
    path("rights/", views_buyer.rights_centre, name="rights_centre"),
    path("rights/start/", views_buyer.rights_start, name="rights_start"),
    path("rights/start/<str:trade_id>/", views_buyer.rights_order, name="rights_order"),
    # Both paths post to the same filing, with the entry recorded.
    path("complain/<str:trade_id>/<str:entry>/", views_buyer.file_complaint, name="file_complaint"),
    path("messages/<str:message_id>/complain/", views_privacy.complain_with_message, name="complain_with_message"),
    path("privacy/", views_privacy.privacy, name="privacy"),
    path("cases/", views_buyer.my_cases, name="buyer_cases"),
    path("cases/<int:case_id>/", views_buyer.case, name="case"),
    path("cases/<int:case_id>/next/", views_buyer.case_next, name="case_next"),
    path("cases/<int:case_id>/withdraw/", views_buyer.withdraw, name="case_withdraw"),
    path("cases/<int:case_id>/contact-evidence/", views_buyer.contact_evidence, name="case_contact_evidence"),
    path("cases/<int:case_id>/evidence/", views_buyer.add_evidence, name="case_evidence"),
    path("cases/<int:case_id>/evidence/<int:evidence_id>/file", views_buyer.evidence_file, name="evidence_file"),
    # Sellers
    path("cases/<int:case_id>/answer/", views_seller.answer, name="case_answer"),
    path("cases/<int:case_id>/withdrawal-proof/", views_seller.withdrawal_proof, name="case_withdrawal_proof"),
    path("seller/complaints/", views_seller.my_complaints, name="seller_complaints"),
    path("seller/health/", views_seller.health, name="seller_health"),
    path("seller/penalties/<int:penalty_id>/", views_seller.penalty_detail, name="seller_penalty"),
    path("appeals/<int:appeal_id>/evidence/<int:evidence_id>/file", views_seller.appeal_evidence_file,
         name="appeal_evidence_file"),
    # Sellers and their agencies, protect (营商保, RULES 1.3, 9)
    path("seller/stores/", views_warnings.stores, name="seller_stores"),
    path("seller/stores/<int:store_id>/protection/", views_warnings.protection, name="seller_protection"),
    path("seller/stores/<int:store_id>/warnings/", views_warnings.store_warnings, name="seller_warnings"),
    path("seller/stores/<int:store_id>/warnings/confirm/", views_warnings.confirm_batch, name="seller_confirm_batch"),
    path("seller/stores/<int:store_id>/agencies/", views_warnings.agencies, name="seller_agencies"),
    path("seller/warnings/<int:warning_id>/", views_warnings.warning, name="seller_warning"),
    path("seller/warnings/<int:warning_id>/confirm/", views_warnings.confirm, name="seller_warning_confirm"),
    path("seller/warnings/<int:warning_id>/normal/", views_warnings.mark_normal, name="seller_warning_normal"),
    path("seller/warnings/<int:warning_id>/ignore/", views_warnings.ignore, name="seller_warning_ignore"),
    path("seller/warnings/<int:warning_id>/close/", views_warnings.close_order, name="seller_warning_close"),
    path("seller/warnings/<int:warning_id>/evidence/<int:evidence_id>/file", views_warnings.warning_evidence_file,
         name="warning_evidence_file"),
    path("seller/orders/<str:trade_id>/waybill.pdf", views_seller.waybill, name="seller_waybill"),
    path("seller/malicious/", views_warnings.malicious_complaints, name="seller_malicious"),
    path("seller/malicious/<int:case_id>/evidence/<int:evidence_id>/file", views_warnings.malicious_evidence_file,
         name="malicious_evidence_file"),
    path("closures/", views_warnings.closures, name="buyer_closures"),
    # Staff
    path("staff/", views_staff.case_queue, name="staff_queue"),
    path("staff/cases/<int:case_id>/", views_staff.case, name="staff_case"),
    path("staff/cases/<int:case_id>/assign/", views_staff.assign, name="staff_assign"),
    path("staff/cases/<int:case_id>/decide/", views_staff.decide, name="staff_decide"),
    path("staff/cases/<int:case_id>/withdrawal-review/", views_staff.withdrawal_review, name="staff_withdrawal_review"),
    path("staff/appeals/", views_staff.appeal_queue, name="staff_appeals"),
    path("staff/appeals/<int:appeal_id>/", views_staff.appeal, name="staff_appeal"),
    path("staff/dashboard/", views_staff.dashboard, name="staff_dashboard"),
    # Staff, detect (issue 6 §3) and the malicious-behaviour complaint centre (RULES 9.5)
    path("staff/risk/pairs/", views_detect.strong_pairs, name="staff_pairs"),
    path("staff/risk/cases/", views_detect.open_case, name="staff_open_case"),
    path("staff/malicious/", views_detect.malicious_queue, name="staff_malicious"),
    path("staff/malicious/<int:case_id>/", views_detect.malicious_case, name="staff_malicious_case"),
]
