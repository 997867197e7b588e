"""Countries the shop ships to, grouped into the international rate zones.

Oscar's Country table starts empty (its populate command needs pycountry);
the shipping migration 0005 writes these rows, and the demo loader reuses
``countries_ensure``. Office staff can add more countries in Oscar's
dashboard and attach them to a method.
"""

# (ISO alpha-2, alpha-3, numeric, English name)
THAILAND = ("TH", "THA", "764", "Thailand")

ASEAN = (
    ("BN", "BRN", "096", "Brunei Darussalam"),
    ("KH", "KHM", "116", "Cambodia"),
    ("ID", "IDN", "360", "Indonesia"),
    ("LA", "LAO", "418", "Lao People's Democratic Republic"),
    ("MY", "MYS", "458", "Malaysia"),
    ("MM", "MMR", "104", "Myanmar"),
    ("PH", "PHL", "608", "Philippines"),
    ("SG", "SGP", "702", "Singapore"),
    ("VN", "VNM", "704", "Viet Nam"),
)

ASIA_PACIFIC = (
    ("CN", "CHN", "156", "China"),
    ("HK", "HKG", "344", "Hong Kong"),
    ("TW", "TWN", "158", "Taiwan"),
    ("JP", "JPN", "392", "Japan"),
    ("KR", "KOR", "410", "Korea, Republic of"),
    ("IN", "IND", "356", "India"),
    ("AU", "AUS", "036", "Australia"),
    ("NZ", "NZL", "554", "New Zealand"),
)

EUROPE_AMERICAS = (
    ("GB", "GBR", "826", "United Kingdom"),
    ("DE", "DEU", "276", "Germany"),
    ("FR", "FRA", "250", "France"),
    ("IT", "ITA", "380", "Italy"),
    ("ES", "ESP", "724", "Spain"),
    ("NL", "NLD", "528", "Netherlands"),
    ("CH", "CHE", "756", "Switzerland"),
    ("SE", "SWE", "752", "Sweden"),
    ("DK", "DNK", "208", "Denmark"),
    ("NO", "NOR", "578", "Norway"),
    ("US", "USA", "840", "United States"),
    ("CA", "CAN", "124", "Canada"),
    ("BR", "BRA", "076", "Brazil"),
    ("MX", "MEX", "484", "Mexico"),
)

ALL = (THAILAND, *ASEAN, *ASIA_PACIFIC, *EUROPE_AMERICAS)


def countries_ensure(Country) -> None:
    """Create the shipping countries that are missing (idempotent). Takes the
    model so a migration can pass its historical one."""
    for a2, a3, numeric, name in ALL:
        Country.objects.get_or_create(
            iso_3166_1_a2=a2,
            defaults={
                "iso_3166_1_a3": a3,
                "iso_3166_1_numeric": numeric,
                "printable_name": name,
                "name": name,
                # Thailand first in the country list; the rest alphabetical.
                "display_order": 1 if a2 == "TH" else 0,
                "is_shipping_country": True,
            },
        )


def country_name(*, code: str, fallback: str = "") -> str:
    """A country's name in the active language (Unicode CLDR names through
    Babel, which Oscar already depends on): ไทย / 泰国 / Thailand. Oscar's
    Country rows hold English names only."""
    from babel import Locale, UnknownLocaleError
    from django.utils.translation import get_language, to_locale

    try:
        locale = Locale.parse(to_locale(get_language() or "th"))
    except (UnknownLocaleError, ValueError):
        return fallback
    return locale.territories.get((code or "").upper(), fallback) or fallback
