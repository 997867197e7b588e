"""Procedural product and story pictures, drawn with Pillow.

Nothing is downloaded: each craft has a small drawing routine (weave stripes
for textiles, ribs for umbrellas, beans for coffee...) tinted with the
product's colour. A seeded Random makes every picture reproducible, so a
re-run or a second machine draws the same images. Only vector primitives are
used (no per-pixel Python loops), which keeps 300 images to a few seconds.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont

RGB = tuple[int, int, int]


def _rgb(colour: str | None, fallback: str = "#8d6e63") -> RGB:
    return ImageColor.getrgb(colour or fallback)[:3]


def _shade(rgb: RGB, factor: float) -> RGB:
    """Darker below 1, lighter above 1 (mixing towards white)."""
    if factor <= 1:
        return tuple(max(0, int(c * factor)) for c in rgb)
    mix = min(factor - 1, 1)
    return tuple(int(c + (255 - c) * mix) for c in rgb)


def _contrast(rgb: RGB) -> RGB:
    luminance = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    return (30, 30, 30) if luminance > 150 else (245, 240, 230)


@lru_cache(maxsize=4)
def _font(size: int):
    # Pillow's bundled scalable font: Latin only, which is why labels are English.
    return ImageFont.load_default(size=size)


# --- Motifs -----------------------------------------------------------------------
# Each takes (draw, rng, colour, width, height) and paints the whole canvas.


def _weave(d: ImageDraw.ImageDraw, rng: random.Random, c: RGB, w: int, h: int) -> None:
    d.rectangle((0, 0, w, h), fill=c)
    accent = _contrast(c) if rng.random() < 0.3 else _shade(c, rng.choice((0.6, 1.5)))
    y = 0
    while y < h:  # weft bands of varying width and tone
        band = rng.randint(8, 60)
        tone = rng.choice((c, _shade(c, 0.8), _shade(c, 1.25), accent))
        d.rectangle((0, y, w, y + band), fill=tone)
        y += band + rng.randint(0, 6)
    thread = _shade(c, 0.7)
    for x in range(0, w, 6):  # fine warp threads give the woven texture
        d.line((x, 0, x, h), fill=thread, width=1)


def _jok(d, rng, c, w, h):
    _weave(d, rng, c, w, h)
    gold, second = (212, 175, 55), rng.choice(((200, 40, 40), (40, 120, 80), (230, 220, 200)))
    for row, top in enumerate(range(h // 2, h, 70)):  # rows of supplementary-weft diamonds
        size = 28
        for x in range(size + (row % 2) * size, w, size * 2):
            y = top + size
            d.polygon([(x, y - size), (x + size, y), (x, y + size), (x - size, y)], fill=gold if row % 2 else second)
            d.polygon([(x, y - 10), (x + 10, y), (x, y + 10), (x - 10, y)], fill=c)


def _indigo(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=c)
    pale = _shade(c, 1.7)
    for _ in range(rng.randint(5, 9)):  # tie-dye rings
        cx, cy, r = rng.randint(0, w), rng.randint(0, h), rng.randint(60, 160)
        for step in range(4, 0, -1):
            rr = r * step / 4
            d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=pale if step % 2 else _shade(c, 1.3), width=8)


def _umbrella(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(244, 238, 226))
    cx, cy, r = w // 2, h // 2, int(min(w, h) * 0.42)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=c)
    ribs = rng.choice((16, 20, 24, 32))
    for i in range(ribs):
        a = 2 * math.pi * i / ribs
        d.line((cx, cy, cx + r * math.cos(a), cy + r * math.sin(a)), fill=_shade(c, 0.65), width=3)
    for ring in (0.35, 0.7):
        rr = r * ring
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=_shade(c, 1.5), width=4)
    paint = _contrast(c)
    for _ in range(rng.randint(6, 12)):  # painted blossoms
        a, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0.45, 0.9) * r
        px, py = cx + dist * math.cos(a), cy + dist * math.sin(a)
        for k in range(5):
            pa = a + k * 2 * math.pi / 5
            qx, qy = px + 12 * math.cos(pa), py + 12 * math.sin(pa)
            d.ellipse((qx - 9, qy - 9, qx + 9, qy + 9), fill=paint)
        d.ellipse((px - 6, py - 6, px + 6, py + 6), fill=(230, 180, 40))
    d.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=(90, 60, 30))


def _wood(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=c)
    dark = _shade(c, 0.7)
    for _ in range(45):  # wavy grain
        y0, amp, freq = rng.uniform(0, h), rng.uniform(4, 18), rng.uniform(0.005, 0.02)
        pts = [(x, y0 + amp * math.sin(x * freq + y0)) for x in range(0, w + 20, 20)]
        d.line(pts, fill=dark, width=rng.randint(1, 3))
    cx, cy = w // 2, h // 2  # carved rosette
    for k in range(12):
        a = k * math.pi / 6
        px, py = cx + 110 * math.cos(a), cy + 110 * math.sin(a)
        d.ellipse((px - 55, py - 55, px + 55, py + 55), outline=_shade(c, 0.5), width=6)
    d.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), fill=_shade(c, 0.55))


def _silver(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(38, 36, 44))
    cx, cy, r = w // 2, h // 2, int(min(w, h) * 0.38)
    for i in range(r, 0, -6):  # brushed-metal gradient
        g = int(140 + 100 * (1 - i / r))
        d.ellipse((cx - i, cy - i, cx + i, cy + i), fill=(g, g, g + 5))
    n = rng.choice((8, 10, 12))
    for k in range(n):  # repoussé petals
        a = 2 * math.pi * k / n
        px, py = cx + r * 0.62 * math.cos(a), cy + r * 0.62 * math.sin(a)
        d.ellipse((px - 38, py - 38, px + 38, py + 38), outline=(110, 110, 118), width=5)
    d.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), outline=(100, 100, 108), width=6)


def _lacquer(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(20, 16, 14))
    cx, cy, r = w // 2, int(h * 0.55), int(min(w, h) * 0.36)
    d.pieslice((cx - r, cy - r, cx + r, cy + r), 0, 180, fill=c)
    d.rectangle((cx - r, cy - 24, cx + r, cy), fill=_shade(c, 0.8))
    gold = (212, 175, 55)
    for i in range(5):
        rr = r - 20 - i * 30
        if rr > 0:
            d.arc((cx - rr, cy - rr, cx + rr, cy + rr), 10, 170, fill=gold, width=4)
    for x in range(cx - r + 20, cx + r - 10, 40):
        d.polygon([(x, cy - 20), (x + 12, cy - 8), (x, cy - 4), (x - 12, cy - 8)], fill=gold)


def _ceramic(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(236, 232, 222))
    cx = w // 2
    d.ellipse((cx - 190, int(h * 0.32), cx + 190, int(h * 0.86)), fill=c)  # body
    d.rectangle((cx - 60, int(h * 0.16), cx + 60, int(h * 0.40)), fill=c)  # neck
    d.ellipse((cx - 80, int(h * 0.12), cx + 80, int(h * 0.20)), fill=_shade(c, 0.85))  # lip
    crack = _shade(c, 0.75)
    for _ in range(rng.randint(12, 30)):  # crackle glaze
        x, y = rng.randint(cx - 150, cx + 150), rng.randint(int(h * 0.38), int(h * 0.8))
        pts = [(x, y)]
        for _ in range(4):
            x, y = x + rng.randint(-25, 25), y + rng.randint(-25, 25)
            pts.append((x, y))
        d.line(pts, fill=crack, width=2)
    d.ellipse((cx - 230, int(h * 0.84), cx + 230, int(h * 0.92)), fill=(200, 195, 185))


def _basket(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=_shade(c, 0.6))
    step, light, dark = 40, _shade(c, 1.15), _shade(c, 0.85)
    for i in range(-h, w + h, step):  # diagonal over-under strips
        d.line((i, 0, i + h, h), fill=light, width=step // 2 - 2)
    for i in range(-h, w + h, step * 2):
        d.line((i + h, 0, i, h), fill=dark, width=step // 2 - 2)


def _jar(d, rng, c, w, h, *, lid=(200, 40, 40), label=(250, 246, 235)):
    d.rectangle((0, 0, w, h), fill=_shade(c, 1.75))
    x0, x1, y0, y1 = int(w * 0.28), int(w * 0.72), int(h * 0.28), int(h * 0.86)
    d.rounded_rectangle((x0, y0, x1, y1), radius=40, fill=c)
    d.rounded_rectangle((x0 + 10, int(h * 0.2), x1 - 10, y0 + 20), radius=12, fill=lid)
    d.rectangle((x0, int(h * 0.48), x1, int(h * 0.68)), fill=label)
    for _ in range(30):  # chilli flecks / fruit pieces
        x, y = (
            rng.randint(x0 + 20, x1 - 20),
            rng.choice((rng.randint(y0 + 40, int(h * 0.46)), rng.randint(int(h * 0.70), y1 - 20))),
        )
        d.ellipse((x - 6, y - 4, x + 6, y + 4), fill=_shade(c, rng.choice((0.6, 1.3))))


def _honey(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(250, 236, 200))
    r = 46  # honeycomb background
    for row, y in enumerate(range(0, h + r, int(r * 1.5))):
        for x in range(0 if row % 2 else int(r * 0.87), w + r, int(r * 1.74)):
            pts = [
                (x + r * math.cos(math.pi / 6 + k * math.pi / 3), y + r * math.sin(math.pi / 6 + k * math.pi / 3))
                for k in range(6)
            ]
            d.polygon(pts, outline=(226, 180, 90), width=3)
    _jar_only(d, c, w, h, lid=(120, 80, 30))


def _jar_only(d, c, w, h, *, lid):
    x0, x1, y0, y1 = int(w * 0.3), int(w * 0.7), int(h * 0.3), int(h * 0.85)
    d.rounded_rectangle((x0, y0, x1, y1), radius=50, fill=c)
    d.rounded_rectangle((x0 + 15, int(h * 0.22), x1 - 15, y0 + 15), radius=10, fill=lid)
    d.ellipse((x0 + 30, y0 + 40, x0 + 80, y0 + 150), fill=_shade(c, 1.4))


def _coffee(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(226, 212, 190))
    for _ in range(70):  # beans
        x, y, a = rng.randint(0, w), rng.randint(0, h), rng.uniform(0, math.pi)
        _bean(d, x, y, a, _shade(c, rng.uniform(0.8, 1.2)))
    cx, cy = int(w * 0.5), int(h * 0.52)  # cup from above
    d.ellipse((cx - 170, cy - 170, cx + 170, cy + 170), fill=(250, 250, 246))
    d.ellipse((cx - 130, cy - 130, cx + 130, cy + 130), fill=_shade(c, 0.8))
    d.ellipse((cx - 60, cy - 40, cx + 40, cy + 30), fill=_shade(c, 1.45))


def _bean(d, x, y, a, fill):
    pts = [
        (
            x + 22 * math.cos(t) * math.cos(a) - 15 * math.sin(t) * math.sin(a),
            y + 22 * math.cos(t) * math.sin(a) + 15 * math.sin(t) * math.cos(a),
        )
        for t in (i * math.pi / 8 for i in range(16))
    ]
    d.polygon(pts, fill=fill)
    d.line(
        (x - 18 * math.cos(a), y - 18 * math.sin(a), x + 18 * math.cos(a), y + 18 * math.sin(a)),
        fill=_shade(fill, 0.5),
        width=3,
    )


def _leaf(d, x, y, a, size, fill):
    pts = []
    for i in range(17):
        t = -1 + i / 8
        lx, ly = size * t, size * 0.35 * math.sqrt(max(0.0, 1 - t * t)) * (1 if i <= 8 else -1)
        pts.append((x + lx * math.cos(a) - ly * math.sin(a), y + lx * math.sin(a) + ly * math.cos(a)))
    d.polygon(pts, fill=fill)


def _tea(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(236, 240, 222))
    for _ in range(40):
        _leaf(
            d,
            rng.randint(0, w),
            rng.randint(0, h),
            rng.uniform(0, math.pi),
            rng.randint(40, 80),
            _shade(c, rng.uniform(0.8, 1.25)),
        )
    cx, cy = w // 2, int(h * 0.55)
    d.ellipse((cx - 150, cy - 150, cx + 150, cy + 150), fill=(250, 248, 240))
    d.ellipse((cx - 115, cy - 115, cx + 115, cy + 115), fill=(196, 160, 70))


def _sausage(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(232, 222, 200))
    cx, cy = w // 2, h // 2
    pts = [(cx + 12 * t * math.cos(t), cy + 12 * t * math.sin(t)) for t in (i * 0.1 for i in range(0, 260))]
    d.line(pts, fill=_shade(c, 0.7), width=58, joint="curve")
    d.line(pts, fill=c, width=44, joint="curve")
    for _ in range(12):  # lemongrass and kaffir lime leaves on the board
        _leaf(
            d,
            rng.randint(0, w),
            rng.choice((rng.randint(0, 120), rng.randint(h - 120, h))),
            rng.uniform(0, math.pi),
            50,
            (90, 140, 60),
        )


def _fruit(d, rng, c, w, h):
    _jar(d, rng, c, w, h, lid=(90, 60, 30))
    for _ in range(10):
        x, y = rng.randint(0, w), rng.randint(int(h * 0.88), h)
        d.ellipse((x - 26, y - 26, x + 26, y + 26), fill=_shade(c, 1.2))


def _herbal(d, rng, c, w, h):
    d.rectangle((0, 0, w, h), fill=(240, 244, 232))
    for _ in range(24):
        _leaf(d, rng.randint(0, w), rng.randint(0, h), rng.uniform(0, math.pi), rng.randint(50, 90), (110, 160, 90))
    cx, cy = w // 2, int(h * 0.56)  # balm tin seen from the side
    d.rounded_rectangle((cx - 160, cy - 60, cx + 160, cy + 120), radius=30, fill=c)
    d.rounded_rectangle((cx - 170, cy - 110, cx + 170, cy - 40), radius=20, fill=_shade(c, 0.75))
    d.rectangle((cx - 110, cy, cx + 110, cy + 70), fill=(250, 246, 230))


def _fit(draw: ImageDraw.ImageDraw, label: str, font, max_width: int) -> str:
    # The bundled font is ASCII-only: dashes and accents would draw as boxes.
    text = label.replace("\u2013", "-").replace("\u00e9", "e").encode("ascii", "ignore").decode()
    full = draw.textlength(text, font=font)
    if full <= max_width:
        return text
    text = text[: int(len(text) * max_width / full)]  # close guess, then trim
    while text and draw.textlength(text + "...", font=font) > max_width:
        text = text[:-1]
    return text.rstrip(" ,-") + "..."


MOTIFS: dict[str, Callable] = {
    "weave": _weave,
    "jok": _jok,
    "indigo": _indigo,
    "umbrella": _umbrella,
    "wood": _wood,
    "silver": _silver,
    "lacquer": _lacquer,
    "ceramic": _ceramic,
    "basket": _basket,
    "jar": _jar,
    "honey": _honey,
    "coffee": _coffee,
    "tea": _tea,
    "sausage": _sausage,
    "fruit": _fruit,
    "herbal": _herbal,
}


def render_picture(
    *, motif: str, colour: str | None, seed: int, label: str = "", size: tuple[int, int] = (800, 800), quality: int = 80
) -> bytes:
    """Draw one picture and return it as JPEG bytes. The same arguments always
    give the same bytes."""
    width, height = size
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    MOTIFS.get(motif, _weave)(draw, rng, _rgb(colour), width, height)
    if label:
        band = max(48, height // 12)
        draw.rectangle((0, height - band, width, height), fill=(25, 25, 25))
        font = _font(max(16, band // 2))
        draw.text((20, height - band + band // 4), _fit(draw, label, font, width - 40), fill=(245, 240, 230), font=font)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()
