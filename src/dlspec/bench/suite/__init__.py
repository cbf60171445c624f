"""Benchmark modules: each module here registers its benchmarks with ``@benchmark``."""
