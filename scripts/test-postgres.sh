#!/usr/bin/env bash
# Runs the test suite with all three database aliases on PostgreSQL.
# Each run uses its own database names (Django creates test_<name> and drops it afterwards),
# so two checkouts can test at once. Without a reachable server this says so loudly, and fails
# when CI=true.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}

if ! "$PY" - "$PG_URL/postgres" <<'PYCODE'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:
    print(f"    ({exc.__class__.__name__}: {str(exc).strip()})", file=sys.stderr)
    sys.exit(1)
PYCODE
then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! PostgreSQL is NOT reachable at $PG_URL: the PostgreSQL run was NOT done." >&2
  echo "!!! Start it (see README, 'PostgreSQL') or set PG_URL." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi

run_id="m$(date +%s)_$$"
export DATABASE_URL="$PG_URL/${run_id}_default"
export SCORES_DATABASE_URL="$PG_URL/${run_id}_scores"
export DICTIONARY_DATABASE_URL="$PG_URL/${run_id}_dictionary"
exec "$PY" -m pytest "$@"
