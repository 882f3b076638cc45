"""Benchmarks: ratios against a reference measured side by side in the same run.

Run all with ``python -m tests.benchmarks`` (or one area: ``python -m tests.benchmarks vault``);
the table is printed and written to RESULTS.md beside this file. The scaling table
(1k to 300k people as processes) is ``python -m tests.benchmarks.scaling``.
Each module exposes ``run() -> list[dict]`` with rows
(``common.compare``: min and median of hrdesk and its anchor, side by side). These are not
tests: nothing here fails a build; the table is read by people.
"""
