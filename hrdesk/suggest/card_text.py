"""The model card and an explanation in plain text (the CLI prints these; the window shows the same sections)."""

from __future__ import annotations

from typing import Any

from hrdesk.suggest.explain import Explanation


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def card_summary(card: dict[str, Any]) -> str:
    t, p = card["training"], card["performance"]
    lines = [f"Trained the retention-risk model, card version {card['version']}: {t['rows']} people "
             f"({t['voluntary_leavers']} voluntary leavers), cross-validated ROC AUC {p['auc']:.2f}.",
             f"{t['flagged']} of {t['scored']} current employees are flagged; {t['opted_out_excluded']} opted-out "
             "employees were neither trained on nor scored."]
    proxy = card["proxy_check"]
    if proxy["refused"]:
        lines.append("Refused as proxies for a protected attribute: " + ", ".join(proxy["refused"]) + ".")
    if proxy["warned"]:
        lines.append("Warning, associated with a protected attribute: " + ", ".join(proxy["warned"]) + ".")
    lines.append("Training the model is a system change: governance and AI-use disclosures need a fresh look.")
    return "\n".join(lines)


def card_sections(card: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The card as (heading, lines): one source for the CLI text and the window's page."""
    t, p, proxy = card["training"], card["performance"], card["proxy_check"]
    features = [f"{f['label']} ({f['name']}): {f['per_unit']:+.3f} log-odds per {f['unit'].rstrip('s')}"
                + (", actionable" if f["actionable"] else "") for f in card["features"]]
    proxies = [f"{r['feature']} × {r['attribute']}: V = {r['cramers_v']:.2f} ({r['level']})"
               for r in proxy["results"] if r["level"] in ("warn", "refuse")]
    proxies = proxies or [f"No feature exceeds the soft threshold (V > {proxy['soft_threshold']})."]
    unmeasured = sorted({r["attribute"] for r in proxy["results"] if r["level"] == "not measured"})
    if unmeasured:
        proxies.append("Not measured (too few people have it recorded): " + ", ".join(unmeasured) + ".")
    highest = max((r for r in proxy["results"] if r["cramers_v"] is not None), key=lambda r: r["cramers_v"],
                  default=None)
    if highest:
        proxies.append(f"Strongest association: {highest['feature']} × {highest['attribute']}, "
                       f"V = {highest['cramers_v']:.2f}.")
    reliability = [f"predicted {_pct(b['predicted'])}, observed {_pct(b['observed'])} (n = {b['n']})"
                   for b in p["reliability"]]
    fairness = [f"{r['attribute']} {r['group']}: {r['flagged']} of {r['n']} flagged ({_pct(r['rate'])})"
                + (f", impact ratio {r['impact_ratio']:.2f}" if r["impact_ratio"] is not None else "")
                + (" — too small to judge" if r["small"] else f" — {r['status']}") for r in card["fairness"]]
    return [
        ("Purpose", [card["purpose"]]),
        ("Decisions informed", [_decision_label(d) for d in card["decision_types"]]),
        ("Training data", [f"Records from {t['period_from']} to {t['period_to']} (as of {t['reference_date']}).",
                           f"{t['rows']} people: {t['voluntary_leavers']} left voluntarily, {t['stayed']} stayed.",
                           f"Left out: {t['opted_out_excluded']} who opted out of AI processing, "
                           f"{t['left_otherwise_excluded']} who left involuntarily."]),
        ("Features", features),
        ("Excluded attributes", ["Protected (never read by the model): " + ", ".join(card["excluded_attributes"]["protected"]),
                                 "Well-being (coaching only): " + ", ".join(card["excluded_attributes"]["wellbeing"]),
                                 "Refused as proxies: " + (", ".join(card["excluded_attributes"]["refused_as_proxies"])
                                                           or "none")]),
        ("Proxy check", [f"{proxy['measure']}; warn above {proxy['soft_threshold']}, refuse above "
                         f"{proxy['hard_threshold']}.", *proxies]),
        ("Performance", [f"Cross-validated ROC AUC {p['auc']:.3f} over {p['folds']} folds "
                         f"({', '.join(f'{a:.2f}' for a in p['auc_per_fold'])}); Brier score {p['brier']:.3f}.",
                         "Reliability on held-out folds:", *reliability]),
        ("When someone is flagged", [card["threshold"]["rule"] + f"; {t['flagged']} of {t['scored']} flagged now."]),
        ("Fairness of the suggestions", fairness or ["No protected attribute is recorded, so fairness is unknown."]),
        ("Known limitations", card["limitations"]),
        ("Trained", [f"by {card['trained_by']} at {card['trained_at']} (hrdesk {card['hrdesk_version']}), "
                     f"card version {card['version']}."]),
    ]


def _decision_label(key: str) -> str:
    from hrdesk.governance.register import DEFAULT_REGISTER

    known = {d.key: d.label for d in DEFAULT_REGISTER.decisions}
    return f"{known[key]} ({key})" if key in known else key


def card_text(card: dict[str, Any]) -> str:
    out = [f"Model card: retention-risk conversation (version {card['version']})"]
    for heading, lines in card_sections(card):
        out.append(f"\n{heading}")
        out += [f"  {line}" for line in lines]
    return "\n".join(out)


def explanation_text(e: Explanation) -> str:
    verdict = ("Suggested: a retention conversation" if e.flagged else "Not flagged")
    lines = [f"{e.name} ({e.employee_id}) — {verdict}.",
             f"Estimated chance of leaving {e.probability:.0%} (flagged from {e.threshold_probability:.0%}).",
             f"Log-odds {e.log_odds:+.3f} = base value {e.base_value:+.3f} + the contributions below."]
    if e.raised:
        lines.append("Raised it:")
        lines += [f"  {c.words}" for c in e.raised]
    if e.lowered:
        lines.append("Lowered it:")
        lines += [f"  {c.words}" for c in e.lowered]
    if e.counterfactual:
        lines.append(e.counterfactual.words)
    elif e.flagged:
        lines.append("No realistic change in one or two actionable factors would change this suggestion.")
    lines.append(f"Data as of {e.features_as_of} (records from {e.data_from} to {e.data_to}); model card version "
                 f"{e.card_version}.")
    return "\n".join(lines)
