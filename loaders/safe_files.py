"""Reading input files safely: regular files only, a size limit, bounded memory, zip bombs refused.

Planners' folders hold whatever was sent to them. A FIFO or a link to /dev/zero must not hang a
load (a FIFO is never opened for reading; anything but a regular file is refused at once), a
file over the limit is refused before it is read, and a .docx/.xlsx package is measured by the
uncompressed sizes its zip directory declares before any parser unpacks it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from qdkg.errors import LoaderError

#: Files larger than this are refused before they are read (``--max-size`` changes it); reports are
#: a few hundred KB as text and rarely past 20 MB as PDF.
DEFAULT_MAX_SIZE = 100 * 1024 * 1024

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``"50MB"``, ``"200k"``, ``"1.5g"`` or plain bytes as a number of bytes; ValueError if unreadable."""
    m = _SIZE.match(text)
    unit = m.group(2).lower() if m else ""
    if not m or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size; write e.g. 50MB, 500KB or 2GB")
    size = int(float(m.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"{text!r} is not a size above zero")
    return size


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _refusal(path: Path, kind: str) -> LoaderError:
    if kind == "a folder":
        return LoaderError(str(path), "is a folder; give the files in it or the folder to `qdkg load`")
    target = ""
    if path.is_symlink():
        target = f" (a link to {os.path.realpath(path)})"
    return LoaderError(str(path), f"is {kind}{target}, not a regular file; qdkg reads only report files")


def _stat_error(path: Path, e: OSError) -> LoaderError:
    if isinstance(e, FileNotFoundError):
        return LoaderError(str(path), "no such file; check the path")
    if isinstance(e, PermissionError):
        return LoaderError(str(path), "permission denied; check the file's permissions")
    return LoaderError(str(path), f"cannot read the file ({e.strerror or e}); check the path")


def _too_large(path: Path, size: int, max_size: int, *, what: str = "is") -> LoaderError:
    return LoaderError(str(path), f"{what} {format_size(size)}, over the {format_size(max_size)} limit per file; "
                                  f"split the file, or raise the limit with --max-size")


def check_file(path: Path, *, max_size: int = DEFAULT_MAX_SIZE) -> int:
    """The size of ``path`` if it is a regular file within the limit (links followed); LoaderError otherwise."""
    try:
        info = os.stat(path)
    except OSError as e:
        raise _stat_error(path, e) from None
    kind = _kind(info.st_mode)
    if kind:
        raise _refusal(path, kind)
    if info.st_size > max_size:
        raise _too_large(path, info.st_size, max_size)
    return info.st_size


def read_file(path: Path, *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file, at most ``max_size`` of them.

    The kind is checked before opening (a FIFO is never opened), and again on the open descriptor
    (opened non-blocking), so a file swapped for a FIFO in between cannot block the read either.
    """
    check_file(path, max_size=max_size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise _stat_error(path, e) from None
    with os.fdopen(fd, "rb") as f:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise _refusal(path, kind)
        try:
            data = f.read(max_size + 1)
        except OSError as e:
            raise _stat_error(path, e) from None
    if len(data) > max_size:  # it grew after the check
        raise _too_large(path, len(data), max_size, what="is more than")
    return data


def check_zip_package(path: Path, data: bytes, *, max_size: int = DEFAULT_MAX_SIZE, what: str = "package") -> None:
    """Refuse a zip package (.docx, .xlsx) whose members unpack to more than ``max_size`` in all.

    The sizes come from the zip directory, before anything is decompressed; Python's zipfile then
    stops every member at its declared size, so a directory that lies cannot unpack more either.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the format's reader says what is wrong with it
    if unpacked > max_size:
        raise LoaderError(str(path), f"unpacks to {format_size(unpacked)} (a zip bomb?), over the "
                                     f"{format_size(max_size)} limit per file; save it again, or raise the limit "
                                     f"with --max-size")


__all__ = ["DEFAULT_MAX_SIZE", "check_file", "check_zip_package", "format_size", "parse_size", "read_file"]
