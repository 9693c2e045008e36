"""Checks of uploaded files shared by the apps: a file is accepted only when its extension is one
the form allows and its first bytes are those of that type (a renamed .exe is not a PDF)."""

import os

# Leading bytes of each accepted file type, by extension.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
PDF_AND_IMAGES = (".pdf", ".png", ".jpg", ".jpeg")


def checked_extension(upload, allowed):
    """The upload's extension if it is in `allowed` and the content starts as that type should,
    else None. The file is left at its start."""
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in allowed:
        return None
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return extension if head.startswith(SIGNATURES[extension]) else None
