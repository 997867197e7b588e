"""How emails address a person: the one place that builds the greeting.

Thai puts a polite title before the name (คุณมาลี), but a name given with
its own title (นางมาลี, นายสมชาย, นางสาว...) must not get a second one:
"เรียน คุณนางมาลี" reads as a mistake. English and Chinese greet the name as
given. Every email that greets a person uses ``{% salutation name %}``
(catalog/templatetags/salutation_tags.py); emails to a group greet the
group's name ("Dear members of ...") and take no title.
"""

from __future__ import annotations

from django.utils.translation import get_language, pgettext

#: Titles a Thai name may already start with, longest first so that นางสาว
#: is found before นาง. Academic, military and monastic titles included.
THAI_TITLES = tuple(
    sorted(
        (
            "นางสาว",
            "นาง",
            "นาย",
            "น.ส.",
            "คุณ",
            "เด็กชาย",
            "เด็กหญิง",
            "ด.ช.",
            "ด.ญ.",
            "ดร.",
            "ศ.",
            "รศ.",
            "ผศ.",
            "ศาสตราจารย์",
            "รองศาสตราจารย์",
            "ผู้ช่วยศาสตราจารย์",
            "ว่าที่ร้อยตรี",
            "ว่าที่ ร.ต.",
            "พระ",
            "พระครู",
            "แม่ชี",
            "หม่อมราชวงศ์",
            "ม.ร.ว.",
            "ม.ล.",
        ),
        key=len,
        reverse=True,
    )
)
THAI_POLITE_TITLE = "คุณ"

# A Thai title is a word of its own only when the next character can begin a
# syllable: นายิกา is a given name (ย carries the vowel ิ), not นาย + อิกา.
# Following vowels, above/below vowels and tone marks cannot begin one.
_CANNOT_BEGIN_SYLLABLE = frozenset(chr(c) for c in (*range(0x0E30, 0x0E3B), 0x0E45, *range(0x0E47, 0x0E4F)))


def thai_name_has_title(name: str) -> bool:
    """True when ``name`` already starts with a Thai title (นางมาลี, นาย สมชาย)."""
    text = (name or "").strip()
    for title in THAI_TITLES:
        if text.startswith(title):
            rest = text[len(title) :]
            if not rest or rest[0] not in _CANNOT_BEGIN_SYLLABLE:
                return True
    return False


def person_polite_name(*, name: str, language: str | None = None) -> str:
    """The name as a greeting uses it: in Thai with คุณ unless it already
    carries a title; in other languages as given."""
    text = " ".join((name or "").split())
    language = (language or get_language() or "th").lower()
    if not text or not language.startswith("th") or thai_name_has_title(text):
        return text
    return f"{THAI_POLITE_TITLE}{text}"


def person_salutation(*, name: str, language: str | None = None) -> str:
    """The opening line of an email to a person, in the active language:
    "Dear Malee Jaidee," / "เรียน คุณมาลี ใจดี" / "เรียน นางมาลี ใจดี"."""
    return pgettext("email salutation", "Dear %(name)s,") % {"name": person_polite_name(name=name, language=language)}
