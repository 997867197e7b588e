"""Rebuild thai_address.json from the npm package thai-address-universal.

Not used at run time: the JSON it writes is committed. Run it by hand when the
source publishes a new version (needs node and npm, and the npm registry):

    .venv/bin/python catalog/data/thai_address/build.py [--version 2.2.0]

It packs the package into a temporary folder, asks the package's own code for
every row in Thai and English (with geocodes), applies the corrections listed
in README.md, checks the result, and writes thai_address.json next to this file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "thai_address.json"
PACKAGE = "thai-address-universal"
DEFAULT_VERSION = "2.2.0"

# Read every row through the package's public API, so we depend on its
# documented behaviour and not on its compressed internal format.
DUMP_JS = """
const T = await import(process.argv[2]);
await T.setGeoMode(true);
await T.setEngMode(false);
const th = T.getDatabase().map((r) => ({ ...r }));
await T.setEngMode(true);
const en = T.getDatabase();
if (th.length !== en.length) throw new Error("Thai and English row counts differ");
process.stdout.write(JSON.stringify(th.map((r, i) => ({ ...r, en: en[i] }))));
"""

# --- Corrections (each one explained in README.md) ---------------------------

# Province geocodes the source gets wrong.
PROVINCE_CODE_FIX = {"บึงกาฬ": "38"}  # source: 97 (placeholder); DOPA: 38 (created 2011)

# (province, district) -> (code, English name or None to keep the source's).
DISTRICT_FIX: dict[tuple[str, str], tuple[str, str | None]] = {
    # Bueng Kan's districts have no codes in the source; DOPA order.
    ("บึงกาฬ", "เมืองบึงกาฬ"): ("3801", None),
    ("บึงกาฬ", "พรเจริญ"): ("3802", None),
    ("บึงกาฬ", "โซ่พิสัย"): ("3803", None),
    ("บึงกาฬ", "เซกา"): ("3804", None),
    ("บึงกาฬ", "ปากคาด"): ("3805", None),
    ("บึงกาฬ", "บึงโขงหลง"): ("3806", None),
    ("บึงกาฬ", "ศรีวิไล"): ("3807", None),
    ("บึงกาฬ", "บุ่งคล้า"): ("3808", None),
    # Source reuses Tha Pla's 5303 (from a tambon moved in) and truncates the name.
    ("อุตรดิตถ์", "น้ำปาด"): ("5304", "Nam Pat"),
    # Source reuses Mae Chaem's 5003 and romanises the name letter by letter.
    ("เชียงใหม่", "กัลยาณิวัฒนา"): ("5025", "Galyani Vadhana"),
}

# (province, district, tambon) -> English name: clear mistakes in Chiang Mai.
TAMBON_EN_FIX = {
    ("เชียงใหม่", "พร้าว", "ป่าไหน่"): "Pa Nai",
    ("เชียงใหม่", "สันทราย", "ป่าไผ่"): "Pa Phai",
}

# Chiang Mai's 25 districts as listed in docs (the project's reference data).
CHIANG_MAI = {
    "5001": ("เมืองเชียงใหม่", "Mueang Chiang Mai"),
    "5002": ("จอมทอง", "Chom Thong"),
    "5003": ("แม่แจ่ม", "Mae Chaem"),
    "5004": ("เชียงดาว", "Chiang Dao"),
    "5005": ("ดอยสะเก็ด", "Doi Saket"),
    "5006": ("แม่แตง", "Mae Taeng"),
    "5007": ("แม่ริม", "Mae Rim"),
    "5008": ("สะเมิง", "Samoeng"),
    "5009": ("ฝาง", "Fang"),
    "5010": ("แม่อาย", "Mae Ai"),
    "5011": ("พร้าว", "Phrao"),
    "5012": ("สันป่าตอง", "San Pa Tong"),
    "5013": ("สันกำแพง", "San Kamphaeng"),
    "5014": ("สันทราย", "San Sai"),
    "5015": ("หางดง", "Hang Dong"),
    "5016": ("ฮอด", "Hot"),
    "5017": ("ดอยเต่า", "Doi Tao"),
    "5018": ("อมก๋อย", "Omkoi"),
    "5019": ("สารภี", "Saraphi"),
    "5020": ("เวียงแหง", "Wiang Haeng"),
    "5021": ("ไชยปราการ", "Chai Prakan"),
    "5022": ("แม่วาง", "Mae Wang"),
    "5023": ("แม่ออน", "Mae On"),
    "5024": ("ดอยหล่อ", "Doi Lo"),
    "5025": ("กัลยาณิวัฒนา", "Galyani Vadhana"),
}

_LEADING_VOWELS = "เแโใไ"


def thai_sort_key(name: str) -> str:
    """Dictionary order for Thai: a leading vowel (เ แ โ ใ ไ) is written first
    but sorts after its consonant. (Same rule as catalog.thai_address.)"""
    if len(name) > 1 and name[0] in _LEADING_VOWELS:
        return name[1] + name[0] + name[2:]
    return name


def dump_rows(version: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        packed = (
            subprocess.run(
                ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(tmp_path / packed) as tar:
            tar.extractall(tmp_path, filter="data")
        entry = tmp_path / "package" / "dist" / "esm" / "index.js"
        script = tmp_path / "dump.mjs"
        script.write_text(DUMP_JS, encoding="utf-8")
        out = subprocess.run(["node", str(script), entry.as_uri()], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def convert(rows: list[dict], *, version: str) -> dict:
    provinces: dict[str, dict] = {}
    dropped: list[str] = []
    for row in rows:
        en = row["en"]
        postcode = str(row["postal_code"]).strip()
        if len(postcode) != 5 or not postcode.isdigit():
            # Islands listed under Chumphon without a postcode: not tambons.
            dropped.append(f"{row['province']} / {row['district']} / {row['sub_district']}")
            continue
        p_th = row["province"]
        p_code = PROVINCE_CODE_FIX.get(p_th, row["province_code"])
        province = provinces.setdefault(p_th, {"code": p_code, "th": p_th, "en": en["province"], "districts": {}})
        d_key = (p_th, row["district"])
        d_code, d_en = DISTRICT_FIX.get(d_key, (row["district_code"], None))
        district = province["districts"].setdefault(
            row["district"], {"code": d_code, "th": row["district"], "en": d_en or en["district"], "tambons": {}}
        )
        t_key = (p_th, row["district"], row["sub_district"])
        t_en = TAMBON_EN_FIX.get(t_key, en["sub_district"])
        tambon = district["tambons"].setdefault(
            row["sub_district"], {"th": row["sub_district"], "en": t_en, "postcodes": []}
        )
        if postcode not in tambon["postcodes"]:
            tambon["postcodes"].append(postcode)

    out_provinces = []
    for province in sorted(provinces.values(), key=lambda p: p["code"]):
        out_districts = []
        for district in sorted(province["districts"].values(), key=lambda d: d["code"]):
            tambons = [
                [t["th"], t["en"], sorted(t["postcodes"])]
                for t in sorted(district["tambons"].values(), key=lambda t: thai_sort_key(t["th"]))
            ]
            out_districts.append([district["code"], district["th"], district["en"], tambons])
        out_provinces.append([province["code"], province["th"], province["en"], out_districts])

    data = {
        "source": {
            "package": PACKAGE,
            "version": version,
            "licence": "ISC",
            "registry": "npm",
            "notes": "See README.md: lineage, corrections and format.",
        },
        "format": "provinces: [code, name_th, name_en, districts: [code, name_th, name_en, tambons: [name_th, name_en, [postcodes]]]]",
        "dropped_without_postcode": sorted(dropped),
        "provinces": out_provinces,
    }
    check(data)
    return data


def check(data: dict) -> None:
    provinces = data["provinces"]
    assert len(provinces) == 77, len(provinces)
    p_codes = [p[0] for p in provinces]
    assert len(set(p_codes)) == 77 and all(len(c) == 2 and c.isdigit() for c in p_codes)
    d_codes: set[str] = set()
    for p_code, _p_th, _p_en, districts in provinces:
        for d_code, d_th, _d_en, tambons in districts:
            assert len(d_code) == 4 and d_code.startswith(p_code), (p_code, d_th, d_code)
            assert d_code not in d_codes, (d_th, d_code)
            d_codes.add(d_code)
            names = [t[0] for t in tambons]
            assert len(names) == len(set(names)), d_th
            for t_th, _t_en, postcodes in tambons:
                assert postcodes and all(len(pc) == 5 and pc.isdigit() for pc in postcodes), (d_th, t_th)
    chiang_mai = next(p for p in provinces if p[0] == "50")
    got = {d[0]: (d[1], d[2]) for d in chiang_mai[3]}
    assert got == CHIANG_MAI, {k: (got.get(k), v) for k, v in CHIANG_MAI.items() if got.get(k) != v}


def write(data: dict) -> None:
    # One district per line: small diffs when the source changes.
    lines = ["{"]
    for key in ("source", "format", "dropped_without_postcode"):
        lines.append(f"{json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)},")
    lines.append('"provinces": [')
    for i, (code, th, en, districts) in enumerate(data["provinces"]):
        lines.append(f"[{json.dumps(code)}, {json.dumps(th, ensure_ascii=False)}, {json.dumps(en)}, [")
        for j, district in enumerate(districts):
            comma = "," if j < len(districts) - 1 else ""
            lines.append(json.dumps(district, ensure_ascii=False, separators=(",", ":")) + comma)
        lines.append("]]" + ("," if i < len(data["provinces"]) - 1 else ""))
    lines.append("]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    json.loads(OUT.read_text(encoding="utf-8"))  # still valid JSON


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default=DEFAULT_VERSION)
    parser.add_argument("--rows", type=Path, help="use an existing dump instead of running npm/node")
    args = parser.parse_args()
    rows = json.loads(args.rows.read_text(encoding="utf-8")) if args.rows else dump_rows(args.version)
    data = convert(rows, version=args.version)
    write(data)
    counts = defaultdict(int)
    for _c, _th, _en, districts in data["provinces"]:
        counts["districts"] += len(districts)
        counts["tambons"] += sum(len(d[3]) for d in districts)
    print(f"wrote {OUT}: 77 provinces, {counts['districts']} districts, {counts['tambons']} tambons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
