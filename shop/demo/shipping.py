"""Demo shipping rates (THB, weight bands in kg): Thailand Post registered
mail and EMS within Thailand, and EMS World by zone. Office staff edit them in
the dashboard (Shipping). Idempotent: existing methods and bands are kept."""

from decimal import Decimal

from oscar.core.loading import get_model

from shop.shipping import countries

WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")
Country = get_model("address", "Country")

# (name in English, Thai, Chinese, countries, [(upper kg, charge)])
METHODS = (
    (
        "Registered mail (Thailand Post)",
        "ไปรษณีย์ลงทะเบียน",
        "泰国邮政挂号信",
        [countries.THAILAND],
        [("0.5", "50"), ("1", "70"), ("2", "100"), ("5", "180"), ("10", "300")],
    ),
    (
        "EMS Thailand",
        "อีเอ็มเอส ในประเทศ",
        "泰国境内 EMS",
        [countries.THAILAND],
        [("0.5", "60"), ("1", "90"), ("2", "130"), ("5", "250"), ("10", "420")],
    ),
    (
        "EMS World – ASEAN",
        "อีเอ็มเอส ต่างประเทศ – อาเซียน",
        "国际 EMS – 东盟",
        countries.ASEAN,
        [("0.5", "650"), ("1", "800"), ("2", "1100"), ("5", "1900"), ("10", "3200")],
    ),
    (
        "EMS World – Asia and Pacific",
        "อีเอ็มเอส ต่างประเทศ – เอเชียและแปซิฟิก",
        "国际 EMS – 亚太",
        countries.ASIA_PACIFIC,
        [("0.5", "750"), ("1", "950"), ("2", "1350"), ("5", "2500"), ("10", "4200")],
    ),
    (
        "EMS World – Europe and the Americas",
        "อีเอ็มเอส ต่างประเทศ – ยุโรปและอเมริกา",
        "国际 EMS – 欧美",
        countries.EUROPE_AMERICAS,
        [("0.5", "1000"), ("1", "1350"), ("2", "1900"), ("5", "3600"), ("10", "6300")],
    ),
)


def seed_shipping_rates() -> str:
    countries.countries_ensure(Country)
    created = 0
    for position, (name, name_th, name_zh, zone, bands) in enumerate(METHODS):
        method, was_created = WeightBased.objects.get_or_create(
            name=name,
            defaults={
                "name_th": name_th,
                "name_zh_hans": name_zh,
                "position": position,
                "default_weight": Decimal("0.5"),
            },
        )
        if not was_created:
            continue
        created += 1
        method.countries.set(Country.objects.filter(iso_3166_1_a2__in=[c[0] for c in zone]))
        WeightBand.objects.bulk_create(
            WeightBand(method=method, upper_limit=Decimal(upper), charge=Decimal(charge)) for upper, charge in bands
        )
    return f"{created} new methods, {len(METHODS) - created} already there"
