"""Stage train: fit the default-risk model on the featurized training set."""
import os
import pickle

import pandas as pd
from sklearn.linear_model import LogisticRegression

from common import load_params

p = load_params("train")
df = pd.read_csv("data/features/train.csv")
X, y = df[p["features"]], df["repaid"]

model = LogisticRegression(C=p["C"], max_iter=p["max_iter"], class_weight=p["class_weight"],
                           random_state=p["seed"])
model.fit(X, y)

os.makedirs("models", exist_ok=True)
with open("models/model.pkl", "wb") as fh:
    pickle.dump({"model": model, "features": p["features"]}, fh)
print(f"train: fitted on {len(df)} rows")
