"""The privacy waybill (隐私面单, RULES 10.2): what a seller prints on the parcel — the
buyer's nickname, the virtual number and the address down to the building; nothing more."""

import io

from django.utils.translation import gettext as _

CJK_FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese without any font file


def waybill_pdf(contact):
    from reportlab.lib.pagesizes import A6, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    buffer = io.BytesIO()
    width, height = landscape(A6)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=0)
    pdf.setTitle(_("Privacy waybill") + f" {contact['trade_id']}")
    y = height - 40
    lines = [
        (16, _("Privacy waybill")),
        (11, _("Trade: %(trade)s") % {"trade": contact["trade_id"]}),
        (13, _("Recipient: %(name)s") % {"name": contact["buyer_nickname"]}),
        (13, _("Phone (virtual): %(number)s") % {"number": contact["virtual_number"] or "-"}),
        (13, _("Address: %(address)s") % {"address": contact["address"] or "-"}),
        (9, _("The number relays calls until %(when)s. Deliver to the building; the recipient collects.")
         % {"when": contact["virtual_number_expires_at"].strftime("%Y-%m-%d")
            if contact["virtual_number_expires_at"] else _("the trade ends")}),
    ]
    for size, text in lines:
        pdf.setFont(CJK_FONT, size)
        pdf.drawString(30, y, str(text))
        y -= size + 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
