from django.http import FileResponse

from .storage import IMAGE_TYPES, blob_path


def blob_response(blob, filename):
    """Serve a stored file with the type we sniffed, never a guessed one."""
    response = FileResponse(open(blob_path(blob.sha256), "rb"), content_type=blob.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    disposition = "inline" if blob.content_type in IMAGE_TYPES else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
