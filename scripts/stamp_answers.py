"""Record each answer's content hash and the date it changed in data/answer-changes.yaml (`make stamp`).

Run after editing an answer: new or changed answers get today's date (UTC, or `--date YYYY-MM-DD`),
unchanged ones keep theirs, removed questions are dropped. Prints what it stamped; commit the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.bank import BankError, load_bank  # noqa: E402
from macros.bank.versions import dump_changes, load_changes, stamp  # noqa: E402
from macros.figures import FIGURES  # noqa: E402

RECORD = ROOT / "data" / "answer-changes.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    args = parser.parse_args(argv)
    try:
        bank = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
        record = load_changes(RECORD)
    except BankError as err:
        print(err, file=sys.stderr)
        return 1
    updated, touched = stamp(bank, record, args.date)
    removed = sorted(set(record) - set(updated))
    RECORD.write_text(dump_changes(updated), encoding="utf-8")
    print(
        f"{RECORD.relative_to(ROOT)}: {len(touched)} answer(s) stamped {args.date.isoformat()}"
        + (f" ({', '.join(touched[:8])}{', ...' if len(touched) > 8 else ''})" if touched else "")
        + (f"; {len(removed)} removed question(s) dropped" if removed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
