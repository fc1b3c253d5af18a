-- Per-window histograms for mldebt drift, computed where the raw rows live (DuckDB dialect).
--
-- The output has one row per (window, column, bin), in the format docs/drift.md describes:
--   window, column, bin_type, lower, upper, category, count
-- bin_type is `range` (numeric bin [lower, upper); the first bin is open below and the last open
-- above), `category` (one categorical value) or `missing` (empty, NULL or NaN cells).
-- The reference sample is written as window `reference`.
--
-- Before running this file, define three relations (see run_duckdb.sh for an example):
--   reference_rows  the reference sample, one row per record;
--   current_rows    production rows with a VARCHAR column `window` naming each row's window
--                   (for weekly windows: strftime(date_trunc('week', ts), '%Y-%m-%d'));
--   drift_columns   (column_name VARCHAR, column_type VARCHAR 'numeric'|'categorical', bins INTEGER)
-- Numeric bins are `bins` equal-width bins over the reference's [min, max]; a value belongs to
-- bin k when exactly k interior edges are <= the value, the rule mldebt uses on raw rows too.
-- NULLs become '' before UNPIVOT (which would drop them) and are counted as missing.

WITH
ref_wide AS (SELECT 'reference' AS "window", coalesce(COLUMNS(* EXCLUDE ("window"))::VARCHAR, '')
             FROM (SELECT NULL::VARCHAR AS "window", * FROM reference_rows)),
cur_wide AS (SELECT "window", coalesce(COLUMNS(* EXCLUDE ("window"))::VARCHAR, '')
             FROM current_rows),
all_wide AS (SELECT * FROM ref_wide UNION ALL BY NAME SELECT * FROM cur_wide),
long_rows AS (
  UNPIVOT all_wide ON COLUMNS(* EXCLUDE ("window")) INTO NAME column_name VALUE "value"
),
typed AS (
  SELECT l."window", l.column_name, c.column_type, c.bins,
         CASE WHEN l."value" IS NULL OR trim(l."value") = ''
                   OR lower(trim(l."value")) IN ('na', 'n/a', 'nan', 'null', 'none')
              THEN NULL ELSE l."value" END AS "value"
  FROM long_rows l JOIN drift_columns c USING (column_name)
),
ranges AS (
  SELECT column_name, any_value(bins) AS bins,
         min(TRY_CAST("value" AS DOUBLE)) AS lo, max(TRY_CAST("value" AS DOUBLE)) AS hi
  FROM typed WHERE "window" = 'reference' AND column_type = 'numeric' GROUP BY column_name
),
edges AS (
  SELECT column_name, bins,
         list_transform(range(bins + 1), lambda i: CASE WHEN i = bins THEN hi
                                               ELSE lo + (hi - lo) * i / bins END) AS edges
  FROM ranges
),
numeric_counts AS (
  SELECT t."window", t.column_name,
         len(list_filter(e.edges[2:e.bins], lambda x: x <= TRY_CAST(t."value" AS DOUBLE))) AS bin,
         count(*) AS "count"
  FROM typed t JOIN edges e USING (column_name)
  WHERE t."value" IS NOT NULL
  GROUP BY ALL
),
windows AS (SELECT DISTINCT "window" FROM typed),
numeric_grid AS (
  SELECT w."window", e.column_name, b.bin, e.edges[b.bin + 1] AS lower, e.edges[b.bin + 2] AS upper
  FROM windows w CROSS JOIN edges e CROSS JOIN LATERAL (SELECT unnest(range(e.bins)) AS bin) b
)
SELECT g."window", g.column_name AS "column", 'range' AS bin_type, g.lower, g.upper,
       NULL AS category, coalesce(n."count", 0) AS "count"
FROM numeric_grid g LEFT JOIN numeric_counts n USING ("window", column_name, bin)
UNION ALL
SELECT "window", column_name, 'category', NULL, NULL, "value", count(*)
FROM typed WHERE column_type = 'categorical' AND "value" IS NOT NULL GROUP BY ALL
UNION ALL
SELECT "window", column_name, 'missing', NULL, NULL, NULL, count(*) FILTER ("value" IS NULL)
FROM typed GROUP BY ALL
ORDER BY 1, 2, 3, 4, 6;
