"""Shared fixtures of the Python tests.

Paths come from the environment (set by .ci/python.sh), with defaults for a checkout that
has ../shared beside it:
- QUOTEGRAPH_SHARED: the shared data directory (PolNeAR dev texts);
- QUOTEGRAPH_BIN: a `quotegraph` binary, for the CLI comparisons (skipped without one);
- QUOTEGRAPH_PARQUET_BIN: one built with `--features parquet`, for `export --format parquet`;
- QUOTEGRAPH_DEV_WARC: the WARC.gz made from the dev texts by scripts/make-bench-warc.py
  (--plain --bad); made here into a temporary directory when not given.
"""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def shared() -> pathlib.Path:
    return pathlib.Path(os.environ.get("QUOTEGRAPH_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "examples" / "siberian-battalion.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dev_texts():
    d = shared() / "data" / "polnear" / "dev" / "text"
    if not d.is_dir():
        pytest.skip(f"no PolNeAR dev texts at {d}")
    files = sorted(d.glob("*.txt"))
    return [(f.stem, f.read_text(encoding="utf-8"), f) for f in files]


@pytest.fixture(scope="session")
def cli():
    b = os.environ.get("QUOTEGRAPH_BIN")
    if not b:
        for cand in (ROOT / "target" / "release" / "quotegraph", ROOT / "target" / "debug" / "quotegraph"):
            if cand.exists():
                b = str(cand)
                break
    if not b or not pathlib.Path(b).exists():
        pytest.skip("no quotegraph binary (set QUOTEGRAPH_BIN)")
    return b


@pytest.fixture(scope="session")
def cli_parquet(cli):
    """A binary for `export --format parquet`: QUOTEGRAPH_PARQUET_BIN, else the CLI."""
    return os.environ.get("QUOTEGRAPH_PARQUET_BIN") or cli


@pytest.fixture(scope="session")
def dev_warc(tmp_path_factory, dev_texts) -> pathlib.Path:
    given = os.environ.get("QUOTEGRAPH_DEV_WARC")
    if given:
        return pathlib.Path(given)
    out = tmp_path_factory.mktemp("warc") / "dev.warc.gz"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make-bench-warc.py"),
         str(dev_texts[0][2].parent), str(out), "--articles", str(len(dev_texts)), "--plain", "--bad"],
        check=True, stdout=subprocess.DEVNULL,
    )
    return out
