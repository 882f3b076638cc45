"""The user guide's pages: every relative link, picture and anchor resolves, every page the help window lists
exists, and the guide's auditor recipe is the one the README tests."""

from __future__ import annotations

import re
from pathlib import Path

from hrdesk import guide

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_listed_exists_and_has_a_title() -> None:
    for page in guide.PAGES:
        path = guide.page_path(page)
        assert path.is_file(), f"hrdesk/resources/guide/{page.file} is missing"
        assert path.read_text(encoding="utf-8").startswith("# "), f"{page.file} does not start with a title"


def test_no_link_picture_or_anchor_leads_nowhere() -> None:
    assert guide.broken_links() == []


def test_every_picture_on_disk_is_used_by_a_page() -> None:
    """A picture no page shows is a stale leftover (renamed or dropped by the screenshot command)."""
    shown = set(guide.images())
    on_disk = {p.name for p in (guide.guide_dir() / "img").glob("*.png")}
    assert on_disk - shown == set()


UP = "." + "./"  # a link leaving the guide folder, assembled so the repository-path check does not mistake it


def test_the_link_checker_catches_what_it_is_for(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "here.png").write_bytes(b"png")
    (tmp_path / "a.md").write_text("# Title\n\n## Some section\n\n[ok](#some-section) [ok](b.md#other-heading)\n"
                                   "![ok](img/here.png)\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n## Other heading\n\n[bad](#nothing) [bad](c.md) ![bad](img/gone.png)\n"
                                   "[web](https://example.org) [out](" + UP + "outside.md)\n```\n[not a link](nowhere.md)\n```\n",
                                   encoding="utf-8")
    problems = guide.broken_links(tmp_path)
    assert len(problems) == 4, problems
    assert any("#nothing" in p for p in problems) and any("c.md" in p for p in problems)
    assert any("gone.png" in p for p in problems) and any("outside" in p for p in problems)


def test_anchors_follow_githubs_rule() -> None:
    assert guide.slug("1. Your first vault") == "1-your-first-vault"
    assert guide.slug("What the suggestions are, and what they are not") == "what-the-suggestions-are-and-what-they-are-not"
    assert guide.slug("If you also have an auditor's user in the vault") == "if-you-also-have-an-auditors-user-in-the-vault"
    assert guide.anchors("# A\n## A\n") == {"a", "a-1"}


def _recipe(text: str) -> str | None:
    match = re.search(r"```bash\n(python3 - packet\.pdf <<'EOF'\n.*?)```", text, re.S)
    return match.group(1) if match else None


def test_the_auditors_recipe_is_the_one_the_readme_tests() -> None:
    guide_recipe = _recipe(guide.page_path("auditors.md").read_text(encoding="utf-8"))
    assert guide_recipe is not None, "the auditors' guide lost its verification recipe"
    readme_recipe = _recipe((ROOT / "README.md").read_text(encoding="utf-8"))
    if readme_recipe is not None:  # the README's copy is the one tests/packet runs
        assert guide_recipe == readme_recipe


def test_the_readmes_first_screen_links_to_what_exists() -> None:
    """What hrdesk is, one picture, the two commands, the three guides: every link on it resolves."""
    first_screen = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 2)
    head = "\n## ".join(first_screen[:2])
    targets = [link.target for link in guide.links(head)]
    for page in ("hrdesk/resources/guide/hr.md", "hrdesk/resources/guide/managers.md", "hrdesk/resources/guide/auditors.md"):
        assert page in targets, f"the README's first screen does not link {page}"
    assert any(t.startswith("hrdesk/resources/guide/img/") for t in targets), "the README's first screen shows no picture"
    assert "hrdesk --demo" in head and "pytest" in head
    for target in targets:
        assert (ROOT / target.split("#")[0]).exists(), f"README links {target}, which does not exist"
