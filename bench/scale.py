"""Throughput of ``bialign corpus``: documents per second with 1 and 2 jobs, and peak memory.

    python bench/scale.py                       # 2,000 documents, jobs 1 and 2, flatness check on 500
    python bench/scale.py --n 100 --no-flat     # a quick estimate
    python bench/scale.py --n 1000 --jobs 1 2 --flat-n 500

Generates ``--n`` synthetic news articles with bench/articles.py (seed 5; from
../shared/data, ~78% with Russian passages) into a temporary folder, then runs
the real command ``bialign corpus DIR -o OUT.tsv --jobs J`` as a fresh
subprocess for each J. Wall time is the subprocess's, from start (imports and
model loading included) to exit. Memory is polled with psutil every 0.2 s over
the process tree: "main" is the ``bialign`` process, "workers" the sum over all
its descendants at one instant (pool workers plus multiprocessing's forkserver
helper); each is the peak over the run. RSS counts shared pages in every
process that maps them, so the workers' sum is an upper bound. ``ru_maxrss``
of the main process from ``wait4`` (exact, not polled) is printed too; each
descendant's own peak goes to stderr. "CPU s" is user + system time summed
over the tree (psutil, last poll before exit). With 1 job the pipeline runs in
the main process, whose encoder uses ``os.cpu_count()`` BLAS threads; pool
workers use one thread each.

Memory flatness: ``bialign corpus`` with 1 job over the first ``--flat-n``
documents and over all ``--n`` (the latter is the timed 1-job run): results
stream to the writer, so the peaks should be about equal.

psutil is needed only here (``pip install psutil``). The 1-minute load average
(``os.getloadavg()``) is reported at the start and end of every run: the
machine may be shared, so the rates are only as good as the load allows.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import psutil  # noqa: E402

from articles import generate  # noqa: E402


def bialign_command() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "bialign")
    if os.path.exists(exe):
        return [exe]
    found = shutil.which("bialign")
    return [found] if found else [sys.executable, "-m", "bialign"]


def write_docs(n: int, seed: int, folder: str) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    names = []
    for text, gold in generate(n, seed):
        name = f"{gold['file']}.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        names.append(name)
    return names


def _role(p: psutil.Process, main_pid: int) -> str:
    line = " ".join(p.cmdline())
    if "resource_tracker" in line:
        return "resource tracker"
    if p.ppid() == main_pid:
        return "forkserver" if "forkserver" in line else "child"
    return "pool worker"


def run(folder: str, out: str, jobs: int, interval: float = 0.2) -> dict:
    """Run ``bialign corpus folder -o out --jobs jobs``; time it and poll its process tree."""
    cmd = bialign_command() + ["corpus", folder, "-o", out, "--jobs", str(jobs)]
    load0 = os.getloadavg()[0]
    log = tempfile.TemporaryFile(mode="w+")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    ps = psutil.Process(proc.pid)
    peak_main = peak_workers = peak_total = 0
    most_workers = 0
    per_pid: dict[int, tuple[str, float]] = {}
    cpu: dict[int, float] = {}  # last-seen user + system seconds of each process of the tree
    status = None
    rusage = None
    while status is None:
        try:
            main = ps.memory_info().rss
            t = ps.cpu_times()
            cpu[proc.pid] = t.user + t.system
            kids = []
            for c in ps.children(recursive=True):
                try:
                    t = c.cpu_times()
                    cpu[c.pid] = t.user + t.system
                    rss = c.memory_info().rss
                    kids.append(rss)
                    if rss > per_pid.get(c.pid, ("", 0))[1]:
                        per_pid[c.pid] = (_role(c, proc.pid), rss)
                except psutil.Error:
                    pass
        except psutil.Error:
            main, kids = 0, []
        peak_main = max(peak_main, main)
        peak_workers = max(peak_workers, sum(kids))
        peak_total = max(peak_total, main + sum(kids))
        most_workers = max(most_workers, len(kids))
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, rusage = os.waitstatus_to_exitcode(st), ru
            break
        time.sleep(interval)
    wall = time.perf_counter() - t0
    proc.returncode = status
    load1 = os.getloadavg()[0]
    log.seek(0)
    text = log.read()
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({status}):\n{text}")
    m = re.search(r"^written\s+(\d+) pairs", text, re.M)
    files = re.search(r"^files read\s+(\d+)", text, re.M)
    return {
        "jobs": jobs, "docs": int(files.group(1)) if files else None, "wall": wall,
        "pairs": int(m.group(1)) if m else None,
        "main_mb": peak_main / 2**20, "workers_mb": peak_workers / 2**20, "total_mb": peak_total / 2**20,
        "maxrss_mb": rusage.ru_maxrss / 1024, "cpu": sum(cpu.values()), "procs": most_workers,
        "load": (load0, load1), "cmd": cmd, "summary": text,
        "children": sorted(((v[1] / 2**20, v[0]) for v in per_pid.values()), reverse=True),
    }


def row(r: dict, label: str = "") -> str:
    workers = f"{r['workers_mb']:.0f} ({r['procs']} procs)" if r["procs"] else "-"
    return (f"| {label or r['jobs']} | {r['docs']:,} | {r['wall']:.1f} | {r['docs'] / r['wall']:.2f} | "
            f"{r['pairs']:,} | {r['main_mb']:.0f} | {workers} | {r['maxrss_mb']:.0f} | "
            f"{r['cpu']:.0f} | {r['load'][0]:.1f} → {r['load'][1]:.1f} |")


HEADER = ("| jobs | documents | wall s | documents/s | sentence pairs written | peak RSS MB main | "
          "peak RSS MB workers total | main ru_maxrss MB (wait4) | CPU s (tree) | load avg 1 min start → end |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="documents (default 2000)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--flat-n", type=int, default=500, help="smaller run for the memory-flatness check")
    ap.add_argument("--no-flat", action="store_true", help="skip the memory-flatness check")
    ap.add_argument("--keep", help="generate into this folder and keep it (default: a temporary folder)")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="bialign-scale-")
    base = args.keep or tmp
    docs = os.path.join(base, "docs")
    t = time.perf_counter()
    names = write_docs(args.n, args.seed, docs)
    print(f"generated {len(names)} documents (seed {args.seed}) in {docs} "
          f"({time.perf_counter() - t:.1f} s); cores: {os.cpu_count()}", file=sys.stderr)
    results = []
    try:
        for j in args.jobs:
            r = run(docs, os.path.join(tmp, f"out-j{j}.tsv"), j)
            print(f"jobs {j}: {r['wall']:.1f} s\n{r['summary']}", file=sys.stderr)
            for mb, what in r["children"]:
                print(f"  child peak {mb:.0f} MB  {what}", file=sys.stderr)
            results.append(r)
        flat = []
        if not args.no_flat and args.flat_n < args.n:
            sub = os.path.join(tmp, f"first{args.flat_n}")
            os.makedirs(sub)
            for name in sorted(names)[: args.flat_n]:
                os.symlink(os.path.join(docs, name), os.path.join(sub, name))
            small = run(sub, os.path.join(tmp, "out-flat.tsv"), 1)
            print(f"flat {args.flat_n}: {small['wall']:.1f} s\n{small['summary']}", file=sys.stderr)
            big = next((r for r in results if r["jobs"] == 1), None)
            if big is None:
                big = run(docs, os.path.join(tmp, "out-flat-all.tsv"), 1)
            flat = [small, big]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"`bialign corpus DIR -o OUT.tsv --jobs J`, {args.n} documents from bench/articles.py (seed {args.seed}), {os.cpu_count()} cores\n")
    print(HEADER)
    for r in results:
        print(row(r))
    for r in results:
        if r["children"]:
            print(f"\njobs {r['jobs']}, each descendant's own peak RSS: "
                  + ", ".join(f"{what} {mb:.0f} MB" for mb, what in r["children"]))
    if flat:
        print(f"\nMemory flatness (1 job):\n")
        print(HEADER.replace("| jobs |", "| run |", 1))
        for r in flat:
            print(row(r, f"first {r['docs']:,}"))
        d = flat[1]["main_mb"] - flat[0]["main_mb"]
        print(f"\npeak RSS over {flat[1]['docs']:,} documents minus over {flat[0]['docs']:,}: {d:+.0f} MB "
              f"({d / flat[0]['main_mb']:+.1%})")


if __name__ == "__main__":
    main()
