from django.core.files.uploadedfile import SimpleUploadedFile

from bureau.uploads import PDF_AND_IMAGES, checked_extension


def test_extension_and_content_must_agree():
    assert checked_extension(SimpleUploadedFile("a.PDF", b"%PDF-1.7 ..."), PDF_AND_IMAGES) == ".pdf"
    assert checked_extension(SimpleUploadedFile("a.png", b"%PDF-1.7 ..."), PDF_AND_IMAGES) is None
    assert checked_extension(SimpleUploadedFile("a.pdf.exe", b"MZ\x90\x00"), PDF_AND_IMAGES) is None
    assert checked_extension(SimpleUploadedFile("a.docx", b"PK\x03\x04..."), PDF_AND_IMAGES) is None


def test_file_is_left_at_its_start():
    upload = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0 rest")
    checked_extension(upload, PDF_AND_IMAGES)
    assert upload.read() == b"\xff\xd8\xff\xe0 rest"
