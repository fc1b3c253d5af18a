#!/bin/sh
# Runs histograms.sql on the test fixture with the DuckDB CLI and prints the histogram CSV.
# Usage: examples/histograms/run_duckdb.sh [REFERENCE.csv CURRENT.csv]   (from the repo root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ref=${1:-Tests/MLDebtTests/Fixtures/drift/reference.csv}
cur=${2:-Tests/MLDebtTests/Fixtures/drift/current.csv}
duckdb -csv <<SQL
CREATE VIEW reference_rows AS
  SELECT * EXCLUDE (ts, prediction, label) FROM read_csv('$ref', all_varchar = true);
CREATE VIEW current_rows AS
  SELECT strftime(date_trunc('week', CAST(ts AS TIMESTAMP)), '%Y-%m-%d') AS "window",
         * EXCLUDE (ts, prediction, label)
  FROM read_csv('$cur', all_varchar = true);
CREATE TABLE drift_columns (column_name VARCHAR, column_type VARCHAR, bins INTEGER);
INSERT INTO drift_columns VALUES ('income', 'numeric', 10), ('age', 'numeric', 8),
  ('city', 'categorical', 0), ('member', 'categorical', 0), ('rooms', 'categorical', 0);
.read $here/histograms.sql
SQL
