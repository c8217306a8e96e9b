"""The Arrow hand-off: articles table in, the export's columns out."""

import json

import pytest

pa = pytest.importorskip("pyarrow")

import quotegraph  # noqa: E402


def test_schema_is_the_export_columns():
    s = quotegraph.export_schema()
    assert s.names[:5] == ["attribution_id", "article_id", "ord", "statement_id", "type"]
    assert s.names[-1] == "doc_id"
    assert s.field("ord").type == pa.int64() and not s.field("ord").nullable
    assert s.field("spans").type == pa.string()
    for name in ("speaker_name", "speaker_kind", "speaker_description"):
        assert s.field(name).type == pa.string() and s.field(name).nullable
    assert s.field("speaker_entity").type == pa.int64()
    assert s.field("speaker_anonymous").type == pa.bool_() and not s.field("speaker_anonymous").nullable


def test_extract_arrow_matches_extract(dev_texts):
    texts = [t for _, t, _ in dev_texts[:10]]
    table = pa.table({
        "id": [n for n, _, _ in dev_texts[:10]],
        "text": texts,
        "published": ["2016-10-0%d" % (i % 9 + 1) for i in range(10)],
        "outlet": ["Test Outlet"] * 10,
        "extra": list(range(10)),  # other columns are ignored
    })
    batch = quotegraph.extract_arrow(table)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema == quotegraph.export_schema()
    rows = batch.to_pylist()
    docs = quotegraph.extract_many(texts, actors=False)
    assert len(rows) == sum(len(d.attributions) for d in docs)
    i = 0
    for (name, text, _), d in zip(dev_texts[:10], docs):
        for a in d.attributions:
            r = rows[i]
            i += 1
            assert (r["doc_id"], r["ord"], r["type"]) == (name, a.id, a.type)
            spans = json.loads(r["spans"])
            assert spans["content"] == [s.to_dict() for s in a.content]
            assert r["content"] == " ".join(s.text for s in a.content)
            assert text[r["content_start"]:r["content_end"]] == a.content[0].text
            assert r["outlet"] == "Test Outlet" and r["day"].startswith("2016-10-0")
            assert r["sources"] == 1 and r["attribution_id"] is None
            # the speaker as the engine resolved it in the article
            sp = a.speaker
            assert r["speaker_name"] == (sp and sp.name) and r["speaker"] == r["speaker_name"]
            assert r["speaker_kind"] == (sp and sp.kind)
            assert r["speaker_entity"] == (sp and sp.entity)
            assert r["speaker_description"] == (sp and sp.description)
            assert r["speaker_anonymous"] is bool(sp and sp.anonymous)
            assert r["speaker_id"] is None
    # a record batch, and a table whose text column is large_string, work too
    b2 = quotegraph.extract_arrow(table.to_batches()[0])
    assert b2.equals(batch)
    big = table.set_column(1, "text", table.column("text").cast(pa.large_string()))
    assert quotegraph.extract_arrow(big).equals(batch)


def test_extract_arrow_errors_are_clear():
    with pytest.raises(quotegraph.QuotegraphError, match="no `text` column .*columns: body"):
        quotegraph.extract_arrow(pa.table({"body": ["x"]}))
    with pytest.raises(quotegraph.QuotegraphError, match="column `text` is Int64"):
        quotegraph.extract_arrow(pa.table({"text": [1, 2]}))
    # null texts are skipped
    b = quotegraph.extract_arrow(pa.table({"text": [None, "“Yes,” Anna said."]}))
    assert b.num_rows == 1


def test_article_batches_have_the_spark_schema(dev_warc, dev_texts):
    batches = list(quotegraph.article_batches(str(dev_warc), batch_size=32, threads=1))
    assert all(b.schema == quotegraph.spark_schema() for b in batches)
    rows = [r for b in batches for r in b.to_pylist()]
    ok = [r for r in rows if r["error"] is None]
    bad = [r for r in rows if r["error"] is not None]
    assert len(ok) == len(dev_texts) and len(bad) == 2
    assert all(r["attributions"] == len(r["attribution_list"]) for r in ok)
    assert sum(r["entities"] for r in ok) > 100
    first = ok[0]["attribution_list"][0]
    assert list(first) == quotegraph.export_schema().names
