"""Serving stored files. A record whose file is gone from MEDIA_ROOT (a database restored without
its media folder, a disk lost) answers a plain 404 page that names the record, never a 500."""

from django.http import FileResponse
from django.shortcuts import render


def file_response(request, file, *, record, filename=None, as_attachment=True, content_type=None):
    """A FileResponse for the FileField value `file` of `record`, or the missing-file page."""
    name = filename or (file.name.rsplit("/", 1)[-1] if file else "")
    if file:
        try:
            handle = file.open("rb")
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            pass
        else:
            return FileResponse(handle, as_attachment=as_attachment, filename=name, content_type=content_type)
    return render(
        request,
        "bureau/file_missing.html",
        {"record": record, "model_name": record._meta.verbose_name, "file_name": name},
        status=404,
    )
