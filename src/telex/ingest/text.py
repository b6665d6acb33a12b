"""Decodes raw bytes into text: UTF-8 first, then the legacy encodings French text comes in."""

from __future__ import annotations

from telex.errors import InputError

UTF8 = "utf-8"

# Bytes that never occur in text files; a few of them mean a binary file.
_BINARY = set(range(0, 9)) | {
    11,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
}


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding it was read in.

    Raises:
        InputError: the data is empty or binary.
    """
    check_text(data[:8192])
    return decode_text(data)


def check_text(sample: bytes) -> None:
    """Refuse data whose beginning (`sample`) is empty or binary.

    Raises:
        InputError: naming the problem.
    """
    if not sample:
        raise InputError("empty file")
    if b"\x00" in sample or sum(byte in _BINARY for byte in sample) > len(sample) // 100 + 2:
        raise InputError("binary data, not text (give a .txt or .jsonl file in UTF-8)")


def decode_text(data: bytes) -> tuple[str, str]:
    """Text bytes decoded as UTF-8 (a BOM dropped), else Windows-1252, else Latin-1; and the
    name of the encoding used."""
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1252 is Latin-1 plus typographic quotes and the euro sign in 0x80-0x9F.
        return data.decode("cp1252"), "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"
