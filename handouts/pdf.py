"""Write stage: build the PDF in memory, then put it in place atomically.

A failed build leaves no half-written file and never touches the last good PDF:
the bytes go to a temporary file in the target folder, renamed over the target
only when complete. A set of files that must never be seen mixed (an exam's
versions, keys and key.csv) is written into a temporary folder beside its own,
which then takes the old folder's place (`Staging.folder`). Temporary names start
with `TEMP_PREFIX`, so that a build killed outright leaves nothing the next build
does not recognise and remove (`recover`).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, TypeVar

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import LayoutError

from handouts.errors import SourceRef, fail
from handouts.layout.laid import Laid
from handouts.layout.reportlab_internals import pdf_document
from handouts.products import Job, Product
from handouts.stopping import stop_if_asked

T = TypeVar("T")


def render(laid: Laid, source: SourceRef | None = None) -> bytes:
    """The PDF bytes of a laid-out document (several passes for contents and page totals).
    A layout that cannot be done is an error at the block being laid out, when the
    document keeps track of it (`current_ref`: the file and line of its markup's
    `src`), else at `source` (by default the title)."""
    try:
        laid.doc.multiBuild(laid.story)
    except LayoutError as exc:
        ref = getattr(laid.doc, "current_ref", None)
        if ref is not None:  # a handout knows the block it was placing
            raise fail(ref, "this block does not fit on a page, even on a page of its own (a box, a "
                       "table row, or a text with its footnotes is not split over two pages); shorten "
                       "it or split it up") from None
        where = source or SourceRef(laid.doc.title or "document")
        # reportlab names the block by its Python object, of no use to a reader: not repeated.
        if "too large" in str(exc) or "without content" in str(exc):
            raise fail(where, "a block (a question, a table row, a picture) is taller than a page "
                       "and cannot be split over two; shorten it or split it up") from None
        raise fail(where, "this block cannot be laid out on the page (it cannot be split where it "
                   "would have to be); shorten it or split it up") from None
    return laid.buffer.getvalue()


class PagesCompressedCanvas(Canvas):
    """A canvas that compresses each page as it is finished, not all of them when the
    document is saved, and keeps it in a temporary file until then: the print file of a
    thousand exam versions holds none of its pages in memory (43 MB before). The bytes
    are the same: each page is compressed as reportlab would compress it at the end,
    and read back as it is written into the file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spilled = tempfile.TemporaryFile()  # removed by the system when closed

    def showPage(self) -> None:  # noqa: N802 - reportlab's
        super().showPage()
        pages = pdf_document(self).Pages.pages
        if pages:
            _compress_now(pages[-1], self._spilled)

    def save(self) -> None:
        try:
            super().save()
        finally:
            self._spilled.close()


class KeptBytes(io.BytesIO):
    """Where a document is saved to keep its bytes as reportlab hands them over, without
    the copy a plain `BytesIO` makes (12 MB for the print file of a thousand exam versions)."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []

    def write(self, data: Any) -> int:
        self._parts.append(data)
        return len(data)

    def getvalue(self) -> bytes:
        if len(self._parts) != 1:
            self._parts = [b"".join(self._parts)]
        return self._parts[0]


class _Applied:
    """A stream filter already applied to the content: written by name, does nothing."""

    def __init__(self, pdfname: str) -> None:
        self.pdfname = pdfname

    def encode(self, content: Any) -> Any:
        return content


class _PageStream(pdfdoc.PDFStream):
    """A page's compressed operators, kept in a temporary file until they are written
    into the PDF being saved. A second writing would be an error, never an empty page."""

    def __init__(self, spilled: IO[bytes], offset: int, length: int, text: bool) -> None:
        super().__init__()
        self.content: Any = None  # read back only while the page is written
        self._where: tuple[IO[bytes], int, int, bool] | None = (spilled, offset, length, text)

    def format(self, document: Any) -> bytes:
        if self._where is None:
            raise ValueError("a page's operators were written already")
        spilled, offset, length, text = self._where
        spilled.seek(offset)
        data = spilled.read(length)
        self.content = data.decode("ascii") if text else data  # as the filters gave it
        written = super().format(document)
        self.content, self._where = None, None
        return written


_APPLIED = {name: _Applied(name) for name in ("ASCII85Decode", "FlateDecode")}  # shared by every page


def _compress_now(page: pdfdoc.PDFPage, spilled: IO[bytes]) -> None:
    # What PDFPage.check_format does with the page's operators when the document is
    # saved, done now: the same filters (Flate, and ASCII85 when reportlab adds it),
    # applied in the same order. A page it would not make so is left to it.
    if page.Contents or not page.compression or not page.stream:
        return
    filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [pdfdoc.PDFZCompress]
    content = page.stream
    for applied in reversed(filters):
        content = applied.encode(content)
    text = isinstance(content, str)  # ASCII85 gives text
    data = content.encode("ascii") if text else content
    spilled.seek(0, os.SEEK_END)
    offset = spilled.tell()
    spilled.write(data)
    stream = _PageStream(spilled, offset, len(data), text)
    stream.filters = [_APPLIED[applied.pdfname] for applied in filters]
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None


TEMP_PREFIX = ".handouts-tmp-"  # a file or folder being written
OLD_PREFIX = ".handouts-old-"  # a folder set's previous version, while it is swapped out
# How earlier versions named their temporary files (".versie-A.pdf.k2j4_x9q.tmp"): removed too.
_EARLIER_TEMP = re.compile(r"^\..+\.(pdf|csv)\.[a-z0-9_]{8}\.tmp$")


def write_all_atomic(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write many files so that readers only ever see the old or the new file: each
    goes to a temporary file in its folder, renamed over its target when complete.
    Nothing is replaced until every file is written and flushed. Returns the targets."""
    staging = Staging()
    try:
        for target, data in files:
            staging.file(target, data)
        staging.flush()
        with uninterrupted():
            staging.commit()
    finally:
        staging.discard()
    return staging.targets


class Staging:
    """Files, and whole folders of files, written under temporary names and flushed
    to disk together (the disk takes about as long for many flushes at once as for
    one: the 63 files of a 30-version exam take ~150 ms one by one, ~10 ms together),
    with few files open at once, so a thousand versions stay within the limit on open
    files; then put in place together (`commit`), or removed (`discard`)."""

    def __init__(self) -> None:
        self._files: list[tuple[Path, str]] = []  # (target, temporary file)
        self._folders: list[tuple[Path, Path]] = []  # (folder, temporary folder)
        self._written: list[str] = []  # every temporary file, to flush
        self._old: list[Path] = []  # replaced folders, removed once all is in place
        self.targets: list[Path] = []

    def file(self, target: Path, data: bytes) -> None:
        """`data` to go to `target`, replacing the file there (if any) on `commit`."""
        self._files.append((target, self._write(target.parent, target.name, data)))
        self.targets.append(target)

    def folder(self, folder: Path, files: Iterable[tuple[Path, bytes]], keep: Iterable[Path] = (),
               spool: Spool | None = None) -> None:
        """`files` (targets inside `folder`) to take the place of all of `folder` on
        `commit`, together with the entries `keep` of the present folder (the user's
        own), which stay as they are, and the files `spool` already wrote for it."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        if spool is not None and spool.folder == folder and spool.temp is not None:
            temp, spool.temp = spool.temp, None  # this staging's now, to commit or discard
            self._written += [str(temp / target.relative_to(folder)) for target in spool.written]
            self.targets += spool.written
        else:
            temp, _ = _create(folder.parent, folder.name, lambda path: os.mkdir(path, 0o777))
        self._folders.append((folder, temp))
        if folder.is_dir():  # the mode of the folder it replaces; a new one gets a plain mkdir's
            os.chmod(temp, folder.stat().st_mode & 0o7777)
        for entry in keep:
            _link_or_copy(entry, temp / entry.name)
        for target, data in files:
            self._written.append(str(_write_inside(temp, folder, target, data)))
            self.targets.append(target)

    def _write(self, folder: Path, name: str, data: bytes) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        path, handle = _create(folder, name, lambda path: os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666),
                               ".tmp")
        self._written.append(str(path))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return str(path)

    def flush(self) -> None:
        """Every file written so far, on disk."""
        if self._written:
            with ThreadPoolExecutor(max_workers=min(16, len(self._written))) as pool:
                list(pool.map(_flush, self._written))
        for _, temp in self._folders:
            _flush(str(temp))

    def commit(self) -> None:
        """Everything in place: renames only (run it `uninterrupted`). A folder set
        moves its old folder aside first; a build killed between the two renames is
        rolled back by the next one (`recover`)."""
        for target, temp_file in self._files:
            os.replace(temp_file, target)
        self._files = []
        for folder, temp in self._folders:
            old = folder.parent / f"{OLD_PREFIX}{folder.name}"
            if not folder.exists():
                os.rename(temp, folder)
                continue
            _remove(old)
            os.rename(folder, old)
            try:
                os.rename(temp, folder)
            except OSError:
                os.rename(old, folder)
                raise
            self._old.append(old)
        self._folders = []

    def discard(self) -> None:
        """Remove what was not put in place, and the replaced folders."""
        for _, temp_file in self._files:
            Path(temp_file).unlink(missing_ok=True)
        for _, temp in self._folders:
            _remove(temp)
        for old in self._old:
            _remove(old)
        self._files, self._folders, self._old = [], [], []


class Spool:
    """The files of one folder set (an exam's), written as they are made into a
    temporary folder beside the set's own, instead of all held in memory until the
    end (a thousand versions' PDFs). `Staging.folder` takes the temporary folder over
    as it is; until then `discard` removes it. Its name starts with `TEMP_PREFIX`, so
    a build killed meanwhile leaves nothing that `recover` does not remove."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder: Path | None = None  # the set's folder, known from the first file
        self.temp: Path | None = None
        self.written: list[Path] = []  # the targets written so far

    def put(self, product: Product) -> Product:
        """Write `product` now; what is left of it to keep is its name and pages."""
        target = self.out_dir / product.target
        if self.folder is None:
            self.folder = target.parent
            self.folder.parent.mkdir(parents=True, exist_ok=True)
        if self.temp is None:
            self.temp, _ = _create(self.folder.parent, self.folder.name, lambda path: os.mkdir(path, 0o777))
        _write_inside(self.temp, self.folder, target, product.data)
        self.written.append(target)
        return replace(product, data=b"", spooled=True)

    def discard(self) -> None:
        if self.temp is not None:
            _remove(self.temp)
            self.temp = None


class Spools:
    """Every `Spool` of one build, so that whatever ends the build (an error, Ctrl-C)
    removes those not put in place: `with Spools(out_dir) as spools: ...`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._spools: dict[Job, Spool] = {}

    def new(self, job: Job) -> Spool:
        spool = self._spools[job] = Spool(self.out_dir)
        return spool

    def of(self, job: Job) -> Spool | None:
        """The spool `job` wrote into, if any."""
        return self._spools.get(job)

    def temporary(self) -> set[Path]:
        """The temporary folders being written, which `recover` must leave alone."""
        return {spool.temp for spool in self._spools.values() if spool.temp is not None}

    def __enter__(self) -> Spools:
        return self

    def __exit__(self, *exc: object) -> None:
        for spool in self._spools.values():
            spool.discard()


def _write_inside(temp: Path, folder: Path, target: Path, data: bytes) -> Path:
    """`data` into the temporary folder `temp` standing for `folder`, where `target` is to be."""
    inside = temp / target.relative_to(folder)
    inside.parent.mkdir(parents=True, exist_ok=True)
    with open(inside, "xb") as out:
        out.write(data)
    return inside


def _create(folder: Path, name: str, make: Callable[[Path], T], suffix: str = "") -> tuple[Path, T]:
    """A temporary file or folder in `folder`, made by `make` under a name no other
    has. Made with the mode a plain `open()` or `mkdir` gives (0666 or 0777, less the
    umask the system applies): the PDFs must not stay private, as `tempfile`'s would,
    and the umask need not be read (which only setting it can do)."""
    while True:
        path = folder / f"{TEMP_PREFIX}{name}.{secrets.token_hex(4)}{suffix}"
        try:
            return path, make(path)
        except FileExistsError:
            continue


def recover(folder: Path, spare: Collection[Path] = ()) -> None:
    """Clean up after a build that was killed while writing into `folder`: remove its
    temporary files and folders (but those in `spare`, this build's own); put back a
    folder set whose old folder was moved aside while its new one had not taken its
    place yet, or remove the old folder if the new one had."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if path in spare:
            continue
        if entry.name.startswith(TEMP_PREFIX) or _EARLIER_TEMP.match(entry.name):
            _remove(path)
        elif entry.name.startswith(OLD_PREFIX):
            current = folder / entry.name[len(OLD_PREFIX):]
            if current.exists():
                _remove(path)
            else:
                os.rename(path, current)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (its renames take milliseconds),
    then take effect: a set of files is never left half replaced."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stop_if_asked()  # a stop whose exception was lost on the way: nothing is replaced
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.getsignal(number) for number in held}
    for number in held:
        signal.signal(number, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _link_or_copy(source: Path, target: Path) -> None:
    """`source` at `target` too: a hard link where the file system allows one."""
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_file)
    else:
        _link_file(str(source), str(target))


def _link_file(source: str, target: str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _flush(path: str) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
