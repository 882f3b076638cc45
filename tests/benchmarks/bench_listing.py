"""``hrdesk employees list --json`` as a process, against a plain read doing the same work.

Run alone with ``python -m tests.benchmarks.bench_listing [N]``. Both sides are
whole processes, alternating, several rounds, min and median:

- hrdesk: ``python -m hrdesk employees VAULT list --json`` (unlock, read and
  decrypt every employee and team, the privacy rules, the JSON).
- the anchor: one process that derives an Argon2id key with the vault's
  parameters (what any unlock costs), selects every employee and team with
  ``sqlite3``, decrypts each payload with AES-GCM (the keys handed over in a
  file, as if unwrapped), decodes it (``vault/encoding.py``, loaded on its own,
  not through the hrdesk package) and prints the same rows with
  ``json.dumps(indent=2, ensure_ascii=False)``. The two outputs are compared:
  the anchor does exactly the work, nothing less.

The vault is filled by ``hrdesk import`` of an HRDataset-shaped export
(``bench_import.write_hr_csv``), with the fast test key derivation on both sides.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import REPO, Timing, bench_env, compare, print_table, python, run_process

EMPLOYEES = 100_000
#: Another checkout of hrdesk (a before/after in the same rounds): ``HRDESK_BENCH_BEFORE=/path``.
BEFORE_ENV = "HRDESK_BENCH_BEFORE"

ANCHOR = r"""
import importlib.util, json, sqlite3, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
vault, keys_file, encoding_py = sys.argv[1:4]
params = json.loads(sys.argv[4])
Argon2id(salt=b"0" * 16, length=32, iterations=params["iterations"], lanes=params["lanes"],
         memory_cost=params["memory_kib"]).derive(b"bench")
spec = importlib.util.spec_from_file_location("encoding", encoding_py)
encoding = importlib.util.module_from_spec(spec); spec.loader.exec_module(encoding)
aeads = {kid: AESGCM(bytes.fromhex(key)) for kid, key in json.load(open(keys_file)).items()}

def plain(table, row_id, links, blob):
    if blob[0] == 3 and blob[1] == 0:  # format 3: a team's key id in its 8 bytes
        end, kid = 10, "t-" + blob[2:10].hex()
    else:
        end, kid = 2 + blob[1], blob[2:2 + blob[1]].decode()
    header = blob[:end]
    aad = "\x1f".join([table, row_id] + [f"{k}={v or ''}" for k, v in sorted(links.items())]).encode()
    body = blob[end:]
    return encoding.decode(aeads[kid].decrypt(body[:12], body[12:], header + aad))

conn = sqlite3.connect(vault)
text = lambda c: f"iif(typeof({c})='blob', lower(hex({c})), {c})"  # format 3 keeps new ids in 8 bytes
managers = {i: plain("teams", i, {"manager_employee_id": m}, p)["manager_name"]
            for i, m, p in conn.execute(f"SELECT {text('id')}, {text('manager_employee_id')}, payload FROM teams")}
rows = []
for i, team, blob in conn.execute(f"SELECT {text('id')}, {text('team_id')}, payload FROM employees ORDER BY rowid"):
    p = plain("employees", i, {"team_id": team}, blob)
    rows.append({"employee_id": p["employee_id"], "name": p.get("name") or p["employee_id"],
                 "department": p.get("department"), "position": p.get("position"),
                 "manager": managers.get(team or ""), "status": p.get("employment_status")})
print(json.dumps(rows, indent=2, ensure_ascii=False))
"""

MAKE_VAULT = """
import sys
from hrdesk.vault import KdfParams, Vault
vault, _ = Vault.create(sys.argv[1], org_name="Bench", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
vault.close(backup=False)
"""


def _keys_of(vault_path: Path, out: Path) -> dict:
    """Hand the anchor the keys an unlock yields (written owner-only, removed with the folder)."""
    from hrdesk.vault import Vault

    with Vault.open(vault_path, "pw") as vault:
        keys = vault._require_keys().cipher()._keys  # noqa: SLF001 - the benchmark's own look inside
        params = vault.kdf_params()
        vault.close(backup=False)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({kid: key.hex() for kid, key in keys.items()}, handle)
    return {"memory_kib": params.memory_kib, "iterations": params.iterations, "lanes": params.lanes}


def run(employees: int = EMPLOYEES, repeat: int = 3) -> list[dict]:
    from tests.benchmarks.bench_import import write_hr_csv

    env = bench_env(HRDESK_PASSPHRASE="pw")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source, vault = work / "hr.csv", work / "bench.hrdesk"
        write_hr_csv(source, employees)
        run_process(python("-c", MAKE_VAULT, str(vault)), env)
        run_process(python("-m", "hrdesk", "import", str(vault), str(source)), env)
        params = _keys_of(vault, work / "keys.json")
        encoding_py = str(REPO / "hrdesk" / "vault" / "encoding.py")
        anchor_cmd = python("-c", ANCHOR, str(vault), str(work / "keys.json"), encoding_py, json.dumps(params))
        hrdesk_cmd = python("-m", "hrdesk", "employees", str(vault), "list", "--json")
        before = os.environ.get(BEFORE_ENV)
        ours, theirs, earlier = [], [], []
        for _ in range(repeat):
            a = run_process(anchor_cmd, env)
            h = run_process(hrdesk_cmd, env)
            if a.stdout != h.stdout:
                raise AssertionError("the anchor's output differs from hrdesk's: it is not doing the same work")
            theirs.append(a.seconds)
            ours.append(h.seconds)
            if before:
                try:
                    earlier.append(run_process(hrdesk_cmd, bench_env(Path(before), HRDESK_PASSPHRASE="pw")).seconds)
                except RuntimeError as exc:  # an older hrdesk may not read what this one wrote
                    print(f"the code in {before} cannot list this vault: {exc}", file=sys.stderr)
                    before = None
    anchor = "sqlite3 + AES-GCM + json.dumps (process)"
    rows = [compare(f"employees list --json, {employees:,} (CLI process)", Timing(tuple(ours)), anchor,
                    Timing(tuple(theirs)), "<= 2x at 100k")]
    if before and earlier:
        rows.append(compare(f"  the same, code from {Path(before).name} (before)", Timing(tuple(earlier)), anchor,
                            Timing(tuple(theirs)), "info"))
    return rows


if __name__ == "__main__":
    print_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES))
