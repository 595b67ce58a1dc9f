"""Speed and memory measurements (`make bench`), written to docs/benchmarks.md."""
