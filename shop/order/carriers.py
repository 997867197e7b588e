"""Carriers the center ships with and where a customer tracks a parcel."""

from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

CARRIERS = {
    "thailand_post": (_("Thailand Post (registered / EMS)"), "https://track.thailandpost.co.th/?trackNumber={number}"),
    "kerry": (_("Kerry Express"), "https://th.kerryexpress.com/en/track/?track={number}"),
    "flash": (_("Flash Express"), "https://www.flashexpress.co.th/fle/tracking?se={number}"),
    "dhl": (_("DHL Express"), "https://www.dhl.com/th-en/home/tracking.html?tracking-id={number}"),
}


def carrier_choices() -> list[tuple[str, str]]:
    return [(code, label) for code, (label, _url) in CARRIERS.items()]


def carrier_label(code: str) -> str:
    entry = CARRIERS.get(code)
    return str(entry[0]) if entry else code


def tracking_url(*, carrier: str, tracking_number: str) -> str:
    entry = CARRIERS.get(carrier)
    if not entry or not tracking_number:
        return ""
    return entry[1].format(number=quote(tracking_number))
