"""Letter settings kept in the vault: organisation name, letterhead, logo, signature, concern contact, template folder.

They belong to the organisation, not to one laptop, so they live in the
vault's encrypted meta (``letters.settings``), are read as a typed value and
written only through ``Session.set_letter_settings`` (audit-logged). A change
of the concern contact or its response time is a *system change*: employees
were told the old one, so earlier disclosures go stale.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.vault import Vault

META_KEY = "letters.settings"
CONTACT_FIELDS = ("concern_contact", "concern_response_days")


@dataclass(frozen=True)
class LetterSettings:
    org_name: str = ""  # empty: the vault's organisation name
    letterhead: str = ""  # lines under the organisation's name (address, web site)
    logo_path: str = ""  # a PNG or JPEG drawn at the top right of every page
    signatory: str = ""  # who signs (a named person)
    signatory_title: str = "Human Resources"
    concern_contact: str = ""  # who employees write to with a concern (name and e-mail)
    concern_response_days: int = 10
    template_dir: str = ""  # a folder of edited templates that replace the built-in ones by file name
    language: str = "en-GB"

    def organisation(self, vault_org_name: str) -> str:
        return self.org_name.strip() or vault_org_name


def load_settings(vault: "Vault") -> LetterSettings:
    raw = vault.meta_get(META_KEY) or {}
    names = {f.name: f for f in dataclasses.fields(LetterSettings)}
    defaults = LetterSettings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in names and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
    return LetterSettings(**values)


def validate(settings: LetterSettings) -> LetterSettings:
    if not 1 <= settings.concern_response_days <= 90:
        raise InvalidInputError("The response time for a concern must be between 1 and 90 days.")
    if settings.logo_path and not Path(settings.logo_path).is_file():
        raise InvalidInputError(f"The logo '{settings.logo_path}' is not a file.", hint="Choose a PNG or JPEG image.")
    if settings.logo_path and Path(settings.logo_path).suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise InvalidInputError("The logo must be a PNG or JPEG image.")
    if settings.template_dir and not Path(settings.template_dir).is_dir():
        raise InvalidInputError(f"The template folder '{settings.template_dir}' does not exist.")
    return settings


def save_settings(vault: "Vault", settings: LetterSettings) -> LetterSettings:
    """Store the settings with their audit entry; the contact's change is logged as a system change."""
    checked = validate(settings)
    before = load_settings(vault)
    changed = [f.name for f in dataclasses.fields(LetterSettings) if getattr(before, f.name) != getattr(checked, f.name)]
    if not changed:
        return checked
    if checked.template_dir:
        from hrdesk.letters.templates import check_folder

        check_folder(Path(checked.template_dir))  # a broken template is refused now, not at the first letter
    with vault.transaction():
        vault.meta_set(META_KEY, dataclasses.asdict(checked))
        contact = [name for name in changed if name in CONTACT_FIELDS]
        vault.audit("letters.contact_changed" if contact else "letters.settings_changed", details={"fields": changed})
    return checked
