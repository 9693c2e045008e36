import io
import subprocess

from pypdf import PdfReader

from bureau.pdf import render_pdf


def _fonts(reader):
    """(base font name, embedded?) of every font on every page."""
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add((str(font["/BaseFont"]).replace("-", ""), embedded))
    return fonts


def test_chinese_pdf_embeds_cjk_font_and_text_extracts_back(db, tmp_path):
    pdf = render_pdf(
        "pdf/official_document_sample.html",
        {"bureau_name": "示范县司法局", "firm_name": "示范县明德律师事务所", "deadline": "2026年10月15日"},
    )
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    fonts = _fonts(reader)
    assert any("NotoSerifCJKSC" in name and embedded for name, embedded in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert "示范县司法局" in text
    assert "示范县明德律师事务所" in text
    assert "2026年10月15日" in text
    # pdftotext (poppler) agrees.
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    extracted = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "示范县明德律师事务所" in extracted
