import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image


def png_bytes(color="red", size=(60, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def png_upload(name="sms.png", color="red"):
    return SimpleUploadedFile(name, png_bytes(color), content_type="image/png")


def page_client(api_or_member, language="en"):
    """A browser-like client signed in as the member behind an API fixture."""
    member = getattr(api_or_member, "member", api_or_member)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(member)
    return client
