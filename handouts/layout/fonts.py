"""Font registration, in one place and idempotent.

A theme names families ("Noto Serif"); the files are found as
`<FamilyWithoutSpaces>-{Regular,Bold,Italic,BoldItalic}.ttf` under the project's
`fonts/` folder first and the bundled one last. TrueType fonts are always embedded
(as subsets) by reportlab, so no PDF depends on the reader's fonts.

Many PDFs of one run (exam versions) embed the very same subsets: each font keeps
the subsets it made and compressed, by their characters, and hands out the same
bytes again (`SubsetFont`). `FontPriming` puts a document's fonts in one fixed state
before it draws (names, and a code for every character it will draw), so that PDFs
with the same characters get the same subsets and the same text operators.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

from handouts.errors import SourceRef, fail
from handouts.layout import font_facts
from handouts.layout.glyphs import name_family, stand_in, visual
from handouts.layout.reportlab_internals import (
    face_facts,
    face_from_facts,
    font_state,
    font_with_face,
    register_font_as,
    subset_instead,
    subsetting,
)
from handouts.layout.speed_tricks import tricks_on
from handouts.load.project_files import project_file
from handouts.resources import builtin_dir

STYLES = {"Regular": (0, 0), "Bold": (1, 0), "Italic": (0, 1), "BoldItalic": (1, 1)}

FileKey = tuple[str, int, int]  # a font file: its path, size and modification time

# (family, project) → its regular name and the files it was registered with
_registered: dict[tuple[str, Path | None], tuple[str, tuple[FileKey, ...]]] = {}
_by_file: dict[FileKey, SubsetFont] = {}  # one font per file, whatever names it has
_named: dict[str, FileKey] = {}  # a name this module registered → its file


def _find(stem: str, style: str, folders: list[list[Path]]) -> Path | None:
    for files in folders:
        for path in files:  # in sorted order: the first of that name in the folder
            if path.name == f"{stem}-{style}.ttf":
                return path
    return None


def _font_files(folders: list[Path]) -> list[list[Path]]:
    """Every .ttf under each folder, sorted: one walk per family, not one per face, and
    the bundled folder (which no build changes) walked once per process, not once per
    family of the theme."""
    bundled = builtin_dir("fonts")
    return [_bundled_font_files(folder) if folder == bundled else _walk(folder) for folder in folders]


def _walk(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ttf")) if folder.is_dir() else []


@functools.cache
def _bundled_font_files(folder: Path) -> list[Path]:
    return _walk(folder)


def _file_key(path: Path) -> FileKey:
    stat = path.stat()
    return (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)


def _unchanged(files: tuple[FileKey, ...]) -> bool:
    try:
        return all(_file_key(Path(key[0])) == key for key in files)
    except OSError:
        return False


def _font_of(key: FileKey, name: str) -> SubsetFont:
    font = _by_file.get(key)
    if font is None:
        font = _by_file[key] = SubsetFont(name, key[0])
    return font


def register_family(family: str, project_root: Path | None = None) -> str:
    """Register `family` with reportlab and return its regular font name.

    Fonts are registered per file (path, size, modification time): a project with its
    own file for a family gets that file, also in a process that registered another
    file under the family's name before (the tests, a watcher). The first files of a
    family keep its plain names (`NotoSerif-Regular`); other files get names of their
    own (`NotoSerif@1a2b3c4d-Regular`), which no PDF shows."""
    known = _registered.get((family, project_root))
    if known is not None and _unchanged(known[1]):
        return known[0]
    stem = family.replace(" ", "")
    if "/" in stem or "\\" in stem or stem.startswith("."):
        raise fail(SourceRef("theme"), f'font "{family}" is a family name such as "Noto Sans", '
                   "not a path; put its files (NotoSans-Regular.ttf, ...) in your project's fonts/ folder")
    folders = _font_files(([project_root / "fonts"] if project_root else []) + [builtin_dir("fonts")])
    regular = _find(stem, "Regular", folders)
    if regular is None:
        raise fail(
            SourceRef("theme"),
            f'font "{family}" not found: put {stem}-Regular.ttf (and -Bold, -Italic, '
            "-BoldItalic) in your project's fonts/ folder",
        )
    paths = {}
    for style in STYLES:
        path = _find(stem, style, folders) or regular
        own = project_root is not None and path.is_relative_to(project_root / "fonts")
        if own and project_file(path, path, project_root) is None:
            raise fail(SourceRef(f"fonts/{path.name}"), "this font file is a link to a file outside "
                       "the project; copy the font file itself into the project's fonts/ folder")
        paths[style] = path
    files = tuple(_file_key(paths[style]) for style in STYLES)
    if any(_named.get(f"{stem}-{style}", key) != key for style, key in zip(STYLES, files, strict=True)):
        digest = hashlib.blake2b(repr(files).encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()
        stem = f"{stem}@{digest}"  # the plain names are another file's
    faces: dict[bytes, SubsetFont] = {}
    for (style, (bold, italic)), key in zip(STYLES.items(), files, strict=True):
        name = f"{stem}-{style}"
        if paths[style] == regular and style != "Regular":
            stand_in(name)
        # reportlab names a PDF's font objects by the face's name: faces of a family
        # with one name (a bold file that calls itself regular) are one font, as
        # reportlab's own registering makes them.
        font = _font_of(key, name)
        font = faces.setdefault(bytes(font.face.name), font)
        if _named.get(name) != key:
            register_font_as(name, font)
            _named[name] = key
        # Lets <b> and <i> in paragraph markup pick the right face of the family.
        addMapping(f"{stem}-Regular", bold, italic, name)
    _registered[family, project_root] = f"{stem}-Regular", files
    name_family(f"{stem}-Regular", family)
    return f"{stem}-Regular"


def face(regular: str, bold: bool = False, italic: bool = False) -> str:
    """The registered name of a face of a family given its regular name."""
    stem = regular.rsplit("-", 1)[0]
    style = {(0, 0): "Regular", (1, 0): "Bold", (0, 1): "Italic", (1, 1): "BoldItalic"}[(int(bold), int(italic))]
    return f"{stem}-{style}"


_KEPT_SUBSETS = 64  # per font: made subsets (and their compressed bytes) kept for reuse


class _CachedFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate compression that remembers its last results: a font's subset is the
    same bytes object each time (see `SubsetFont`), so a hit costs one hash."""

    def __init__(self) -> None:
        self._done: OrderedDict[bytes, bytes] = OrderedDict()

    def encode(self, text: Any) -> bytes:
        hit = self._done.get(text)
        if hit is None:
            hit = self._done[text] = zlib.compress(text.encode("utf8") if isinstance(text, str) else text)
            if len(self._done) > _KEPT_SUBSETS:
                self._done.popitem(last=False)
        return hit


class _Written(pdfdoc.PDFObject):
    """A PDF value written before: its bytes, as they were."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class SubsetFont(TTFont):
    """A TrueType font that makes (and compresses) each distinct subset once per process,
    and that may be named ahead in a document (`FontPriming`): it then joins the
    document's fonts when it is first drawn with, as reportlab's own naming would.

    Its file is read when the font is first measured or drawn with, not when it is
    registered: a theme's fallback faces are registered on every build and drawn with
    in few. Until then `characters` and the face's name come from `font_facts` (the
    user's cache), which are made from reportlab's own reading of the file."""

    def __init__(self, name: str, filename: str):
        facts = font_facts.read(Path(filename))
        if facts is None:
            self._read(name, filename)
            facts = font_facts.facts_of(self.face.charToGlyph, self.face.name)
            font_facts.keep(Path(filename), facts)
        else:
            self.fontName = name
            self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
            self.face: Any = _UnreadFace(TTFNameBytes(facts.name), filename, self)
            self._unread = filename
        self.characters_in_order = facts.characters  # a set of them is made when asked

    @property
    def characters(self) -> frozenset[str]:
        """Every character the font has a glyph for; made when first asked, for the
        few faces of a theme a document looks characters up in."""
        made = self.__dict__.get("_character_set")
        if made is None:
            made = self._character_set = frozenset(self.characters_in_order)
        return made

    def __getattr__(self, attribute: str) -> Any:
        # Only for attributes not there: before the file is read, anything reportlab
        # asks of the font but its name and per-document state.
        filename = self.__dict__.pop("_unread", None)
        if filename is None:
            raise AttributeError(attribute)
        try:
            self._read(self.fontName, filename, self.state)
        except BaseException:
            self._unread = filename  # a read cut short (Ctrl-C, SIGTERM) is tried again, never half-kept
            raise
        return getattr(self, attribute)

    def read_face(self) -> Any:
        """The face, read from its file if it was not yet."""
        if "_unread" in self.__dict__:
            self.__getattr__("face")
        return self.face

    def _read(self, name: str, filename: str, states: Any = None) -> None:
        if tricks_on("font-cache"):
            font_with_face(self, name, _face(filename))
        else:
            super().__init__(name, filename)
        if states is not None:
            self.state = states  # documents that named the font before it was read
        self._cached = tricks_on("subset-cache")
        if not self._cached:
            return
        face: Any = self.face
        made = OrderedDict[Any, Any]()
        make, add = subsetting(face)
        flate = _CachedFlate()

        def make_subset(subset: list[int]) -> bytes:
            key = tuple(subset)
            hit = made.get(key)
            if hit is None:
                hit = made[key] = make(subset)
                if len(made) > _KEPT_SUBSETS:
                    made.popitem(last=False)
            return hit

        def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
            ref = add(doc, fontname, subset)
            stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
            if stream is not None and stream.filters:
                stream.filters = [flate]
            return ref

        subset_instead(face, make_subset, add_subset_objects)
        self._flate, self._widths = flate, OrderedDict[Any, Any]()

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's
        state = self.state[doc]  # reportlab lets go of it here
        super().addObjects(doc)
        if not self._cached:
            return
        # The same subsets again: their widths as written before, their maps compressed before.
        fonts, prefix = doc.idToObject["BasicFonts"].dict, state.internalName
        for n, subset in enumerate(state.subsets):
            pdf_font = fonts.get(f"{prefix}+{n}")
            if pdf_font is None:
                continue
            key = tuple(subset)
            widths = self._widths.get(key)
            if widths is None:
                widths = self._widths[key] = _Written(pdf_font.Widths.format(doc))
                if len(self._widths) > _KEPT_SUBSETS:
                    self._widths.popitem(last=False)
            pdf_font.Widths = widths
            cmap = doc.idToObject.get(pdf_font.ToUnicode.name)
            if cmap is not None and subset and max(subset) > 0xFFFF:
                cmap.content = _utf16_targets(cmap.content)
            if cmap is not None and cmap.filters:
                cmap.filters = [self._flate]

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802 - reportlab's
        name = super().getSubsetInternalName(subset, doc)
        if self.fontName not in doc.fontMapping:  # named ahead, drawn with for the first time
            doc.fontMapping[self.fontName] = "/" + self.state[doc].internalName
            doc.delayedFonts.append(self)
        used = getattr(doc, "fonts_used", None)
        if used is not None and self.fontName not in used:
            used.append(self.fontName)
        return name


def _face(filename: str) -> Any:
    """reportlab's reading of a font file: kept in the user's cache (font_facts), so
    that the next build makes it from what was read instead of reading the file."""
    path = Path(filename)
    kept = font_facts.read_face(path)
    if kept is not None:
        return face_from_facts(kept, filename)
    face = TTFontFace(filename)
    font_facts.keep_face(path, face_facts(face))
    return face


class _UnreadFace:
    """The face of a `SubsetFont` whose file is not read yet: its name and file are
    known (reportlab files a font by its face's name when it is registered); anything
    else reads the file and answers from the face read."""

    def __init__(self, name: bytes, filename: str, font: SubsetFont):
        self.name, self.filename, self._font = name, filename, font

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._font.read_face(), attribute)


_ASTRAL_TARGET = re.compile(r"> <([0-9A-F]{5,6})>$", re.M)


def _utf16_targets(cmap: str) -> str:
    """reportlab writes a character beyond U+FFFF (an emoji) into a ToUnicode map as
    `<1F600>`, which readers reject; PDF wants its UTF-16 pair, `<D83DDE00>`."""
    def pair(m: re.Match) -> str:
        return "> <" + chr(int(m.group(1), 16)).encode("utf-16-be").hex().upper() + ">"
    return _ASTRAL_TARGET.sub(pair, cmap)


@dataclass(frozen=True)
class FontPriming:
    """One fixed font state for many documents: `fonts` named in this order, and every
    character of `chars` given its code in this order. Documents primed alike that draw
    only these characters write the same text operators and embed the same subsets."""

    fonts: tuple[str, ...]  # registered SubsetFont names
    chars: str  # beyond ASCII, which every subset holds from the start

    def prime(self, doc: Any) -> None:
        """Name the fonts and number the characters in `doc` (a reportlab PDFDocument)."""
        states, doc.primed_fonts = [], {}
        for number, name in enumerate(self.fonts, 1):
            font = pdfmetrics.getFont(name)
            state = font_state(font, doc)
            if state.internalName is None and name not in doc.fontMapping:
                state.internalName = f"{state.namePrefix}{number}"
            font.splitString(self.chars, doc)
            states.append(state)
            doc.primed_fonts[name] = font
        doc.primed = (self, tuple(states), tuple(s.nextCode for s in states))

    @staticmethod
    def of(text: str, fonts: tuple[str, ...]) -> FontPriming:
        """The priming for documents that draw (some of) the characters in `text`."""
        text += visual(text)  # right-to-left runs draw their joined forms
        return FontPriming(fonts, "".join(sorted(c for c in set(text) if ord(c) > 127 and c != "\u00a0")))


def primed_state(doc: Any) -> FontPriming | None:
    """The priming `doc` is still in (no character numbered since), or None."""
    primed = getattr(doc, "primed", None)
    if primed is None:
        return None
    priming, states, codes = primed
    for state, code in zip(states, codes, strict=True):
        if state.nextCode != code:
            return None
    return priming
