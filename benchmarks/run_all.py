"""Run the dlspec benchmark suite: the same code as ``dlspec bench``.

    python benchmarks/run_all.py                 # all benchmarks, table + results.json
    python benchmarks/run_all.py mlp-step --repeats 11
    python benchmarks/run_all.py --markdown      # the table for benchmarks/README.md

Run it from a checkout (it puts ../src on the path) or with dlspec installed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))

# Import dlspec before NumPy so that it can choose OpenBLAS's AVX-512 kernels.
from dlspec.cli import main  # noqa: E402

if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--json" not in argv and "--list" not in argv:
        argv += ["--json", os.path.join(HERE, "results.json")]
    sys.exit(main(["bench", *argv]))
