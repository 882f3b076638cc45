"""Section 5: every model card, its proxy check, performance and the fairness of its suggestions.

Read from the stored cards (``suggest.store``) and worded by ``suggest.card_text``,
the same sentences the CLI and the window show. Groups too small to judge in
the card's fairness table are combined into one row.
"""

from __future__ import annotations

from typing import Any

from hrdesk.packet.content import combined, Section, Table, num, pct
from hrdesk.packet.context import PacketContext



def models(ctx: PacketContext) -> Section:
    from hrdesk.suggest.retention import KIND
    from hrdesk.suggest.store import has_model, load_stored

    section = Section(5, "Models")
    section.say("Development recommendations and well-being check-in prompts are rules, not trained models: "
                "they are listed in the decision register and their fairness is monitored in section 9.")
    # only the retention-risk model learns from history; development and well-being suggestions are rules
    cards = [load_stored(ctx.vault, KIND)["card"]] if has_model(ctx.vault, KIND) else []
    if not cards:
        section.say("No suggestion model has been trained in this vault.")
        return section
    for card in cards:
        _card(ctx, section, card)
    return section


def _card(ctx: PacketContext, section: Section, card: dict[str, Any]) -> None:
    from hrdesk.suggest.card_text import card_sections

    version = card.get("version")
    section.say(f"Model card: retention-risk conversation, version {version}", "h2")
    if not ctx.options.covers(card.get("trained_at")):
        section.say(f"This model was trained on {str(card.get('trained_at', ''))[:10]}, outside the period; "
                    "it is the model in use during it.", "note")
    for heading, lines in card_sections(card):
        if heading in ("Fairness of the suggestions", "Features"):
            continue  # as tables below
        section.say(heading, "h3")
        for line in lines:
            section.say(ctx.names.scrub(line))
    stem = f"model-{version}"
    section.table(Table(f"{stem}-features", "Features and their weights", ("feature", "name", "log-odds per unit", "unit",
                                                                              "actionable"),
                        tuple((f["label"], f["name"], num(f["per_unit"], 3), f["unit"], "yes" if f["actionable"] else "no")
                              for f in card["features"]), widths=(2.2, 1.8, 1.1, 1.2, 0.8)))
    proxy = card["proxy_check"]
    section.table(Table(f"{stem}-proxy-check", f"Proxy check ({proxy['measure']}) of every feature against every "
                        "protected attribute", ("feature", "attribute", "Cramér's V", "result"),
                        tuple((r["feature"], r["attribute"], num(r["cramers_v"]), r["level"]) for r in proxy["results"]),
                        widths=(2.0, 1.5, 1.0, 1.2)))
    perf = card["performance"]
    section.table(Table(f"{stem}-reliability", f"Reliability on held-out folds (ROC AUC {num(perf['auc'], 3)}, "
                        f"Brier {num(perf['brier'], 3)})", ("predicted", "observed", "people"),
                        tuple((pct(b["predicted"]), pct(b["observed"]), b["n"]) for b in perf["reliability"]),
                        widths=(1.0, 1.0, 1.0)))
    section.table(Table(f"{stem}-fairness", "How often each group is flagged (impact ratio of not being flagged)",
                        ("attribute", "group", "people", "flagged", "rate", "impact ratio", "status"),
                        tuple(_fairness_rows(card["fairness"])),
                        empty="No protected attribute is recorded, so the fairness of the suggestions is unknown.",
                        widths=(1.2, 2.0, 0.8, 0.8, 0.8, 0.9, 1.2)))


def _fairness_rows(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The card's per-group flag rates; per attribute, the groups too small to judge combined into one row."""
    out: list[tuple[Any, ...]] = []
    by_attribute: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_attribute.setdefault(r["attribute"], []).append(r)
    for attribute, items in by_attribute.items():
        small = [r for r in items if r["small"]]
        for r in items:
            if not r["small"]:
                out.append((attribute, r["group"], r["n"], r["flagged"], pct(r["rate"]), num(r["impact_ratio"]),
                            r["status"]))
        if small:
            n, k = sum(r["n"] for r in small), sum(r["flagged"] for r in small)
            out.append((attribute, combined(len(small)), n, k,
                        pct(k / n if n else None), "—", "too small to judge"))
    return out
