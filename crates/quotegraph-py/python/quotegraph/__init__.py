"""quotegraph: who said what in news text, with exact spans.

The engine is Rust (the same one the ``quotegraph`` command runs); this package gives it a
Python face:

- :func:`extract` and :func:`extract_many` return :class:`Document` objects whose
  attributions, speakers, entities, figures and dates carry :class:`Span` objects with
  Python string indices (``text[span.start:span.end] == span.text``);
- :func:`read` and :func:`extract_html` are the engine's readers (WARC, HTML, JSONL, text,
  feeds); bad records come back as :class:`BadRecord` values instead of exceptions;
- :func:`extract_arrow` takes a pyarrow table of articles and returns a record batch of
  attributions with the columns of ``quotegraph export --format parquet``;
- :func:`article_batches` is what the Spark job (``spark/quotegraph_job.py``) runs in each
  task.

>>> import quotegraph
>>> doc = quotegraph.extract("“We will win,” Ivan Sokolov said.")
>>> doc.attributions[0].speaker.name
'Ivan Sokolov'
>>> doc.attributions[0].speaker_entity == doc.attributions[0].speaker.entity
True
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _native
from ._native import QuotegraphError

__version__: str = _native.__version__

__all__ = [
    "QuotegraphError",
    "Span",
    "Range",
    "Speaker",
    "Attribution",
    "Duplicate",
    "DocumentSpeaker",
    "Entity",
    "Figure",
    "Date",
    "Relation",
    "Document",
    "Article",
    "BadRecord",
    "extract",
    "extract_many",
    "extract_html",
    "read",
    "extract_arrow",
    "export_schema",
    "spark_schema",
    "article_batches",
]

DateLike = Union[str, _dt.date, None]


@dataclass(frozen=True)
class Span:
    """A piece of the text: code point offsets (Python string indices) and the text covered."""

    start: int
    end: int
    text: str

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "Span":
        return cls(d["start"], d["end"], d["text"])

    def to_dict(self) -> Dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Range:
    """A bare code point range."""

    start: int
    end: int


def _spans(v: Optional[List[Dict[str, Any]]]) -> List[Span]:
    return [Span._of(s) for s in v or []]


def _span(v: Optional[Dict[str, Any]]) -> Optional[Span]:
    return None if v is None else Span._of(v)


@dataclass(frozen=True)
class Speaker:
    """Who an attribution's source is, as the engine's identity layer resolved it.

    A named speaker is an entity of the document: ``name`` and ``kind`` (``person`` or
    ``organization``) are that entity's and ``entity`` is its id in
    :attr:`Document.entities`. An unnamed source ("a senior official", "analysts", "a new
    poll") has ``name`` None, a ``kind`` that says what it is (``group``, ``document``,
    ``unnamed`` or ``unknown``) and the words that describe it in ``description``;
    ``anonymous`` is set where the text says the source was not named. A named speaker may
    have a ``description`` too ("Republican presidential nominee"). ``how`` says how the
    source was read: ``name``, ``apposition``, ``phrase``, ``nominal``, ``role``, ``pronoun``,
    ``relative``, ``quoted``, ``carried``, ``issuer`` or ``description``.
    """

    name: Optional[str]
    kind: str
    entity: Optional[int] = None
    description: Optional[str] = None
    anonymous: bool = False
    how: Optional[str] = None

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "Speaker":
        return cls(d.get("name"), d["kind"], d.get("entity"), d.get("description"),
                   bool(d.get("anonymous", False)), d.get("how"))

    @property
    def label(self) -> str:
        """What to show for the speaker: its name, else its description, else its kind."""
        return self.name or self.description or self.kind

    def to_dict(self) -> Dict[str, Any]:
        """The speaker exactly as ``quotegraph extract`` prints it (``entity``,
        ``description`` and ``anonymous`` left out when null or false)."""
        d: Dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.entity is not None:
            d["entity"] = self.entity
        if self.description is not None:
            d["description"] = self.description
        if self.anonymous:
            d["anonymous"] = True
        if self.how is not None:
            d["how"] = self.how
        return d


@dataclass(frozen=True)
class Attribution:
    """Who said what: source, cue and content spans, the resolved speaker.

    ``type`` is ``direct``, ``indirect`` or ``mixed``; ``cue_class`` the cue's class (None for
    a cue-less quote); ``carried_from`` the id whose speaker a cue-less quote continues;
    ``duplicate_of`` the id this one repeats inside a repeated paragraph.
    ``speaker_entity`` is the speaker's entity id (see :attr:`Document.entities`): always
    ``speaker.entity``, the identity layer's one answer. ``about`` lists the entities the
    content mentions; it is empty when the actors' layers were not run.
    """

    id: int
    type: str
    source: List[Span]
    source_description: List[Span]
    cue: List[Span]
    cue_class: Optional[str]
    content: List[Span]
    speaker: Optional[Speaker]
    carried_from: Optional[int]
    duplicate_of: Optional[int]
    about: List[int] = field(default_factory=list)
    speaker_entity: Optional[int] = None
    # whether the actors' layers ran (then the CLI's JSON carries the two fields above)
    _with_actors: bool = field(default=False, repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """The attribution exactly as ``quotegraph extract`` prints it."""
        d: Dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "source": [s.to_dict() for s in self.source],
        }
        if self.source_description:
            d["source_description"] = [s.to_dict() for s in self.source_description]
        d["cue"] = [s.to_dict() for s in self.cue]
        d["cue_class"] = self.cue_class
        d["content"] = [s.to_dict() for s in self.content]
        d["speaker"] = None if self.speaker is None else self.speaker.to_dict()
        d["carried_from"] = self.carried_from
        d["duplicate_of"] = self.duplicate_of
        if self._with_actors:
            d["about"] = list(self.about)
            d["speaker_entity"] = self.speaker_entity
        return d


@dataclass(frozen=True)
class Duplicate:
    """A repeated paragraph (code points) and the paragraph it repeats."""

    start: int
    end: int
    duplicate_of: Range


@dataclass(frozen=True)
class DocumentSpeaker:
    """A distinct named speaker of the document: its entity's name and kind, the ids of
    its attributions and its entity id. Unnamed sources are not listed (they are no entity):
    see :attr:`Attribution.speaker`."""

    name: str
    kind: str
    attributions: List[int]
    entity: Optional[int]


@dataclass(frozen=True)
class Entity:
    """A person, organization, place or misc actor: its name, descriptions and mentions."""

    id: int
    type: str
    name: str
    descriptions: List[Span]
    mentions: List[Span]
    gazetteer: Optional[Dict[str, Any]] = None


@dataclass(frozen=True)
class Figure:
    """A number in the text: its value (``high`` for a range), unit, what it counts, what is
    said about it, and the attribution and speaker entity that claim it."""

    span: Span
    value: float
    high: Optional[float]
    approximate: bool
    unit: str
    counts: Optional[str]
    counts_carried: bool
    about: Optional[Span]
    attribution: Optional[int]
    speaker: Optional[int]


@dataclass(frozen=True)
class Date:
    """A date expression, normalised (``value``: ``2016-11-08``, ``2016-W45``, ``2016-11``,
    ``2016``…; ``start``/``end``: the days it covers) or with the reason it is unresolved."""

    span: Span
    value: Optional[str]
    start: Optional[str]
    end: Optional[str]
    granularity: str
    unresolved_reason: Optional[str]

    @property
    def start_date(self) -> Optional[_dt.date]:
        """``start`` as a :class:`datetime.date`."""
        return None if self.start is None else _dt.date.fromisoformat(self.start)

    @property
    def end_date(self) -> Optional[_dt.date]:
        """``end`` as a :class:`datetime.date`."""
        return None if self.end is None else _dt.date.fromisoformat(self.end)


@dataclass(frozen=True)
class Relation:
    """A relation between two entities (ids), with the sentence it comes from."""

    subject: int
    predicate: str
    object: Optional[int]
    value: Optional[Span]
    evidence: Span
    support: List[Span]


class Document:
    """The result of :func:`extract`: the text, its attributions and its actors.

    The typed objects are built on first access; :meth:`to_dict` and :meth:`to_json` give the
    engine's JSON, whose ``doc``, ``attributions`` and ``duplicates`` keys are exactly what
    ``quotegraph extract --format json`` prints for the same text. ``entities`` is always
    there (speakers refer to them); ``figures``, ``dates`` and ``relations`` need the
    actors' layers.
    """

    __slots__ = ("text", "_raw", "__dict__")

    def __init__(self, text: str, raw: Dict[str, Any]):
        self.text = text
        self._raw = raw

    def __repr__(self) -> str:
        return (
            f"<quotegraph.Document {self.name!r}: {len(self._raw['attributions'])} attributions, "
            f"{len(self._raw['entities'])} entities>"
        )

    @property
    def name(self) -> str:
        """The document's name (``doc`` in the JSON)."""
        return self._raw["doc"]

    @cached_property
    def attributions(self) -> List[Attribution]:
        """Attributions in order of their first content span; ids count from 1."""
        links = {l["id"]: l for l in self._raw.get("attribution_links", [])}
        out = []
        for a in self._raw["attributions"]:
            link = links.get(a["id"], {})
            sp = a.get("speaker")
            speaker = None if sp is None else Speaker._of(sp)
            out.append(
                Attribution(
                    id=a["id"],
                    type=a["type"],
                    source=_spans(a["source"]),
                    source_description=_spans(a.get("source_description")),
                    cue=_spans(a["cue"]),
                    cue_class=a["cue_class"],
                    content=_spans(a["content"]),
                    speaker=speaker,
                    carried_from=a["carried_from"],
                    duplicate_of=a["duplicate_of"],
                    about=list(link.get("about", [])),
                    speaker_entity=None if speaker is None else speaker.entity,
                    _with_actors=bool(links),
                )
            )
        return out

    @cached_property
    def duplicates(self) -> List[Duplicate]:
        """Repeated paragraphs."""
        return [
            Duplicate(d["start"], d["end"], Range(d["duplicate_of"]["start"], d["duplicate_of"]["end"]))
            for d in self._raw["duplicates"]
        ]

    @cached_property
    def speakers(self) -> List[DocumentSpeaker]:
        """Distinct named speakers (one per entity), in order of their first attribution."""
        return [
            DocumentSpeaker(s["name"], s["kind"], list(s["attributions"]), s["entity"])
            for s in self._raw["speakers"]
        ]

    @cached_property
    def entities(self) -> List[Entity]:
        """Entities in order of first mention; ids count from 1. Always present (speakers
        refer to them); places carry their gazetteer entry when the actors' layers ran."""
        return [
            Entity(
                e["id"],
                e["type"],
                e["name"],
                _spans(e["descriptions"]),
                _spans(e["mentions"]),
                e.get("gazetteer"),
            )
            for e in self._raw["entities"]
        ]

    @cached_property
    def figures(self) -> List[Figure]:
        """Figures in text order."""
        return [
            Figure(
                _span(f["span"]),  # type: ignore[arg-type]
                f["value"],
                f["high"],
                f["approximate"],
                f["unit"],
                f["counts"],
                f["counts_carried"],
                _span(f["about"]),
                f["attribution"],
                f["speaker"],
            )
            for f in self._raw["figures"]
        ]

    @cached_property
    def dates(self) -> List[Date]:
        """Date expressions in text order."""
        return [
            Date(
                _span(d["span"]),  # type: ignore[arg-type]
                d["value"],
                d["start"],
                d["end"],
                d["granularity"],
                d["unresolved_reason"],
            )
            for d in self._raw["dates"]
        ]

    @cached_property
    def relations(self) -> List[Relation]:
        """Relations between entities."""
        return [
            Relation(
                r["subject"],
                r["predicate"],
                r["object"],
                _span(r["value"]),
                _span(r["evidence"]),  # type: ignore[arg-type]
                _spans(r["support"]),
            )
            for r in self._raw["relations"]
        ]

    def to_dict(self) -> Dict[str, Any]:
        """The engine's JSON as a new dict (``doc``, ``attributions``, ``duplicates``,
        ``entities``, ``figures``, ``dates``, ``relations`` as ``quotegraph extract`` prints
        them — with the actors, each attribution carries ``about`` and ``speaker_entity`` —
        then ``speakers`` and ``attribution_links``)."""
        d = _json.loads(_json.dumps(self._raw))
        links = {l["id"]: l for l in d.get("attribution_links", [])}
        if links:
            for a in d["attributions"]:
                link = links.get(a["id"], {})
                a["about"] = list(link.get("about", []))
                sp = a.get("speaker")
                a["speaker_entity"] = None if sp is None else sp.get("entity")
        return d

    def to_json(self, indent: Optional[int] = None) -> str:
        """:meth:`to_dict` as a JSON string (non-ASCII text kept as is)."""
        return _json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _date(published: DateLike, what: str = "published") -> Optional[str]:
    if published is None:
        return None
    if isinstance(published, (_dt.date, _dt.datetime)):
        return published.isoformat()
    if isinstance(published, str):
        return published
    raise TypeError(
        f"{what} must be a str (YYYY-MM-DD), a datetime.date or None, not {type(published).__name__}"
    )


def _text(text: Any, what: str = "text") -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(f"{what} must be str, not {type(text).__name__}: decode it first")
    raise TypeError(f"{what} must be str, not {type(text).__name__}")


def extract(text: str, published: DateLike = None, *, name: str = "", actors: bool = True) -> Document:
    """Extracts attributions (and, with ``actors``, entities, figures, dates and relations)
    from one article.

    ``published`` (``YYYY-MM-DD`` or a :class:`datetime.date`) resolves relative dates such as
    "last Tuesday". The GIL is released while the engine runs.

    Raises :class:`TypeError` for a text that is not a ``str`` and :class:`QuotegraphError`
    (a :class:`ValueError`) for a text or date the engine refuses.
    """
    text = _text(text)
    raw = _native.extract_json(text, name, _date(published), actors)
    return Document(text, _json.loads(raw))


def extract_many(
    texts: Iterable[str],
    threads: Optional[int] = None,
    *,
    published: Union[DateLike, Sequence[DateLike]] = None,
    names: Optional[Sequence[str]] = None,
    actors: bool = True,
) -> List[Document]:
    """Extracts many articles on ``threads`` threads (all cores when None), with the GIL
    released; returns one :class:`Document` per text, in order.

    ``published`` is one date for all texts or one per text. A text the engine refuses raises
    :class:`QuotegraphError` naming its index.
    """
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not one str (use extract())")
    texts = [_text(t, f"texts[{i}]") for i, t in enumerate(texts)]
    n = len(texts)
    if published is None or isinstance(published, (str, _dt.date)):
        dates = [_date(published)] * n  # type: ignore[arg-type]
    else:
        dates = [_date(p, f"published[{i}]") for i, p in enumerate(published)]  # type: ignore[union-attr]
        if len(dates) != n:
            raise ValueError(f"{n} texts but {len(dates)} publication dates")
    doc_names = [""] * n if names is None else [str(x) for x in names]
    if len(doc_names) != n:
        raise ValueError(f"{n} texts but {len(doc_names)} names")
    if threads is not None and threads < 0:
        raise ValueError("threads must be None (all cores) or a positive number")
    raws = _native.extract_many_json(texts, doc_names, dates, threads, actors)
    return [Document(t, _json.loads(r)) for t, r in zip(texts, raws)]


@dataclass(frozen=True)
class Article:
    """An article as the engine's readers deliver it: the text and where it came from."""

    text: str
    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    file: Optional[str] = None
    record: Optional[int] = None
    offset: Optional[int] = None

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "Article":
        m = d.get("meta", {})
        o = d.get("origin", {})
        return cls(
            text=d["text"],
            id=m.get("id"),
            url=m.get("url"),
            title=m.get("title"),
            author=m.get("author"),
            published=m.get("published"),
            outlet=m.get("outlet"),
            language=m.get("language"),
            file=o.get("file") or None,
            record=o.get("record"),
            offset=o.get("offset"),
        )

    def extract(self, *, actors: bool = True) -> Document:
        """:func:`extract` on this article, with its publication date when it has one."""
        day = self.published[:10] if self.published and self.published[:4].isdigit() else None
        try:
            return extract(self.text, day, name=self.id or "", actors=actors)
        except QuotegraphError:
            if day is None:
                raise
            return extract(self.text, None, name=self.id or "", actors=actors)


@dataclass(frozen=True)
class BadRecord:
    """A record a reader could not read: the file, record number and byte offset, and why."""

    file: str
    record: Optional[int]
    offset: Optional[int]
    message: str


def read(source: Any, name: Optional[str] = None) -> Iterator[Union[Article, BadRecord]]:
    """Reads articles with the engine's readers, yielding :class:`Article` or
    :class:`BadRecord` items (a bad record never stops the reading).

    ``source`` is a path (any format ``quotegraph ingest`` reads: ``.warc(.gz)``, ``.html``,
    ``.jsonl``, ``.txt``, RSS/Atom, or a directory) or a binary file object holding WARC data
    (for example a remote file opened with fsspec or ``pyarrow.fs``); ``name`` names a file
    object in origins and errors.
    """
    for ok, raw in _native.read(source, name):
        d = _json.loads(raw)
        yield Article._of(d) if ok else BadRecord(**d)


def extract_html(html: Union[str, bytes], url: Optional[str] = None) -> Article:
    """Extracts the article of an HTML page (main content, title, author, date, outlet);
    bytes are decoded from the page's declared or detected charset."""
    data = html.encode("utf-8") if isinstance(html, str) else bytes(html)
    ct = "text/html; charset=utf-8" if isinstance(html, str) else None
    return Article._of(_json.loads(_native.extract_html_json(data, url, ct)))


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.ipc  # noqa: F401
    except ImportError as e:  # pragma: no cover
        raise ImportError("the Arrow functions need pyarrow: pip install pyarrow") from e
    return pyarrow


def _read_ipc(data: bytes):
    pa = _pyarrow()
    return pa.ipc.open_stream(pa.py_buffer(data))


def extract_arrow(articles: Any, threads: Optional[int] = None):
    """Extracts the articles of a pyarrow ``Table`` or ``RecordBatch`` (or any Arrow stream)
    and returns a ``pyarrow.RecordBatch`` of their attributions, with exactly the columns of
    ``quotegraph export --format parquet`` (:func:`export_schema`).

    The articles need a string column ``text``; ``id``, ``url``, ``title``, ``author``,
    ``published``, ``outlet`` and ``language`` are used when present (``id`` becomes
    ``doc_id``). Rows with a null text are skipped. Corpus columns (``attribution_id``,
    ``article_id``, ``statement_id``, ``near_duplicate_of``) are null: only a store has them.
    """
    pa = _pyarrow()
    if isinstance(articles, pa.RecordBatch):
        table = pa.Table.from_batches([articles])
    elif isinstance(articles, pa.Table):
        table = articles
    else:
        table = pa.table(articles)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    out = _native.extract_arrow_ipc(sink.getvalue().to_pybytes(), threads)
    return _read_ipc(out).read_next_batch()


def export_schema():
    """The ``pyarrow.Schema`` of :func:`extract_arrow` and of ``quotegraph export --format
    parquet`` (defined once, in Rust: ``quotegraph_store::EXPORT_COLUMNS``)."""
    return _read_ipc(_native.export_schema_ipc()).schema


def spark_schema():
    """The ``pyarrow.Schema`` of :func:`article_batches`."""
    return _read_ipc(_native.spark_schema_ipc()).schema


def article_batches(
    source: Any,
    name: Optional[str] = None,
    batch_size: int = 256,
    actors: bool = True,
    threads: Optional[int] = None,
):
    """Reads a file (path or WARC file object, as :func:`read`) and yields
    ``pyarrow.RecordBatch`` es of :func:`spark_schema`: one row per article, with its
    attributions (``attribution_list``, the export's columns) and entities
    (``entity_list``), or per bad record (``error`` set, with ``file``, ``record`` and
    ``offset``). This is what each Spark task of ``spark/quotegraph_job.py`` runs.
    """
    for data in _native.article_batches(source, name, batch_size, actors, threads):
        yield _read_ipc(data).read_next_batch()
