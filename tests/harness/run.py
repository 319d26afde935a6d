#!/usr/bin/env python3
"""Eddy's reference harness: runs PySpark Streaming programs on real PySpark 4.3.0, deterministically.

    python tests/harness/run.py PROGRAM.py ...            print each program's output
    python tests/harness/run.py --write PROGRAM.py ...    store it as PROGRAM.spark.txt (the golden)
    python tests/harness/run.py --check PROGRAM.py ...    fail if a golden differs from Spark's output now

Run it with the project's venv (`.venv/bin/python`, pyspark 4.3.0 + numpy). See README.md.
"""

import argparse
import os
import platform
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = {"PYTHONHASHSEED": "0", "TZ": "UTC"}


def _reexec_if_needed():
    """Hash randomisation is fixed when the interpreter starts: re-exec with PYTHONHASHSEED=0 and
    TZ=UTC (the Python workers Spark starts inherit both), and make the workers run this very
    interpreter (the venv's, with numpy), not whatever `python3` is first on PATH."""
    env_needed = dict(ENV, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    if platform.machine() in ("x86_64", "AMD64") and "OPENBLAS_CORETYPE" not in os.environ:
        # numpy's OpenBLAS picks its kernels by CPU: on AVX-512 machines its dot product rounds
        # differently (FMA), so MLlib predictions would change in the last digit from machine to
        # machine. One fixed kernel set (AVX2, any x86 CPU since 2013) makes goldens portable.
        env_needed["OPENBLAS_CORETYPE"] = "Haswell"
    if all(os.environ.get(k) == v for k, v in env_needed.items()):
        time.tzset()
        return
    env = dict(os.environ, **env_needed)
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)


def golden_path(program):
    return program[: -len(".py")] + ".spark.txt" if program.endswith(".py") else program + ".spark.txt"


def main():
    _reexec_if_needed()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="store each output as NAME.spark.txt")
    mode.add_argument("--check", action="store_true", help="compare each output with NAME.spark.txt")
    ap.add_argument("programs", nargs="+", metavar="PROGRAM.py")
    args = ap.parse_args()

    sys.dont_write_bytecode = True
    sys.path.insert(0, HERE)
    import harness_compare
    import harness_runtime

    programs = [os.path.abspath(p) for p in args.programs]
    for p in programs:
        harness_runtime.read_header(p)  # fail early on a missing header
        if args.check and not os.path.exists(golden_path(p)):
            print("missing golden: %s" % os.path.relpath(golden_path(p)), file=sys.stderr)
            return 2

    out = sys.stdout
    t_start = time.monotonic()
    harness_runtime.start_spark()
    t_spark = time.monotonic() - t_start
    print("SparkContext (local[2], ManualClock) started in %.1f s" % t_spark, file=out if args.write or args.check else sys.stderr)

    failures = []
    try:
        for p in programs:
            name = os.path.relpath(p)
            _, ordered = harness_runtime.read_header(p)
            res = harness_runtime.run_program(p)
            note = ""
            if res.top_level_error is not None:
                note += "  (top-level %s)" % type(res.top_level_error).__name__
            if res.failed_generation:
                note += "  (job generation failed at %s ms)" % ", ".join(map(str, res.failed_generation))
            status = "ran"
            if res.harness_error:
                status = "HARNESS ERROR"
                failures.append((name, [res.harness_error]))
            elif args.write:
                with open(golden_path(p), "w", encoding="utf-8", newline="\n") as f:
                    f.write(res.output)
                status = "wrote"
            elif args.check:
                with open(golden_path(p), encoding="utf-8") as f:
                    golden = f.read()
                problems = harness_compare.compare(golden, res.output, ordered, res.batch_ms)
                if problems:
                    status = "DIFFERS"
                    failures.append((name, problems))
                else:
                    status = "ok" if golden == res.output else "ok (equal under the comparison rule)"
            else:
                out.write(res.output)
            line = "%-7s %6.2f s  %2d batches  %s%s" % (
                status if status in ("ran", "wrote", "ok") else status.split()[0], res.seconds,
                res.batches_run, name, note)
            if status.startswith("ok ("):
                line += "  " + status[3:]
            print(line, file=out if args.write or args.check else sys.stderr, flush=True)
    finally:
        harness_runtime.stop_spark()

    total = time.monotonic() - t_start
    dest = out if args.write or args.check else sys.stderr
    for name, problems in failures:
        print("\n=== %s" % name, file=dest)
        for pr in problems:
            print(pr, file=dest)
    print("\n%d program(s), %d failed; total %.1f s (SparkContext start %.1f s)" % (
        len(programs), len(failures), total, t_spark), file=dest)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
