"""Safe file handling shared by the writers and readers.

Every writer goes through :func:`atomic_outputs`: it writes to a temporary file
in the destination folder and renames it over the destination only once the
whole corpus is written, so a failure (bad input, a full disk, Ctrl-C) never
leaves a partial file behind, and an existing file is replaced in one step.
"""
from __future__ import annotations

import io
import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO

from ..errors import InputError

#: Buffer size of output and input files (large buffers make line-oriented I/O faster).
BUFFER = 1 << 20


def check_output_path(path: str | os.PathLike) -> str:
    """Return ``path`` as a string, or raise :class:`InputError` if it cannot be written to.

    :param path: the file a writer is about to create or replace.
    :raises InputError: its folder does not exist, or it is a folder itself.
    """
    path = os.fspath(path)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise InputError(path, f"output folder {parent} does not exist")
    if os.path.isdir(path):
        raise InputError(path, "is a folder, not a file")
    return path


def _create_temporary(path: str) -> tuple[str, int]:
    folder, name = os.path.split(os.path.abspath(path))
    while True:
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 minus the umask: the same permissions a plain open() would give
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as e:
            raise InputError(path, f"cannot create a file in {folder}: {e.strerror}") from None


@contextmanager
def atomic_outputs(paths: Sequence[str | os.PathLike], *, errors: str = "strict") -> Iterator[list[IO[str]]]:
    """Open one UTF-8 text file (``\\n`` line ends) per path; rename them into place on success.

    :param paths: the destination files.
    :param errors: the encoder's error handler (the JSONL writer uses ``backslashreplace``).
    :raises InputError: a destination folder is missing or not writable.
    """
    paths = [check_output_path(p) for p in paths]
    temps: list[str] = []
    files: list[IO[str]] = []
    try:
        for p in paths:
            tmp, fd = _create_temporary(p)
            temps.append(tmp)
            files.append(io.open(fd, "w", encoding="utf-8", newline="\n", errors=errors, buffering=BUFFER))
        yield files
        for f in files:
            f.close()
        for tmp, p in zip(temps, paths):
            os.replace(tmp, p)
    except BaseException:
        for f in files:
            try:
                f.close()
            except Exception:
                pass
        for tmp in temps:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


def open_input(path: str | os.PathLike, *, binary: bool = False) -> IO:
    """Open a corpus file for reading (UTF-8, a leading byte-order mark dropped, lines split on ``\\n`` only).

    :raises InputError: the file is missing, a folder, or unreadable.
    """
    path = os.fspath(path)
    try:
        if binary:
            return open(path, "rb", buffering=BUFFER)
        return open(path, "r", encoding="utf-8-sig", newline="\n", buffering=BUFFER)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror}") from None


def read_lines(path: str | os.PathLike) -> Iterator[tuple[int, str]]:
    """Yield ``(1-based line number, line without its line end)`` for a UTF-8 text file.

    A ``\\r`` before the ``\\n`` (a Windows line end) is dropped too; the writers never
    write a bare ``\\r``.

    :raises InputError: the file is missing, or not UTF-8 (naming the line).
    """
    n = 0
    with open_input(path) as f:
        try:
            for n, line in enumerate(f, 1):
                if line.endswith("\n"):
                    line = line[:-2] if line.endswith("\r\n") else line[:-1]
                yield n, line
        except UnicodeDecodeError as e:
            raise InputError(path, f"is not UTF-8 text (after line {n}: {e.reason})") from None
