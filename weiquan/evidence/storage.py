"""Storing uploads: size and type limits, metadata stripped, kept under their SHA-256."""

import hashlib
import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from weiquan.errors import DomainError

from .models import Blob

# Magic numbers of the types we accept; the client's declared type is never trusted.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
    (b"RIFF", "image/webp", "WEBP"),  # checked further below: RIFF....WEBP
    (b"%PDF-", "application/pdf", None),
]
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}


def sniff(head: bytes):
    for magic, content_type, pil_format in SIGNATURES:
        if head.startswith(magic):
            if content_type == "image/webp" and head[8:12] != b"WEBP":
                continue
            return content_type, pil_format
    return None, None


def strip_image_metadata(data: bytes, pil_format: str) -> bytes:
    """Re-encode the pixels only: EXIF (GPS, camera, time), XMP and comments are dropped.

    The EXIF orientation is applied first so the picture still stands upright.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                upright = upright.convert("RGB")
            if pil_format == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            upright.save(out, format=pil_format, **({"quality": 92} if pil_format == "JPEG" else {}))
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise DomainError("bad_upload", _("This picture cannot be read.")) from exc


def blob_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence" / sha256[:2] / sha256


def store_upload(uploaded) -> Blob:
    """Validate and store an uploaded file (a Django UploadedFile); returns its Blob."""
    limit = settings.WEIQUAN_EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise DomainError(
            "upload_too_large",
            _("The file is larger than %(limit)d MB.") % {"limit": limit // (1024 * 1024)},
            status=413,
        )
    data = uploaded.read()
    content_type, pil_format = sniff(data[:16])
    if content_type is None:
        raise DomainError(
            "unsupported_file_type", _("Only JPEG, PNG or WebP pictures and PDF files are accepted.")
        )
    if content_type in IMAGE_TYPES:
        data = strip_image_metadata(data, pil_format)
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    blob, _created = Blob.objects.get_or_create(
        sha256=digest, defaults={"size": len(data), "content_type": content_type}
    )
    return blob
