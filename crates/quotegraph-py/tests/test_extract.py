"""The Python API on real text: the seed article and the PolNeAR dev articles."""

import datetime
import json
import subprocess

import pytest

import quotegraph
from quotegraph import QuotegraphError


def spans_of(doc):
    for a in doc.attributions:
        yield from a.source + a.source_description + a.cue + a.content
    for e in doc.entities:
        yield from e.descriptions + e.mentions
    for f in doc.figures:
        yield f.span
        if f.about:
            yield f.about
    for d in doc.dates:
        yield d.span


def test_seed_article_typed_objects(seed_text):
    doc = quotegraph.extract(seed_text, published="2024-11-02")
    assert len(doc.attributions) >= 5
    speakers = {s.name for s in doc.speakers}
    assert any("Sokolov" in s for s in speakers), speakers
    # every span is a Python string slice of the text
    n = 0
    for s in spans_of(doc):
        assert seed_text[s.start:s.end] == s.text
        n += 1
    assert n > 50
    assert doc.entities and doc.dates and doc.figures
    a = doc.attributions[0]
    assert isinstance(a, quotegraph.Attribution) and isinstance(a.content[0], quotegraph.Span)
    assert a.type in ("direct", "indirect", "mixed")
    # links to entities: the speaker's entity, one answer
    linked = [a for a in doc.attributions if a.speaker_entity is not None]
    assert linked and all(1 <= a.speaker_entity <= len(doc.entities) for a in linked)
    for a in doc.attributions:
        assert a.speaker_entity == (None if a.speaker is None else a.speaker.entity)
        if a.speaker is not None and a.speaker.name is not None:
            assert doc.entities[a.speaker.entity - 1].name == a.speaker.name
    # distinct named speakers, one per entity
    ids = [s.entity for s in doc.speakers]
    assert len(ids) == len(set(ids)) and None not in ids
    # the Document's dict and its objects agree
    d = doc.to_dict()
    assert [x.to_dict() for x in doc.attributions] == d["attributions"]
    assert json.loads(doc.to_json()) == d
    assert d["doc"] == ""


def test_published_as_date_and_relative_dates(seed_text):
    a = quotegraph.extract(seed_text, published=datetime.date(2024, 11, 2))
    b = quotegraph.extract(seed_text, published="2024-11-02")
    assert a.to_dict() == b.to_dict()
    resolved = [d for d in a.dates if d.value]
    assert resolved and all(d.start_date <= d.end_date for d in resolved if d.start)


def test_without_actors():
    doc = quotegraph.extract("“We will win,” Ivan Sokolov said.", actors=False)
    assert doc.attributions[0].speaker == quotegraph.Speaker(
        "Ivan Sokolov", "person", entity=1, how="name")
    assert doc.attributions[0].speaker_entity == 1
    # the entities are always there: speakers refer to them
    assert [e.name for e in doc.entities] == ["Ivan Sokolov"]
    assert doc.dates == [] and doc.figures == []
    assert doc.to_dict()["attributions"][0]["speaker"] == {
        "name": "Ivan Sokolov", "kind": "person", "entity": 1, "how": "name"}


def test_unnamed_sources_have_no_name():
    doc = quotegraph.extract("“We will not comment,” a senior official said. "
                             "“It is too late,” analysts said.")
    speakers = [a.speaker for a in doc.attributions]
    assert len(speakers) == 2
    for s in speakers:
        assert s is not None and s.name is None and s.entity is None
        assert s.kind in ("unnamed", "group", "unknown") and s.label == (s.description or s.kind)
    assert speakers[0].description and "official" in speakers[0].description
    assert speakers[0].label == speakers[0].description
    assert doc.speakers == []
    assert all(a.speaker_entity is None for a in doc.attributions)
    d = doc.to_dict()
    assert [x.to_dict() for x in doc.attributions] == d["attributions"]
    assert d["attributions"][0]["speaker"]["name"] is None


def test_clear_errors():
    with pytest.raises(TypeError, match="decode it first"):
        quotegraph.extract(b"bytes")
    with pytest.raises(TypeError, match="not int"):
        quotegraph.extract(42)
    with pytest.raises(QuotegraphError, match="published: .*last tuesday"):
        quotegraph.extract("“Yes,” she said.", published="last tuesday")
    assert issubclass(QuotegraphError, ValueError)
    with pytest.raises(TypeError, match="not one str"):
        quotegraph.extract_many("one text")
    with pytest.raises(ValueError, match="2 texts but 1 publication dates"):
        quotegraph.extract_many(["a", "b"], published=["2024-01-01"])
    with pytest.raises(QuotegraphError, match=r"texts\[1\]: published"):
        quotegraph.extract_many(["a", "b"], published=["2024-01-01", "garbage"])
    with pytest.raises(TypeError, match=r"texts\[1\] must be str"):
        quotegraph.extract_many(["a", None])


def test_extract_many_equals_extract_on_any_threads(dev_texts):
    texts = [t for _, t, _ in dev_texts[:12]]
    one = [quotegraph.extract(t).to_dict() for t in texts]
    assert [d.to_dict() for d in quotegraph.extract_many(texts)] == one
    assert [d.to_dict() for d in quotegraph.extract_many(texts, threads=1)] == one
    assert quotegraph.extract_many([]) == []


def test_cli_and_python_give_identical_attributions_on_dev(dev_texts, cli):
    """`quotegraph extract` on the 84 dev texts = extract_many(...).to_dict(), key for key."""
    d = dev_texts[0][2].parent
    out = subprocess.run([cli, "extract", "--format", "jsonl", str(d)], check=True,
                         capture_output=True, text=True).stdout
    by_cli = [json.loads(line) for line in out.splitlines()]
    assert len(by_cli) == len(dev_texts)
    docs = quotegraph.extract_many([t for _, t, _ in dev_texts], names=[n for n, _, _ in dev_texts])
    total = 0
    for c, doc in zip(by_cli, docs):
        mine = doc.to_dict()
        assert c["doc"] == mine["doc"]
        assert c["attributions"] == mine["attributions"], c["doc"]
        assert c["duplicates"] == mine["duplicates"], c["doc"]
        total += len(c["attributions"])
    assert total > 300


def test_read_warc_reports_bad_records(dev_warc, dev_texts):
    items = list(quotegraph.read(str(dev_warc)))
    articles = [x for x in items if isinstance(x, quotegraph.Article)]
    bad = [x for x in items if isinstance(x, quotegraph.BadRecord)]
    assert len(articles) == len(dev_texts)
    assert len(bad) == 2, bad
    assert all(b.file == str(dev_warc) and b.offset is not None for b in bad)
    assert "record 4" in bad[0].message and "malformed" in bad[0].message
    assert "truncated" in bad[1].message or "corrupt" in bad[1].message
    a = articles[0]
    assert a.id.startswith("urn:uuid:") and a.url.startswith("https://") and a.record == 1
    # a file object gives the same articles (how remote files are read)
    with open(dev_warc, "rb") as f:
        again = list(quotegraph.read(f, name=str(dev_warc)))
    assert again == items


def test_extract_html():
    page = ("<html><head><title>Vote | The Ledger</title>"
            '<meta property="og:site_name" content="The Ledger"></head><body><nav>Home News</nav>'
            "<article><h1>Vote</h1><p>“The count is over,” the election officer Maria Lind said on "
            "Sunday, after a night of recounts in the northern districts.</p>"
            "<p>Turnout was 71 percent, the highest in two decades.</p></article>"
            "<footer>© The Ledger</footer></body></html>")
    a = quotegraph.extract_html(page, url="https://ledger.example/vote")
    assert "The count is over" in a.text and "Home News" not in a.text
    doc = a.extract()
    assert doc.attributions[0].content[0].text.startswith("“The count is over,”")
