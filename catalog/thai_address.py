"""Thailand's provinces, districts (amphoe/khet), subdistricts (tambon/khwaeng)
and postcodes, from data bundled in catalog/data/thai_address/ (see its
README.md for the source, licence and corrections). Nothing is fetched at run
time.

Used by the producer registration form (district and tambon of a Chiang Mai
producer), by the product passport (district/tambon of origin) and later by
checkout (shipping addresses anywhere in Thailand).

Names are matched forgivingly, because they are typed by people on phones:
Thai or English, with or without the prefixes ตำบล/ต./อำเภอ/อ./จังหวัด/จ./
แขวง/เขต (or Tambon/Amphoe/Changwat/Khet/Khwaeng), with the two ways of
typing sara am (ำ vs ํ + า), stray zero-width spaces, "อ.เมือง" for the
province's capital district, and the usual names for Bangkok. Codes are the
DOPA geocodes: 2 digits for a province, 4 for a district.

The data is loaded once per process, lazily, on first use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.utils.translation import get_language

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "thai_address" / "thai_address.json"
CHIANG_MAI_PROVINCE_CODE: Final = "50"
BANGKOK_PROVINCE_CODE: Final = "10"


def _pick(*, th: str, en: str) -> str:
    # Same rule as catalog.models.reference.name_for_language (without importing models here):
    # Thai by default, English for English and Chinese visitors.
    lang = (get_language() or "th").lower()
    return (en or th) if lang.startswith(("en", "zh")) else (th or en)


@dataclass(frozen=True, slots=True)
class Tambon:
    name_th: str
    name_en: str
    postcodes: tuple[str, ...]
    district_code: str
    province_code: str

    @property
    def name(self) -> str:
        return _pick(th=self.name_th, en=self.name_en)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name_th: str
    name_en: str
    province_code: str
    tambons: tuple[Tambon, ...]

    @property
    def name(self) -> str:
        return _pick(th=self.name_th, en=self.name_en)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name_th: str
    name_en: str
    districts: tuple[District, ...]

    @property
    def name(self) -> str:
        return _pick(th=self.name_th, en=self.name_en)

    def __str__(self) -> str:
        return self.name


# --- Name normalisation ------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"\s+")
_NOT_LATIN = re.compile(r"[^a-z0-9]")
_THAI_PREFIXES = ("กิ่งอำเภอ", "จังหวัด", "อำเภอ", "ตำบล", "แขวง", "เขต", "จ.", "อ.", "ต.")
_EN_PREFIXES = ("changwat", "amphoe", "amphur", "tambon", "khwaeng", "khet", "province", "district", "subdistrict")
_BANGKOK_ALIASES = ("กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม.", "กรุงเทพมหานคร", "bangkok", "krungthep", "krungthepmahanakhon")


def normalise_place_name(value: str) -> str:
    """The canonical spelling used for lookups (not for display).

    NFC, no zero-width characters, one space between words, and sara am typed
    as nikhahit + sara aa (``ํา``, common on some keyboards) folded into ``ำ``.
    """
    text = unicodedata.normalize("NFC", str(value or "")).translate(_ZERO_WIDTH)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    return _SPACES.sub(" ", text).strip()


def _keys(value: str) -> list[str]:
    """Lookup keys for a name as typed: Thai as is, Thai without an
    administrative prefix, and a Latin key (lower case, letters and digits
    only, so "Sa-nga Ban", "sanga ban" and "SANGA BAN" meet)."""
    text = normalise_place_name(value)
    if not text:
        return []
    keys = [text]
    for prefix in _THAI_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            keys.append(text[len(prefix) :].strip())
            break
    latin = text.casefold()
    if latin.isascii():
        for prefix in _EN_PREFIXES:
            if latin.startswith(prefix + " ") or latin.startswith(prefix + "."):
                keys.append(_NOT_LATIN.sub("", latin[len(prefix) + 1 :]))
                break
        keys.append(_NOT_LATIN.sub("", latin))
    return [k for k in dict.fromkeys(keys) if k]


def _latin_key(name_en: str) -> str:
    return _NOT_LATIN.sub("", name_en.casefold())


# --- Loading -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Index:
    provinces: tuple[Province, ...]
    source: dict[str, Any]
    province_by_key: dict[str, Province]
    district_by_code: dict[str, District]
    # province code -> key -> district (names are unique within a province)
    district_by_key: dict[str, dict[str, District]]
    # Thai district name -> districts (จอมทอง is in Bangkok and Chiang Mai)
    districts_by_name_th: dict[str, tuple[District, ...]]
    # district code -> key -> tambons (English keys can collide)
    tambons_by_key: dict[str, dict[str, tuple[Tambon, ...]]]
    tambons_by_postcode: dict[str, tuple[Tambon, ...]]


@cache
def _index() -> _Index:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    provinces: list[Province] = []
    province_by_key: dict[str, Province] = {}
    district_by_code: dict[str, District] = {}
    district_by_key: dict[str, dict[str, District]] = {}
    districts_by_name_th: defaultdict[str, list[District]] = defaultdict(list)
    tambons_by_key: dict[str, dict[str, tuple[Tambon, ...]]] = {}
    tambons_by_postcode: defaultdict[str, list[Tambon]] = defaultdict(list)

    for p_code, p_th, p_en, raw_districts in raw["provinces"]:
        districts: list[District] = []
        for d_code, d_th, d_en, raw_tambons in raw_districts:
            tambons = tuple(
                Tambon(name_th=t_th, name_en=t_en, postcodes=tuple(pcs), district_code=d_code, province_code=p_code)
                for t_th, t_en, pcs in raw_tambons
            )
            district = District(code=d_code, name_th=d_th, name_en=d_en, province_code=p_code, tambons=tambons)
            districts.append(district)
            district_by_code[d_code] = district
            districts_by_name_th[d_th].append(district)
            by_key: defaultdict[str, list[Tambon]] = defaultdict(list)
            for tambon in tambons:
                by_key[tambon.name_th].append(tambon)
                latin = _latin_key(tambon.name_en)
                if latin and tambon not in by_key[latin]:
                    by_key[latin].append(tambon)
                for postcode in tambon.postcodes:
                    tambons_by_postcode[postcode].append(tambon)
            tambons_by_key[d_code] = {key: tuple(found) for key, found in by_key.items()}
        province = Province(code=p_code, name_th=p_th, name_en=p_en, districts=tuple(districts))
        provinces.append(province)
        for key in (p_code, p_th, _latin_key(p_en)):
            province_by_key[key] = province
        keys: dict[str, District] = {}
        for district in districts:
            keys[district.code] = district
            keys[district.name_th] = district
            keys.setdefault(_latin_key(district.name_en), district)
        district_by_key[p_code] = keys

    bangkok = province_by_key[BANGKOK_PROVINCE_CODE]
    for alias in _BANGKOK_ALIASES:
        province_by_key.setdefault(alias, bangkok)

    return _Index(
        provinces=tuple(provinces),
        source=raw["source"],
        province_by_key=province_by_key,
        district_by_code=district_by_code,
        district_by_key=district_by_key,
        districts_by_name_th={name: tuple(found) for name, found in districts_by_name_th.items()},
        tambons_by_key=tambons_by_key,
        tambons_by_postcode={pc: tuple(found) for pc, found in tambons_by_postcode.items()},
    )


# --- Public API ----------------------------------------------------------------------


def data_source() -> dict[str, Any]:
    """Package, version and licence of the bundled data (for an about page)."""
    return dict(_index().source)


def provinces() -> tuple[Province, ...]:
    """All 77 provinces (Bangkok included), in geocode order."""
    return _index().provinces


def province_get(value: str) -> Province | None:
    """A province by 2-digit code, Thai or English name, or None."""
    index = _index()
    for key in _keys(value):
        if key in index.province_by_key:
            return index.province_by_key[key]
    return None


def districts(*, province: str) -> tuple[District, ...]:
    """The districts of a province (code or name), in geocode order; empty
    when the province is unknown."""
    found = province_get(province)
    return found.districts if found else ()


def district_get(*, district: str, province: str | None = None) -> District | None:
    """A district by 4-digit code, or by name within ``province``.

    Without a province, a Thai name is accepted only when it is unique in the
    country (จอมทอง is a district of both Bangkok and Chiang Mai).
    """
    index = _index()
    text = normalise_place_name(district)
    if text in index.district_by_code:
        found = index.district_by_code[text]
        if province is None:
            return found
        parent = province_get(province)
        return found if parent is not None and parent.code == found.province_code else None
    if province is None:
        for key in _keys(text):
            candidates = index.districts_by_name_th.get(key, ())
            if len(candidates) == 1:
                return candidates[0]
        return None
    parent = province_get(province)
    if parent is None:
        return None
    keys = index.district_by_key[parent.code]
    typed = _keys(text)
    for key in typed:
        if key in keys:
            return keys[key]
    if any(key in ("เมือง", "mueang", "muang") for key in typed):
        # "อ.เมือง" / "Mueang": the province's capital district.
        return keys.get(f"เมือง{parent.name_th}")
    return None


def tambons(
    *, district_code: str | None = None, district_name_th: str | None = None, province: str | None = None
) -> tuple[Tambon, ...]:
    """The tambons of one district, in Thai dictionary order.

    Give ``district_code`` ("5013"), or ``district_name_th`` ("สันกำแพง"),
    optionally with ``province`` to disambiguate. An unknown district gives an
    empty tuple; an ambiguous Thai name without a province raises ValueError
    (a silent guess would put a Bangkok address in Chiang Mai).
    """
    if (district_code is None) == (district_name_th is None):
        raise TypeError("Pass exactly one of district_code or district_name_th.")
    index = _index()
    if district_code is not None:
        found = index.district_by_code.get(normalise_place_name(district_code))
        return found.tambons if found else ()
    if province is None:
        for key in _keys(district_name_th or ""):
            candidates = index.districts_by_name_th.get(key, ())
            if len(candidates) > 1:
                names = ", ".join(province_by_code(c.province_code).name_en for c in candidates)
                raise ValueError(f"District {key!r} exists in several provinces ({names}): pass province=.")
    found = district_get(district=district_name_th or "", province=province)
    return found.tambons if found else ()


def province_by_code(code: str) -> Province:
    """The province with this 2-digit code (KeyError if there is none)."""
    found = _index().province_by_key.get(code)
    if found is None or found.code != code:
        raise KeyError(code)
    return found


def tambon_get(*, tambon: str, district: str, province: str | None = None) -> tuple[Tambon, ...]:
    """The tambon(s) of that name in that district: one for a Thai name, and
    possibly more for an English name two tambons romanise alike."""
    found = district_get(district=district, province=province)
    if found is None:
        return ()
    keys = _index().tambons_by_key[found.code]
    for key in _keys(tambon):
        if key in keys:
            return keys[key]
    return ()


def postcodes_for(*, tambon: str, district: str, province: str) -> tuple[str, ...]:
    """The postcodes serving a tambon (most have one; a few Bangkok khwaeng and
    Pran Buri tambons have several). Empty when the place is unknown."""
    codes: list[str] = []
    for found in tambon_get(tambon=tambon, district=district, province=province):
        codes.extend(pc for pc in found.postcodes if pc not in codes)
    return tuple(codes)


def address_is_valid(*, province: str, district: str, tambon: str, postcode: str) -> bool:
    """True when the tambon is in the district, the district in the province,
    and the postcode serves that tambon. Names or codes, Thai or English."""
    code = normalise_place_name(postcode)
    return bool(code) and code in postcodes_for(tambon=tambon, district=district, province=province)


def postcode_is_known(postcode: str) -> bool:
    """True when some tambon in Thailand uses this postcode."""
    return normalise_place_name(postcode) in _index().tambons_by_postcode


def tambons_for_postcode(postcode: str) -> tuple[Tambon, ...]:
    """The tambons a postcode serves: lets a form suggest the tambon, district
    and province once the postcode is typed."""
    return _index().tambons_by_postcode.get(normalise_place_name(postcode), ())


def chiang_mai_tambons_by_district() -> dict[str, tuple[Tambon, ...]]:
    """Chiang Mai's 25 districts by DOPA code ("5001".."5025") -> tambons.

    Galyani Vadhana (กัลยาณิวัฒนา, 5025) was split from Mae Chaem in 2009; its
    three tambons use postcode 58130 (served from Mae Hong Son's Pai), so a
    Chiang Mai postcode does not always start with 50.
    """
    province = province_by_code(CHIANG_MAI_PROVINCE_CODE)
    return {district.code: district.tambons for district in province.districts}
