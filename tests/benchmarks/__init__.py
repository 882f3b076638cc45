"""Benchmarks: ratios against a reference measured side by side in the same run.

Run all with ``python -m tests.benchmarks`` (or one area: ``python -m tests.benchmarks vault``).
Each module exposes ``run() -> list[dict]`` with rows
``{"name", "value", "unit", "reference", "ratio", "target"}``. These are not
tests: nothing here fails a build; the table is read by people.
"""
