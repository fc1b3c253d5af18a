import csv, random, sys, yaml, os
p = yaml.safe_load(open("params.yaml"))["prepare"]
rows = list(csv.DictReader(open("data/raw.csv")))
random.Random(p["seed"]).shuffle(rows)
k = int(len(rows) * p["split"])
os.makedirs("data/prepared", exist_ok=True)
for name, part in (("test", rows[:k]), ("train", rows[k:])):
    with open(f"data/prepared/{name}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=rows[0].keys()); w.writeheader(); w.writerows(part)
