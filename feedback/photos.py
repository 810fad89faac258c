"""A citizen's photo: checked to be a real JPEG, PNG or WebP image within the limits, then re-encoded as JPEG.

Re-encoding drops every metadata block (EXIF with the GPS position, XMP, comments) and anything hidden after the
image data; the pixels are all that is kept. Huge pixel counts are refused before decoding (decompression bombs).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.posted import Refused

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000
LONG_SIDE = 2048  # enough to read a plate or a sign; keeps stored photos small


def clean(upload) -> SimpleUploadedFile | None:
    if upload is None:
        return None
    limit = settings.FEEDBACK_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise Refused(f"Ảnh quá lớn ({upload.size / 1024 / 1024:.1f} MB); chỉ nhận ảnh đến {limit // 1024 // 1024} MB.")
    if upload.size == 0:
        raise Refused("Tệp ảnh rỗng.")
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            if kind not in FORMATS:
                raise Refused("Chỉ nhận ảnh JPG, PNG hoặc WebP.")
            if probe.width * probe.height > MAX_PIXELS:
                raise Refused("Ảnh có kích thước điểm ảnh quá lớn.")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)  # keep the photo upright once its orientation tag is gone
            image.thumbnail((LONG_SIDE, LONG_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
    except Refused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise Refused("Tệp gửi kèm không phải là ảnh đọc được (JPG, PNG hoặc WebP).") from None
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")
