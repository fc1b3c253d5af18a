"""Small helpers shared by the pipeline stages."""
import yaml


def load_params(section: str) -> dict:
    with open("params.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)[section]
