"""`manage.py import_mirubato`: the original deployment's three databases (SQLite files or
`wrangler d1 export` dumps) read and mapped onto our services.

- `readers`: a file or dump → a sqlite3 connection and dict rows
- `values`, `checks`: the original's column values, checked as our REST API checks input
- `context`, `report`, `batches`: id maps between tables, the outcome of every row, batches
- mappers, one per area: `users`, `scores`, `score_collections`, `repertoire`, `goals`,
  `sync_data`, `dictionary`; `run` orders them
"""

from legacy.importer.readers import SourceError
from legacy.importer.report import ImportReport, TableReport
from legacy.importer.run import run_import

__all__ = ["ImportReport", "SourceError", "TableReport", "run_import"]
