from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def shop(request):
    """Center details in the active language and the language switcher links,
    which keep the visitor on the same page in the other language."""
    lang = get_language() or settings.LANGUAGE_CODE
    suffix = "th" if lang == "th" else "en"
    center = settings.SHOP_CENTER
    path = request.get_full_path() if request else "/"
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "active": code == lang}
        for code, name in settings.LANGUAGES
    ]
    return {
        "center": {
            "name": center[f"name_{suffix}"],
            "address": center[f"address_{suffix}"],
            "hours": center[f"hours_{suffix}"],
            "phone": center["phone"],
            "email": center["email"],
        },
        "language_links": languages,
    }
