"""A captcha drawn on the server (Pillow), so it works without the internet: five characters, skewed, over noise.

The answer travels in a signed, timed token with the image (no server state); it is compared as a keyed hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import random
import secrets

from django.conf import settings
from django.core import signing

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)
LENGTH = 5
MAX_AGE = 15 * 60
SALT = "gate.captcha"


def _digest(answer: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"captcha:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def normalize(answer: str) -> str:
    return "".join(ch for ch in (answer or "").upper() if not ch.isspace())[:20]


def new() -> tuple[str, str]:
    """(token, PNG image as a data: URL) of a fresh challenge."""
    answer = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    token = signing.dumps({"d": _digest(answer), "n": secrets.token_hex(4)}, salt=SALT)
    return token, "data:image/png;base64," + base64.b64encode(draw(answer)).decode()


def check(token: str, answer: str) -> bool:
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    return hmac.compare_digest(data.get("d", ""), _digest(normalize(answer)))


def draw(answer: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    rnd = random.Random(secrets.randbits(64))
    width, height = 200, 70
    image = Image.new("RGB", (width, height), (245, 245, 240))
    pen = ImageDraw.Draw(image)
    for _ in range(6):
        pen.line([(rnd.randint(0, width), rnd.randint(0, height)) for _ in range(2)], fill=(150, 150, 170), width=2)
    font = ImageFont.load_default(size=40)
    x = 12
    for ch in answer:
        glyph = Image.new("RGBA", (46, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((6, 4), ch, font=font, fill=(rnd.randint(0, 90), rnd.randint(0, 90), rnd.randint(60, 120)))
        glyph = glyph.rotate(rnd.uniform(-25, 25), resample=Image.BICUBIC, expand=False)
        image.paste(glyph, (x, rnd.randint(0, 10)), glyph)
        x += 36
    for _ in range(300):
        pen.point((rnd.randint(0, width - 1), rnd.randint(0, height - 1)), fill=(rnd.randint(100, 200),) * 3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
