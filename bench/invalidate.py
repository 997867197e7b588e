"""Change a product's price on request: the invalidation behind the
"anonymous, after a price change" view of bench/run.py (issue #18).

Started by the runner as a long-lived subprocess with the shop server's own
environment (bench.shop_settings, the benchmark database, the same Redis
and the same per-run cache key prefix), so a save here bumps exactly the
versions the gunicorn workers read:

    python -m bench.invalidate

One JSON command per line on stdin, one JSON answer per line on stdout:

    {"op": "change", "stockrecord": 12}   -> {"ok": true, "price": "451.00", "ms": 14.2}
    {"op": "restore"}                      -> {"ok": true, "restored": 1}

``change`` saves the stock record's price through the ORM, as the dashboard
and the admin do (``save(update_fields=[...])``, so Oscar's and our
``post_save`` receivers run and bump the page versions after the commit),
alternating between the original price and one baht more; the answer comes
after the commit, i.e. after the bump. ``restore`` (and the end of stdin)
puts every original price back. ``PriceChangeProcess`` is the runner's
side (no Django needed there).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STEP = Decimal("1.00")


def next_price(*, original: Decimal, current: Decimal) -> Decimal:
    """The price to save next: one baht more than the original, then the
    original again, so each save is a change and the price never drifts."""
    return original if current != original else original + STEP


class PriceChanger:
    def __init__(self) -> None:
        from oscar.core.loading import get_model

        self.StockRecord = get_model("partner", "StockRecord")
        self.originals: dict[int, Decimal] = {}

    def _save(self, record, price: Decimal) -> None:
        record.price = price
        # Only the price: the stock counts belong to the inventory services.
        # No atomic block: in autocommit the on_commit bumps run before save() returns.
        record.save(update_fields=["price", "date_updated"])

    def change(self, pk: int) -> dict:
        started = time.perf_counter()
        record = self.StockRecord.objects.get(pk=pk)
        original = self.originals.setdefault(pk, record.price)
        price = next_price(original=original, current=record.price)
        self._save(record, price)
        return {"ok": True, "price": str(price), "ms": round((time.perf_counter() - started) * 1000, 1)}

    def restore(self) -> dict:
        restored = 0
        for pk, original in self.originals.items():
            record = self.StockRecord.objects.filter(pk=pk).first()
            if record is not None and record.price != original:
                self._save(record, original)
                restored += 1
        self.originals.clear()
        return {"ok": True, "restored": restored}


class PriceChangeProcess:
    """The runner's side: starts ``python -m bench.invalidate`` with the
    given environment and sends it commands.

        with PriceChangeProcess(env=env, log=log_file) as prices:
            prices.change(stockrecord_pk)   # returns after the commit (and the version bumps)
    """

    def __init__(self, *, env: dict, log=None, timeout: float = 300) -> None:
        self.env = env
        self.log = log
        self.timeout = timeout
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> PriceChangeProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.invalidate"],
            cwd=ROOT,
            env=self.env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log or subprocess.DEVNULL,
        )
        self._answer()  # ready: Django is set up
        return self

    def _answer(self) -> dict:
        """The next JSON answer; other output (a library printing to stdout) is skipped."""
        assert self.process is not None and self.process.stdout is not None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"bench.invalidate exited (status {self.process.poll()}); see its log")
            try:
                answer = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(answer, dict) and "ok" in answer:
                return answer

    def _send(self, command: dict) -> dict:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def change(self, stockrecord_pk: int) -> dict:
        return self._send({"op": "change", "stockrecord": stockrecord_pk})

    def restore(self) -> dict:
        return self._send({"op": "restore"})

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        # End of stdin: the helper restores every price and exits.
        try:
            self.process.stdin.close()
            self.process.wait(timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.shop_settings")
    import django

    django.setup()
    changer = PriceChanger()
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                command = json.loads(line)
                if command["op"] == "change":
                    answer = changer.change(int(command["stockrecord"]))
                elif command["op"] == "restore":
                    answer = changer.restore()
                else:
                    answer = {"ok": False, "error": f"unknown op {command['op']!r}"}
            except Exception as error:  # reported to the runner, which records it and goes on
                answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer), flush=True)
    finally:
        changer.restore()
    return 0


if __name__ == "__main__":
    sys.exit(main())
