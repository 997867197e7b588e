"""The PromptPay QR as an image the page can show.

Drawn here from the QR's data (next_action.promptpay_display_qr_code.data)
as a data: URL, so the page needs no image from Stripe's servers (the
storefront's Content-Security-Policy allows data: images, and the page
works behind the center's firewall). Stripe's own PNG URL is the fallback.
"""

import base64
import io

import qrcode


def qr_image_src(*, data: str, fallback_url: str = "") -> str:
    if not data:
        return fallback_url
    image = qrcode.make(data, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
