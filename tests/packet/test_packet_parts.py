"""The packet's parts on their own: pseudonyms, the power statement (checked by simulation), the JSON form."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from hrdesk.packet.power import detectable_gap
from hrdesk.packet.pseudonyms import Pseudonyms


def test_pseudonyms_are_stable_keyed_and_unique() -> None:
    a = Pseudonyms(salt=b"one")
    first = [a.employee(str(i)) for i in range(3000)]
    assert first == [a.employee(str(i)) for i in range(3000)], "stable within a packet"
    assert len(set(first)) == 3000, "collisions get a longer code, never a shared one"
    assert all(p.startswith("E-") for p in first) and a.manager("Amy Dunn").startswith("M-")
    b = Pseudonyms(salt=b"two")
    assert sum(x == b.employee(str(i)) for i, x in enumerate(first)) < 5, "another packet, other pseudonyms"


def test_scrub_replaces_every_known_full_name_and_nothing_else() -> None:
    p = Pseudonyms(salt=b"s")
    p.know([("1001", "Dunn, Amy"), ("1002", "Ann Lee")], ["Amy Dunn"])
    text = p.scrub("Amy Dunn's team rated Ann Lee; Annabel Leeds and Dunn, Amyra are other people.")
    assert "Amy Dunn" not in text and "Ann Lee;" not in text
    assert p.manager("Amy Dunn") in text and p.employee("1002") in text
    assert "Annabel Leeds" in text and "Dunn, Amyra" in text
    shown = Pseudonyms(reveal=True)
    assert shown.employee("1001", "Dunn, Amy") == "Dunn, Amy (1001)" and shown.scrub("Amy Dunn") == "Amy Dunn"


@pytest.mark.parametrize("rate,n1,n2,lower", [(0.3, 120, 180, True), (0.12, 40, 260, False), (0.05, 500, 9500, False),
                                              (0.25, 60, 240, True)])
def test_the_detectable_gap_is_found_with_80_percent_power(rate: float, n1: int, n2: int, lower: bool) -> None:
    gap = detectable_gap(rate, n1, n2, lower=lower)
    rng = np.random.default_rng(7)
    # simulate the chi-square test the audit runs (the pooled z test) with the group that far below/above the rest
    p1 = rate - gap if lower else rate + gap
    k1, k2 = rng.binomial(n1, p1, 6000), rng.binomial(n2, rate, 6000)
    pooled = (k1 + k2) / (n1 + n2)
    z = (k2 / n2 - k1 / n1) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    assert float(np.mean(2 * stats.norm.sf(np.abs(z)) < 0.05)) == pytest.approx(0.8, abs=0.04)
    assert stats.chi2_contingency([[k1[0], n1 - k1[0]], [k2[0], n2 - k2[0]]], correction=False)[1] == pytest.approx(
        2 * stats.norm.sf(abs(z[0])))


def test_no_gap_is_stated_when_none_could_be_found_reliably() -> None:
    assert detectable_gap(0.05, 10, 100, lower=True) is None, "ten people at 5%: even nobody with it is not clear"
    assert detectable_gap(0.0, 10, 10) is None and detectable_gap(0.5, 0, 10) is None
