"""The physical lines of a text export, decoded, with every undecodable or mixed-encoding line flagged.

The encoding is recognised from the content: a byte-order mark (UTF-8 or
UTF-16), zero bytes (UTF-16 without a mark), else UTF-8 or GB18030 (a superset
of GBK, what Chinese Excel writes), whichever decodes most of the first lines
that are not plain ASCII.  Nothing is ever silently replaced: a line with bytes
the encoding cannot decode is flagged ``"undecodable"`` (its bytes are kept as
lone surrogates, never shown), and in a GBK/GB18030 file a line that is valid
UTF-8 Chinese is flagged ``"mixed_encoding"`` — both become rejected rows.
A physical line longer than :data:`MAX_LINE_BYTES` is flagged
``"line_too_long"`` and its content dropped.

Lines come in chunks: ``(lines, flags)``, each line ending in its line break
(``\\n``, or ``\\r`` in a file that uses only carriage returns), ``flags``
mapping a line's position in the chunk to its problem.
"""

from __future__ import annotations

import codecs
import re
from typing import IO, Iterator

from tiering_lib.errors import BranchFileError
from tiering_lib.io.sources import SAVE_AS

__all__ = ["Lines", "ENCODING_NAMES", "MAX_LINE_BYTES", "Chunk"]

#: How each codec is named to learners.
ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8（带 BOM）", "gb18030": "GB18030/GBK", "gbk": "GBK",
    "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
}
#: Longest physical line read (longer lines are reported, not read).
MAX_LINE_BYTES = 1 << 20

#: ``(lines, flags)``: decoded lines and ``{position in lines: problem}``.
Chunk = tuple[list[str], dict[int, str]]

_CHUNK = 1 << 20
_ESCAPE = "tiering_lib.keep_bytes"
_LONE = re.compile("[\udc00-\udcff]")
_UTF8_CJK = re.compile(rb"[\xe3-\xe9][\x80-\xbf]{2}")
_NOT_CJK_UTF8 = re.compile("[\u0080-\u07ff]")
_BYTE_CODECS = frozenset({"utf-8", "gb18030", "gbk", "gb2312", "big5", "ascii", "latin-1", "cp1252", "cp936"})
_GB_CODECS = frozenset({"gb18030", "gbk", "gb2312", "cp936"})
_SAMPLE = 2000


def _keep_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: each bad byte becomes a lone surrogate (found later, never shown)."""
    return "".join(chr(0xDC00 + b) for b in err.object[err.start : err.end]), err.end


def _register() -> None:
    try:
        codecs.lookup_error(_ESCAPE)
    except LookupError:
        codecs.register_error(_ESCAPE, _keep_bytes)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


class Lines:
    """The physical lines of ``stream``, decoded chunk by chunk (see the module description).

    ``codec`` is known once the first line that is not plain ASCII has been
    read; ``lines_read`` counts the physical lines yielded so far.
    """

    def __init__(self, stream: IO[bytes], label: str, encoding: str | None = None) -> None:
        _register()
        self.stream, self.label = stream, label
        self.codec: str | None = None
        self.explicit = encoding
        self.bom = False
        self.newline = b"\n"
        self.lines_read = 0
        if encoding is not None:
            try:
                self.codec = codecs.lookup(encoding).name
            except LookupError:
                raise BranchFileError(label, "bad_option", f"不认识编码“{encoding}”；可用 utf-8、gbk、gb18030") from None

    @property
    def encoding_name(self) -> str:
        """How the file was decoded, for learners."""
        codec = "utf-8-sig" if self.bom else (self.codec or "utf-8")
        return ENCODING_NAMES.get(codec, codec.upper())

    def chunks(self) -> Iterator[Chunk]:
        head = self._sniff(self.stream.read(_CHUNK))
        if b"\n" not in head and b"\r" in head:  # a file with carriage returns only
            self.newline = b"\r"
        if self.codec is not None and self.codec not in _BYTE_CODECS:
            yield from self._text_chunks(head)
        else:
            yield from self._byte_chunks(head)

    # -- encodings ---------------------------------------------------------------------
    def _sniff(self, head: bytes) -> bytes:
        """Recognise a BOM or UTF-16 without one; return ``head`` without a UTF-8 BOM."""
        if head.startswith(codecs.BOM_UTF8) and self.codec in (None, "utf-8"):
            self.codec, self.bom = "utf-8", True
            return head[3:]
        if self.codec is not None:
            return head
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.codec = "utf-16"
        elif head.count(0) > len(head) // 4:  # every other byte is 0
            self.codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return head

    def _decide(self, block: bytes) -> None:
        """Choose (or check) the codec from the lines of ``block`` that are not plain ASCII."""
        filled = [line for line in block.split(self.newline)[: _SAMPLE * 4] if line.strip()]
        wide = [line for line in filled if not line.isascii()][:_SAMPLE]
        if self.explicit:
            if 2 * sum(not _decodes(line, self.codec) for line in wide) > len(filled):
                raise BranchFileError(
                    self.label, "encoding",
                    f"文件的大部分行不能按 {self.explicit} 解码；去掉编码选项让程序自动识别，或{SAVE_AS}",
                )
            return
        good = {codec: sum(_decodes(line, codec) for line in wide) for codec in ("utf-8", "gb18030")}
        self.codec = "gb18030" if 2 * good["utf-8"] < len(wide) and good["gb18030"] > good["utf-8"] else "utf-8"
        if 2 * (len(wide) - good[self.codec]) > len(filled):
            raise BranchFileError(self.label, "encoding", f"无法识别文件编码（不是 UTF-8，也不是 GBK/GB18030）；{SAVE_AS}")

    # -- byte-oriented encodings: split at line breaks, then decode ----------------------
    def _blocks(self, head: bytes) -> Iterator[bytes | None]:
        """Blocks of whole lines; ``None`` stands for one line too long to read."""
        nl, carry, data, skipping = self.newline, b"", head, False
        while data:
            if skipping:
                end = data.find(nl)
                if end < 0:
                    data = self.stream.read(_CHUNK)
                    continue
                data, skipping = data[end + 1 :], False
            end = data.find(nl)
            if carry and end >= 0 and len(carry) + end + 1 > MAX_LINE_BYTES:
                yield None  # the line carried over ends here, too long
                carry, data = b"", data[end + 1 :]
            data = carry + data
            cut = data.rfind(nl) + 1
            if cut:
                yield data[:cut]
            carry = data[cut:]
            if len(carry) > MAX_LINE_BYTES:
                yield None
                carry, skipping = b"", True
            data = self.stream.read(_CHUNK)
        if carry:
            yield carry

    def _byte_chunks(self, head: bytes) -> Iterator[Chunk]:
        nl = self.newline.decode()
        checked = False
        for block in self._blocks(head):
            if block is None:
                self.lines_read += 1
                yield [nl], {0: "line_too_long"}
                continue
            if self.codec is None and block.isascii():
                text, flags = block.decode("ascii"), {}
            else:
                if not checked and (self.codec is None or self.explicit) and not block.isascii():
                    self._decide(block)
                    checked = True
                text, flags = self._decode(block)
            lines = _split(text, nl)
            self.lines_read += len(lines)
            yield lines, flags

    def _decode(self, block: bytes) -> tuple[str, dict[int, str]]:
        try:
            text, flags = block.decode(self.codec), {}
        except UnicodeDecodeError:
            text = block.decode(self.codec, _ESCAPE)
            flags = _flagged(text, self.newline.decode(), "undecodable")
        gb = self.codec in _GB_CODECS
        suspects = set(flags)
        if gb:  # lines holding a UTF-8 Chinese character: found where the pattern matches, not line by line
            suspects.update(_lines_at(block, self.newline, (m.start() for m in _UTF8_CJK.finditer(block))))
        if suspects:
            lines = block.split(self.newline)
            for i in suspects:
                if _is_utf8_chinese(lines[i]) if gb else _decodes(lines[i], "gb18030"):
                    flags[i] = "mixed_encoding"
        return text, flags

    # -- other encodings (UTF-16): decode, then split ----------------------------------
    def _text_chunks(self, head: bytes) -> Iterator[Chunk]:
        decoder = codecs.getincrementaldecoder(self.codec)(_ESCAPE)
        carry, data, skipping = "", head, False
        while True:
            final = not data
            text = decoder.decode(data, final=final)
            if skipping:
                end = text.find("\n")
                text, skipping = ("", True) if end < 0 else (text[end + 1 :], False)
            text = carry + text
            cut = len(text) if final else text.rfind("\n") + 1
            if cut:
                lines = _split(text[:cut], "\n")
                self.lines_read += len(lines)
                yield lines, _flagged(text[:cut], "\n", "undecodable")
            carry = text[cut:]
            if len(carry) > MAX_LINE_BYTES // 2:
                self.lines_read += 1
                yield ["\n"], {0: "line_too_long"}
                carry, skipping = "", True
            if final:
                return
            data = self.stream.read(_CHUNK)


def _split(text: str, nl: str) -> list[str]:
    """Lines each ending in ``nl`` (the last one may not, at the end of the file)."""
    parts = text.split(nl)
    last = parts.pop()
    lines = [p + nl for p in parts]
    if last:
        lines.append(last)
    return lines


def _lines_at(text, nl, positions) -> list[int]:
    """The line number (from 0) of each position of ``text`` (positions ascending)."""
    out, previous, line = [], 0, 0
    for position in positions:
        line += text.count(nl, previous, position)
        previous = position
        out.append(line)
    return out


def _flagged(text: str, nl: str, problem: str) -> dict[int, str]:
    return {line: problem for line in _lines_at(text, nl, (m.start() for m in _LONE.finditer(text)))}


def _is_utf8_chinese(line: bytes) -> bool:
    """Valid UTF-8 with Chinese characters and none of the two-byte range GBK text decodes into."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _NOT_CJK_UTF8.search(text) is None
