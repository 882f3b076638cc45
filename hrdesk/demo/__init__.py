"""The demo organisation: a synthetic, realistic, deterministic company for first runs and tests.

``generate_demo`` builds the data in memory (pandas frames shaped like HRIS
exports); ``build_demo_vault`` stores it in a new vault through the same
import path real files take; ``write_demo_csvs`` writes the files for
benchmarks and documentation. ``hrdesk demo`` and ``hrdesk --demo`` both use
these. What the audits should find is in ``DemoData.planted``.
"""

from hrdesk.demo.export import write_demo_csvs
from hrdesk.demo.generate import DemoData, PlantedFindings, generate_demo
from hrdesk.demo.settings import DemoSettings, load_demo_settings

__all__ = ["DemoData", "DemoSettings", "PlantedFindings", "generate_demo", "load_demo_settings", "write_demo_csvs"]
