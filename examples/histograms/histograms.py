"""Per-window histograms for `mldebt drift`, computed with PySpark where the raw rows live.

Writes the CSV format of docs/drift.md (window, column, bin_type, lower, upper, category, count)
with the same rules as histograms.sql: numeric columns get `bins` equal-width bins over the
reference's [min, max] (outer bins open: a value falls in bin k when exactly k interior edges are
<= it), categorical columns one row per value, and every column a `missing` row (NULL, empty,
NA, N/A, NaN, null, None). The reference sample is written as window `reference`; production
rows are cut into weekly windows starting on Mondays (UTC).

Not run in CI. Example:
    spark-submit histograms.py --reference s3://bucket/reference.parquet \
        --current s3://bucket/scored/ --timestamp scored_at \
        --numeric car_value:20 --numeric driver_tenure \
        --categorical salary_range --categorical size_of_downpayment \
        --output histograms.csv
Then point the manifest at it: `monitoring: {histograms: histograms.csv}`.
"""

import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

MISSING = ["", "na", "n/a", "nan", "null", "none"]


def read(spark, path):
    if path.endswith(".csv"):
        return spark.read.option("header", True).csv(path)
    return spark.read.parquet(path)


def is_missing(column):
    text = F.lower(F.trim(F.col(column).cast("string")))
    return F.col(column).isNull() | text.isin(MISSING)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True)
    parser.add_argument("--current", required=True)
    parser.add_argument("--timestamp", required=True)
    parser.add_argument("--numeric", action="append", default=[], help="column[:bins], 10 bins by default")
    parser.add_argument("--categorical", action="append", default=[])
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    spark = SparkSession.builder.appName("mldebt-histograms").getOrCreate()
    reference = read(spark, args.reference).withColumn("window", F.lit("reference"))
    current = read(spark, args.current).withColumn(
        "window", F.date_format(F.date_trunc("week", F.to_timestamp(args.timestamp)), "yyyy-MM-dd"))
    rows = reference.unionByName(current, allowMissingColumns=True)

    parts = []
    for spec in args.numeric:
        name, _, bins = spec.partition(":")
        bins = int(bins or 10)
        value = F.when(is_missing(name), None).otherwise(F.col(name).cast("double"))
        lo, hi = reference.select(F.min(value), F.max(value)).first()
        edges = [lo + (hi - lo) * i / bins for i in range(bins)] + [hi]
        interior = edges[1:-1]
        index = sum(F.when(value >= e, 1).otherwise(0) for e in interior) if interior else F.lit(0)
        counts = (rows.where(value.isNotNull()).groupBy("window", index.alias("bin")).count())
        windows = rows.select("window").distinct()
        grid = windows.crossJoin(spark.createDataFrame(
            [(k, edges[k], edges[k + 1]) for k in range(bins)], "bin int, lower double, upper double"))
        parts.append(
            grid.join(counts, ["window", "bin"], "left").select(
                "window", F.lit(name).alias("column"), F.lit("range").alias("bin_type"),
                "lower", "upper", F.lit(None).cast("string").alias("category"),
                F.coalesce("count", F.lit(0)).alias("count")))
        parts.append(missing_counts(rows, name))
    for name in args.categorical:
        parts.append(
            rows.where(~is_missing(name)).groupBy("window", F.col(name).cast("string").alias("category"))
            .count().select(
                "window", F.lit(name).alias("column"), F.lit("category").alias("bin_type"),
                F.lit(None).cast("double").alias("lower"), F.lit(None).cast("double").alias("upper"),
                "category", "count"))
        parts.append(missing_counts(rows, name))

    result = parts[0]
    for part in parts[1:]:
        result = result.unionByName(part)
    (result.orderBy("window", "column", "bin_type", "lower", "category")
        .coalesce(1).write.mode("overwrite").option("header", True).csv(args.output))


def missing_counts(rows, name):
    return rows.groupBy("window").agg(F.sum(F.when(is_missing(name), 1).otherwise(0)).alias("count")).select(
        "window", F.lit(name).alias("column"), F.lit("missing").alias("bin_type"),
        F.lit(None).cast("double").alias("lower"), F.lit(None).cast("double").alias("upper"),
        F.lit(None).cast("string").alias("category"), "count")


if __name__ == "__main__":
    main()
