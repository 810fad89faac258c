"""The roadmap's plan-against-actual chart as a PNG for a document (Word cannot show the pages' SVG charts).

Bars per year: planned cumulative (light) and actual cumulative (dark), figures above the bars; the legend is written in
the document's caption, so the picture holds only digits (the built-in font has no Vietnamese letters).
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

W, H = 1600, 700
PAD_L, PAD_R, PAD_T, PAD_B = 90, 30, 50, 80
PLAN, ACTUAL, AXIS = (160, 190, 225), (25, 70, 140), (60, 60, 60)


def plan_actual_png(columns: list[tuple[str, int | None, int | None]]) -> bytes:
    """``columns``: (year, planned cumulative or None, actual cumulative or None)."""
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=28)
    top = max([v for _y, p, a in columns for v in (p, a) if v is not None] + [1])
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    d.line([(PAD_L, PAD_T), (PAD_L, H - PAD_B), (W - PAD_R, H - PAD_B)], fill=AXIS, width=3)
    for tick in range(0, 5):
        value = top * tick / 4
        y = H - PAD_B - plot_h * tick / 4
        d.line([(PAD_L - 8, y), (W - PAD_R, y)], fill=(225, 225, 225) if tick else AXIS, width=1)
        d.text((PAD_L - 14, y), f"{value:.0f}", fill=AXIS, font=font, anchor="rm")
    slot = plot_w / max(len(columns), 1)
    bar = slot * 0.32
    for i, (year, planned, actual) in enumerate(columns):
        x = PAD_L + slot * i + slot * 0.16
        for j, (value, colour) in enumerate(((planned, PLAN), (actual, ACTUAL))):
            if value is None:
                continue
            x0 = x + j * bar
            y0 = H - PAD_B - plot_h * value / top
            d.rectangle([x0, y0, x0 + bar - 4, H - PAD_B], fill=colour)
            d.text((x0 + bar / 2 - 2, y0 - 6), str(value), fill=AXIS, font=font, anchor="md")
        d.text((PAD_L + slot * (i + 0.5), H - PAD_B + 14), str(year), fill=AXIS, font=font, anchor="ma")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()
