"""The fixed parts of an ``.xlsx`` package (content types, relationships, workbook, styles).

Used by :mod:`tiering_lib.io.xlsx_writer`, which streams the worksheets
themselves.  Only what the reports need is declared: the sheets, and five cell
styles (plain, bold, money ``#,##0.00``, percent ``0.000%``, count ``#,##0``).
"""

from __future__ import annotations

__all__ = ["package_parts", "zip_entry", "escape", "NS", "NS_R", "XML_HEAD"]

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text as XML character data or attribute value.

    Examples
    --------
    >>> escape('a<b & "c"')
    'a&lt;b &amp; &quot;c&quot;'
    """
    return text.translate(_ESCAPES)


_STYLES_XML = (
    XML_HEAD + f"<styleSheet {NS}>"
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000%"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def package_parts(names: list[str]) -> dict[str, str]:
    """Every part of the package but the worksheets, by name in the zip file."""
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    sheets = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, n in enumerate(names, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    rel_ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return {
        "[Content_Types].xml": XML_HEAD
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": XML_HEAD + f"<Relationships {rel_ns}>"
        f'<Relationship Id="rId1" Type="{doc}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": XML_HEAD + f"<workbook {NS} {NS_R}><sheets>{sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": XML_HEAD + f"<Relationships {rel_ns}>{rels}"
        f'<Relationship Id="rId{len(names) + 1}" Type="{doc}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _STYLES_XML,
    }


def zip_entry(name: str):
    """A zip entry with a fixed date and fast compression (the same report gives the same bytes)."""
    import zipfile

    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    # Fast compression (level 1): a ZipInfo does not inherit the archive's level.  The
    # attribute is ``_compresslevel`` up to Python 3.12 and ``compress_level`` from 3.13.
    for attribute in ("compress_level", "_compresslevel"):
        try:
            setattr(info, attribute, 1)
            break
        except AttributeError:
            continue
    return info
