from django.http import FileResponse, Http404

from .storage import IMAGE_TYPES, blob_path


def blob_response(blob, filename):
    """Serve a stored file with the type we sniffed, never a guessed one."""
    response = FileResponse(open(blob_path(blob.sha256), "rb"), content_type=blob.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    disposition = "inline" if blob.content_type in IMAGE_TYPES else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def serve_evidence_file(evidence, evidence_id, prefix="evidence"):
    """Serve one stored file among `evidence` (a case's, an appeal's, a warning's rows):
    the caller has already checked that the reader may see their owner. Anything else,
    or a row with no file (an evidence number), is a 404."""
    item = evidence.filter(pk=evidence_id, blob__isnull=False).select_related("blob").first()
    if item is None:
        raise Http404
    return blob_response(item.blob, f"{prefix}-{item.pk}")
