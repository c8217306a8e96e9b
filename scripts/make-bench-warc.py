#!/usr/bin/env python3
"""Builds a synthetic Common Crawl-style WARC.gz of HTML news pages from plain-text articles.

    scripts/make-bench-warc.py TEXT_DIR OUT.warc.gz [--articles N] [--plain] [--bad]

Each record is an HTTP 200 `response` holding a simple news page (navigation, headline,
byline, date, the article's paragraphs, related links, footer), in its own gzip member, as
Common Crawl writes them. Article i is text i mod T of the T input texts; copies of the same
text differ by a dateline paragraph and their outlet, so no two pages have the same text
(no exact duplicates) while copies of one text are near-duplicates, as syndicated wire copy
is. Deterministic: the same inputs give the same bytes. Standard library only.

--plain leaves the dateline out (each page holds exactly the article's paragraphs: with
--articles equal to the number of texts, one page per text, as the PolNeAR dev WARC.gz of
the Python/Spark tests has it). --bad adds two bad records for the readers to report: a
response whose HTTP message is garbage after the third record, and a last record cut off
in the middle of its gzip member.
"""

import argparse
import gzip
import html
import os
import sys

OUTLETS = ["Northern Ledger", "Harbour Times", "Nordic Wire", "Valley Courier",
           "Capital Post", "Evening Star", "Coast Gazette"]


def page(title, paragraphs, outlet, date, url):
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By Staff Reporter</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Storm warning for the coast</a></li></ul></aside>
</main>
<footer><p>&copy; 2024 {outlet}</p></footer>
</body></html>
""".encode("utf-8")


def record(n, url, date, payload):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    head = (f"WARC/1.1\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
            f"WARC-Date: {date}T12:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode("ascii")
    return head + http + b"\r\n\r\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir")
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--plain", action="store_true", help="no dateline paragraph")
    ap.add_argument("--bad", action="store_true", help="add a malformed and a truncated record")
    args = ap.parse_args()
    names = sorted(f for f in os.listdir(args.text_dir) if f.endswith(".txt"))
    if not names:
        sys.exit(f"make-bench-warc.py: no .txt files in {args.text_dir}")
    texts = []
    for name in names:
        with open(os.path.join(args.text_dir, name), encoding="utf-8") as f:
            paragraphs = [p.strip() for p in f.read().split("\n") if p.strip()]
        if paragraphs:
            texts.append((name[:-4], paragraphs))
    raw = packed = 0
    with open(args.out, "wb") as out:
        for i in range(args.articles):
            stem, paragraphs = texts[i % len(texts)]
            copy = i // len(texts)
            outlet = OUTLETS[copy % len(OUTLETS)]
            date = f"2024-{1 + copy % 12:02d}-{1 + i % 28:02d}"
            url = f"https://news{copy}.example.com/{stem}"
            # PolNeAR texts start with the headline
            title, body = (paragraphs[0], paragraphs[1:]) if len(paragraphs) > 1 else ("", paragraphs)
            dateline = [] if args.plain else [f"This copy ({copy}) was published by {outlet} on {date}."]
            rec = record(i + 1, url, date, page(title, dateline + body, outlet, date, url))
            member = gzip.compress(rec, compresslevel=6, mtime=0)
            out.write(member)
            raw += len(rec)
            packed += len(member)
            if args.bad and i == 2:
                # a response whose HTTP message is not one: the reader reports it, goes on
                bad = record(900001, "https://bad.example.com/garbage", date, b"")
                bad = bad.replace(b"HTTP/1.1 200 OK", b"GARBAGE LINE!!!")
                out.write(gzip.compress(bad, compresslevel=6, mtime=0))
        if args.bad:
            # a last record cut off inside its gzip member
            last = record(900002, "https://bad.example.com/truncated", "2024-01-01",
                          page("Cut off", ["This page never ends"], "Bad", "2024-01-01", "x"))
            member = gzip.compress(last, compresslevel=6, mtime=0)
            out.write(member[: len(member) // 2])
    extra = " plus 2 bad records" if args.bad else ""
    print(f"{args.out}: {args.articles} records from {len(texts)} texts{extra}, "
          f"{raw / 1e6:.1f} MB of WARC, {packed / 1e6:.1f} MB gzipped")


if __name__ == "__main__":
    main()
