"""TMX 1.4b: the translation-memory format CAT tools read.

**Writing.** The output validates against the TMX 1.4b DTD: a ``header`` with
every required attribute (``creationtool="bialign"``, its version,
``segtype="sentence"``, ``o-tmf``, ``adminlang``, ``srclang``,
``datatype="plaintext"``, ``creationdate`` like ``20261122T101500Z``), then
one ``tu`` per pair::

    <tu>
      <prop type="x-file">a.txt</prop>
      <prop type="x-src-lines">3-3</prop>
      <prop type="x-tgt-lines">7-8</prop>
      <prop type="x-score">0.91</prop>
      <tuv xml:lang="ru"><seg>Кошка спит.</seg></tuv>
      <tuv xml:lang="en"><seg>The cat sleeps.</seg></tuv>
    </tu>

A pair's own ``props`` follow as ``<prop>`` elements, their names prefixed
with ``x-`` when they lack it (TMX's rule for tool-defined properties).

*Characters XML 1.0 forbids* (C0 controls other than tab, LF and CR; U+FFFE,
U+FFFF; lone surrogates) cannot appear in XML even as ``&#...;``. In a
segment each becomes a placeholder that other tools show as an inline code and
that :func:`read_tmx` turns back into the character, so the round trip keeps
it: ``<ph type="x-bialign-char">001B</ph>`` for U+001B. In a ``prop`` or
attribute value (file names, languages) they become U+FFFD. A CR is written
``&#13;`` so that XML's line-end normalisation does not turn it into LF.

**Reading** streams with expat (flat memory whatever the file's size) and
accepts TMX 1.1 to 1.4 from other tools: UTF-8, UTF-16 or an 8-bit encoding
the XML declaration names; ``lang`` as well as ``xml:lang``; inline markup
in a ``seg`` (the text of ``<hi>`` is kept, the native code inside ``<bpt>``,
``<ept>``, ``<it>``, ``<ph>``, ``<ut>`` and their ``<sub>`` is dropped); more
than two ``tuv``: the source one (``tu``'s ``srclang``, else the header's,
else the first ``tuv``) is paired with each of the others, in order. A ``tu``
with a single ``tuv`` gives no pair.

A TMX file is untrusted input: any entity declaration in a DOCTYPE is refused
(so "billion laughs" and external entities such as ``SYSTEM
"file:///etc/passwd"`` never expand), an external DTD is never read (nothing is
fetched from disk or network), and a reference to an entity that is not one
of XML's five is an error, never silently dropped text.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pyexpat import ExpatError, ParserCreate, errors as expat_errors
from xml.parsers import expat

from ..errors import InputError
from ..types import TranslationPair
from ._files import atomic_outputs, open_input

#: ``prop`` types that carry :class:`TranslationPair` fields.
PROP_FILE = "x-file"
PROP_SRC_LINES = "x-src-lines"
PROP_TGT_LINES = "x-tgt-lines"
PROP_SCORE = "x-score"
#: ``ph`` type of the placeholder for a character XML 1.0 forbids.
CHAR_PLACEHOLDER = "x-bialign-char"

_CHUNK = 1 << 16
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _tool_version() -> str:
    try:
        from importlib.metadata import version
        return version("bialign")
    except Exception:
        return "0.1.0"


def tmx_date(when: float | None = None) -> str:
    """A TMX date, ``YYYYMMDDThhmmssZ`` in UTC.

    :param when: seconds since the epoch; by default ``$SOURCE_DATE_EPOCH`` if set
        (for reproducible output), else now.
    """
    if when is None:
        env = os.environ.get("SOURCE_DATE_EPOCH")
        when = float(env) if env and env.strip().isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(when))


def _placeholder(m: re.Match) -> str:
    return f'<ph type="{CHAR_PLACEHOLDER}">{ord(m.group()):04X}</ph>'


def _seg(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if _FORBIDDEN.search(text) is not None:
        text = _FORBIDDEN.sub(_placeholder, text)
    return text


def _pcdata(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _FORBIDDEN.sub("\ufffd", text)


def _attr(text: str) -> str:
    text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))
    return _FORBIDDEN.sub("\ufffd", text)


def prop_type(name: str) -> str:
    """The ``prop`` type written for a property name: ``x-`` prefixed unless it already is."""
    return name if name.startswith("x-") else "x-" + name


def _span(span: tuple[int, int]) -> str:
    return f"{span[0]}-{span[1]}"


def write_tmx(pairs: Iterable[TranslationPair], path: str | os.PathLike, *, srclang: str = "ru",
              tgtlang: str = "en", header_props: Mapping[str, str] | None = None,
              creationdate: str | None = None) -> int:
    """Write pairs as TMX 1.4b (see the module's notes).

    :param pairs: the pairs, consumed once, in order.
    :param path: the output file; written through a temporary file, never left half-written.
    :param srclang: the header's ``srclang``. Each ``tuv`` carries its pair's own language; a pair
        whose source language differs gets its own ``srclang`` on its ``tu``.
    :param tgtlang: the language of a target text whose pair has an empty ``tgt_lang``.
    :param header_props: written as ``<prop>`` elements of the header (e.g. a signature:
        encoder, version, thresholds); names are ``x-`` prefixed when they lack it.
    :param creationdate: the header's ``creationdate``; by default :func:`tmx_date`.
    :return: the number of pairs written.
    :raises InputError: the output folder does not exist.
    """
    langs: dict[str, str] = {}

    def lang(code: str) -> str:
        if code not in langs:
            langs[code] = _attr(code)
        return langs[code]

    n = 0
    with atomic_outputs([path]) as (f,):
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
          f'<header creationtool="bialign" creationtoolversion="{_attr(_tool_version())}" '
          f'segtype="sentence" o-tmf="bialign" adminlang="en" srclang="{lang(srclang)}" '
          f'datatype="plaintext" creationdate="{_attr(creationdate or tmx_date())}"')
        if header_props:
            w(">\n")
            for k, v in header_props.items():
                w(f'  <prop type="{_attr(prop_type(k))}">{_pcdata(str(v))}</prop>\n')
            w("</header>\n<body>\n")
        else:
            w("/>\n<body>\n")
        for p in pairs:
            sl = p.src_lang or srclang
            tl = p.tgt_lang or tgtlang
            head = "<tu>" if sl == srclang else f'<tu srclang="{lang(sl)}">'
            props = ""
            if p.file is not None:
                props += f'<prop type="x-file">{_pcdata(p.file)}</prop>'
            if p.src_lines is not None:
                props += f'<prop type="x-src-lines">{_span(p.src_lines)}</prop>'
            if p.tgt_lines is not None:
                props += f'<prop type="x-tgt-lines">{_span(p.tgt_lines)}</prop>'
            if p.score is not None:
                props += f'<prop type="x-score">{float(p.score)!r}</prop>'
            for k, v in p.props:
                props += f'<prop type="{_attr(prop_type(k))}">{_pcdata(v)}</prop>'
            # one line per unit, no whitespace between its elements: a third fewer parser callbacks to read
            w(f'{head}{props}<tuv xml:lang="{lang(sl)}"><seg>{_seg(p.src)}</seg></tuv>'
              f'<tuv xml:lang="{lang(tl)}"><seg>{_seg(p.tgt)}</seg></tuv></tu>\n')
            n += 1
        w("</body>\n</tmx>\n")
    return n


# ---------------------------------------------------------------------------------------- reading


class _Refused(Exception):
    """Raised inside an expat handler for input the reader will not process."""


class _HeaderDone(Exception):
    pass


def _lang_matches(code: str, wanted: str) -> bool:
    """``en`` matches ``en``, ``EN``, ``en-US`` and ``en_GB``."""
    code, wanted = code.lower(), wanted.lower()
    return code == wanted or (code.startswith(wanted) and code[len(wanted):len(wanted) + 1] in ("-", "_"))


def _parse_span(value: str) -> tuple[int, int] | None:
    first, sep, last = value.strip().partition("-")
    try:
        return (int(first), int(last if sep else first))
    except ValueError:
        return None


_SEG_TEXT_ELEMENTS = frozenset({"hi"})  # inline elements whose content is segment text


class _TmxHandler:
    """expat callbacks that turn TMX elements into pairs, collected in ``self.out``."""

    def __init__(self, srclang: str | None, tgtlang: str | None, header_only: bool = False):
        self.want_src, self.want_tgt, self.header_only = srclang, tgtlang, header_only
        self.out: list[TranslationPair] = []
        self.stack: list[str] = []
        self.header_attrs: dict[str, str] = {}
        self.header_props: list[tuple[str, str]] = []
        self.version: str | None = None
        self.seg: list[str] | None = None   # text parts of the seg being read
        self.skip = 0                       # depth of inline code elements inside it
        self.char: list[str] | None = None  # content of a placeholder ph
        self.prop: list[str] | None = None
        self.prop_type = ""
        self.tu_srclang: str | None = None
        self.tu_props: list[tuple[str, str]] = []
        self.tuvs: list[tuple[str, str]] = []
        self.tuv_lang = ""
        self.tuv_text: str | None = None
        self.units_without_pair = 0

    # -- element events
    def start(self, name: str, attrs: dict[str, str]) -> None:
        stack = self.stack
        if self.seg is not None:
            stack.append(name)
            if name not in _SEG_TEXT_ELEMENTS:
                if self.skip == 0 and name == "ph" and attrs.get("type") == CHAR_PLACEHOLDER:
                    self.char = []
                self.skip += 1
            return
        if not stack:
            if name != "tmx":
                raise _Refused(f"not a TMX file: the root element is <{name}>, not <tmx>")
            self.version = attrs.get("version")
        elif name == "tu":
            self.tu_srclang = attrs.get("srclang")
            self.tu_props = []
            self.tuvs = []
        elif name == "tuv":
            lang = attrs.get("xml:lang") or attrs.get("lang")
            if not lang:
                raise _Refused("<tuv> without xml:lang (or lang)")
            self.tuv_lang, self.tuv_text = lang, None
        elif name == "seg":
            self.seg, self.skip = [], 0
        elif name == "prop":
            self.prop, self.prop_type = [], attrs.get("type", "")
        elif name == "header":
            self.header_attrs = dict(attrs)
        stack.append(name)

    def end(self, name: str) -> None:
        stack = self.stack
        stack.pop()
        if self.seg is not None:
            if name == "seg":
                self.tuv_text = "".join(self.seg)
                self.seg = None
            elif name not in _SEG_TEXT_ELEMENTS:
                self.skip -= 1
                if self.char is not None and self.skip == 0:
                    self.seg.append(self._placeholder_char("".join(self.char)))
                    self.char = None
            return
        if name == "prop":
            parent = stack[-1] if stack else ""
            if parent == "tu":
                self.tu_props.append((self.prop_type, "".join(self.prop)))
            elif parent == "header":
                self.header_props.append((self.prop_type, "".join(self.prop)))
            self.prop = None
        elif name == "tuv":
            if self.tuv_text is None:
                raise _Refused(f"<tuv xml:lang=\"{self.tuv_lang}\"> without <seg>")
            self.tuvs.append((self.tuv_lang, self.tuv_text))
        elif name == "tu":
            self._emit()
        elif name == "header" and self.header_only:
            raise _HeaderDone

    def data(self, text: str) -> None:
        if self.seg is not None:
            if self.skip == 0:
                self.seg.append(text)
            elif self.char is not None:
                self.char.append(text)
        elif self.prop is not None:
            self.prop.append(text)

    @staticmethod
    def _placeholder_char(code: str) -> str:
        try:
            return chr(int(code.strip(), 16))
        except (ValueError, OverflowError):
            raise _Refused(f"bad <ph type=\"{CHAR_PLACEHOLDER}\"> content {code[:20]!r}") from None

    def _emit(self) -> None:
        tuvs = self.tuvs
        if len(tuvs) < 2:
            self.units_without_pair += 1
            return
        wanted = self.want_src or self.tu_srclang or self.header_attrs.get("srclang")
        si = 0
        if wanted and wanted.lower() != "*all*":
            si = next((i for i, (lang, _) in enumerate(tuvs) if _lang_matches(lang, wanted)), -1)
            if si < 0:
                if self.want_src:       # the caller asked for a language this unit lacks
                    self.units_without_pair += 1
                    return
                si = 0
        file = src_lines = tgt_lines = score = None
        extra = []
        for k, v in self.tu_props:
            if k == PROP_FILE and file is None:
                file = v
            elif k == PROP_SRC_LINES and src_lines is None and (s := _parse_span(v)) is not None:
                src_lines = s
            elif k == PROP_TGT_LINES and tgt_lines is None and (s := _parse_span(v)) is not None:
                tgt_lines = s
            elif k == PROP_SCORE and score is None and _is_float(v):
                score = float(v)
            else:
                extra.append((k, v))
        src_lang, src = tuvs[si]
        props = tuple(extra)
        for i, (lang, text) in enumerate(tuvs):
            if i == si or (self.want_tgt and not _lang_matches(lang, self.want_tgt)):
                continue
            self.out.append(TranslationPair(src, text, src_lang, lang, score=score, file=file,
                                            src_lines=src_lines, tgt_lines=tgt_lines, props=props))


def _is_float(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


def _refuse_entity(name, is_parameter, value, base, system_id, public_id, notation=None):
    kind = "external" if system_id else "internal"
    raise _Refused(f"refused: the DOCTYPE declares the {kind} entity {'%' if is_parameter else '&'}{name}; "
                   "entity declarations are not accepted in TMX (entity expansion and external-entity attacks)")


def _refuse_unparsed(name, *args):
    raise _Refused(f"refused: the DOCTYPE declares the unparsed entity {name}")


def _refuse_external(context, base, system_id, public_id):
    raise _Refused(f"refused: reference to an external entity ({system_id})")


def _refuse_skipped(name, is_parameter):
    raise _Refused(f"undefined entity &{name}; (only &amp; &lt; &gt; &quot; &apos; and &#...; are accepted)")


def _make_parser(handler: _TmxHandler):
    p = ParserCreate()  # no namespace processing: the attribute is literally "xml:lang"
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)  # never read an external DTD
    p.buffer_text = True
    p.buffer_size = _CHUNK
    p.StartElementHandler = handler.start
    p.EndElementHandler = handler.end
    p.CharacterDataHandler = handler.data
    p.EntityDeclHandler = _refuse_entity
    p.UnparsedEntityDeclHandler = _refuse_unparsed
    p.ExternalEntityRefHandler = _refuse_external
    p.SkippedEntityHandler = _refuse_skipped
    return p


def _parse(path: str | os.PathLike, handler: _TmxHandler) -> Iterator[list[TranslationPair]]:
    """Feed the file to expat in chunks, yielding the pairs completed by each chunk."""
    parser = _make_parser(handler)
    with open_input(path, binary=True) as f:
        while True:
            chunk = f.read(_CHUNK)
            try:
                parser.Parse(chunk, not chunk)
            except ExpatError as e:
                if e.code == expat_errors.codes[expat_errors.XML_ERROR_NO_ELEMENTS] and handler.version is None:
                    raise InputError(path, "not a TMX file: no XML element found") from None
                raise InputError(path, f"malformed XML at line {e.lineno}, column {e.offset}: "
                                       f"{expat.ErrorString(e.code)}") from None
            except _Refused as e:
                raise InputError(path, f"line {parser.CurrentLineNumber}: {e}") from None
            if handler.out:
                batch, handler.out = handler.out, []
                yield batch
            if not chunk:
                return


def read_tmx(path: str | os.PathLike, *, srclang: str | None = None,
             tgtlang: str | None = None) -> Iterator[TranslationPair]:
    """Read the pairs of a TMX file (1.1 to 1.4), streaming (see the module's notes).

    Fields written by :func:`write_tmx` come back: languages, ``file``, lines and ``score`` from
    their ``prop``\\ s, any other ``tu`` ``prop`` in ``props`` (with its ``x-`` name).

    :param path: the TMX file.
    :param srclang: the source language (``en`` matches ``en-US``); by default each ``tu``'s
        ``srclang``, else the header's, else the first ``tuv``. Units without it are skipped.
    :param tgtlang: keep only targets in this language; by default every other ``tuv``.
    :raises InputError: the file is missing, not well-formed XML, not TMX, a ``tuv`` lacks a
        language or a ``seg``, or its DOCTYPE declares entities (one line naming the file).
    """
    for batch in _parse(path, _TmxHandler(srclang, tgtlang)):
        yield from batch


@dataclass(frozen=True)
class TmxHeader:
    """The header of a TMX file: its attributes and its ``prop``\\ s, in order."""

    version: str | None
    attributes: dict[str, str]
    props: tuple[tuple[str, str], ...]


def read_tmx_header(path: str | os.PathLike) -> TmxHeader:
    """Read only the header of a TMX file (e.g. the signature :func:`write_tmx` recorded).

    :raises InputError: as :func:`read_tmx`.
    """
    handler = _TmxHandler(None, None, header_only=True)
    try:
        for _ in _parse(path, handler):
            pass
    except _HeaderDone:
        pass
    return TmxHeader(handler.version, handler.header_attrs, tuple(handler.header_props))
