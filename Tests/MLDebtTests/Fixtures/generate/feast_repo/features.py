"""Small hand-written Feast feature repo used to produce registry.json."""
from datetime import timedelta

import pandas as pd

from feast import Entity, FeatureService, FeatureView, Field, FileSource, ValueType
from feast.on_demand_feature_view import on_demand_feature_view
from feast.types import Float32, Float64, Int64, String

customer = Entity(name="customer", join_keys=["customer_id"], value_type=ValueType.INT64,
                  description="A retail customer", tags={"owner": "growth"})
merchant = Entity(name="merchant", join_keys=["merchant_id"], value_type=ValueType.INT64,
                  description="A merchant")

customer_source = FileSource(name="customer_stats_source", path="data/customer_stats.parquet",
                             timestamp_field="event_timestamp", created_timestamp_column="created")
txn_source = FileSource(name="merchant_txn_source", path="data/merchant_txn.parquet",
                        timestamp_field="event_timestamp")

customer_stats = FeatureView(
    name="customer_stats", entities=[customer], ttl=timedelta(days=2),
    schema=[Field(name="tenure_months", dtype=Int64), Field(name="monthly_spend", dtype=Float32),
            Field(name="support_calls_30d", dtype=Int64), Field(name="country", dtype=String)],
    online=True, source=customer_source, tags={"team": "growth"},
    description="Customer-level aggregates", owner="growth@acme.example")

merchant_txn = FeatureView(
    name="merchant_txn_stats", entities=[merchant], ttl=timedelta(hours=6),
    schema=[Field(name="txn_count_1h", dtype=Int64), Field(name="chargeback_rate_7d", dtype=Float32)],
    online=True, source=txn_source, tags={"team": "risk"})


@on_demand_feature_view(sources=[customer_stats],
                        schema=[Field(name="spend_per_tenure_month", dtype=Float64)],
                        mode="pandas")
def spend_ratio(inputs: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame()
    out["spend_per_tenure_month"] = inputs["monthly_spend"] / inputs["tenure_months"].clip(lower=1)
    return out


churn_model_v1 = FeatureService(
    name="churn_model_v1",
    features=[customer_stats[["tenure_months", "monthly_spend"]], spend_ratio],
    tags={"model": "churn-classifier"}, description="Features for churn-classifier v1")
