"""Type stubs of the native module (Rust, pyo3). Use the ``quotegraph`` package's functions:
they validate arguments and build typed objects from what these return."""

from typing import Any, Iterator, List, Optional, Tuple

__version__: str

class QuotegraphError(ValueError):
    """An input quotegraph cannot process: the message names the input and the problem."""

def extract_json(text: str, name: str = "", published: Optional[str] = None, actors: bool = True) -> str:
    """One document as JSON."""

def extract_many_json(
    texts: List[str],
    names: List[str],
    published: List[Optional[str]],
    threads: Optional[int] = None,
    actors: bool = True,
) -> List[str]:
    """Many documents as JSON, in order, extracted on all cores without the GIL."""

def extract_html_json(html: bytes, url: Optional[str] = None, content_type: Optional[str] = None) -> str:
    """``{"text", "meta"}`` of an HTML page as JSON."""

class Reader:
    """Articles ``(True, json)`` and bad records ``(False, json)`` of a file."""
    def __iter__(self) -> Iterator[Tuple[bool, str]]: ...
    def __next__(self) -> Tuple[bool, str]: ...

def read(source: Any, name: Optional[str] = None) -> Reader:
    """A path (any supported format) or a binary file object holding WARC data."""

class ArticleBatches:
    """Arrow IPC streams of one record batch each (schema: ``spark_schema_ipc``)."""
    def __iter__(self) -> Iterator[bytes]: ...
    def __next__(self) -> bytes: ...

def article_batches(
    source: Any,
    name: Optional[str] = None,
    batch_size: int = 256,
    actors: bool = True,
    threads: Optional[int] = None,
) -> ArticleBatches: ...
def extract_arrow_ipc(articles: bytes, threads: Optional[int] = None) -> bytes:
    """Articles (Arrow IPC stream) to attributions (Arrow IPC stream, export columns)."""

def export_schema_ipc() -> bytes: ...
def spark_schema_ipc() -> bytes: ...
