#!/usr/bin/env python3
"""SkillGraph for analysts: three whole-graph questions from the service's exports, a chart each.

    python3 overlap.py [BASE_URL] [--out DIR] [--target ROLE_KEY]

BASE_URL defaults to $SKILLGRAPH_URL, then http://localhost:4000; $SKILLGRAPH_API_KEY, when set, is sent
as a bearer key. The steps are the cells a notebook would have:

1. /export/overlap.csv?roles=all -> which roles overlap most (Jaccard, off the diagonal); a heatmap.
2. /export/skill-demand.csv       -> which skills are shared by most roles (top 10); a bar chart.
3. /export/gaps-to.csv?role=...   -> how many hours from each role to the target role; a bar chart.
4. /export/graph.graphml          -> nodes and edges by type, read with networkx (a sanity check).

Each download is saved in DIR/data and read from there. Requests go one at a time (the service runs one
export per client at a time); a 429 RATE_LIMITED or 503 SERVICE_BUSY is retried after its Retry-After,
a few times at most. Any other HTTP error, or a download broken off, exits with status 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

RETRIED_STATUSES = {429, 503}
MAX_ATTEMPTS = 5
MAX_WAIT_SECONDS = 60
TOP = 10


class ExportError(Exception):
    """An HTTP error answer, a refused connection or a download broken off."""


def download(base_url: str, path: str, destination: Path, api_key: str | None) -> Path:
    """GETs base_url + path into destination, retrying 429 and 503 after their Retry-After (bounded)."""
    url = base_url.rstrip("/") + path
    headers = {"accept": "*/*", "user-agent": "skillgraph-analyst-example"}
    if api_key:
        headers["authorization"] = f"Bearer {api_key}"
    for attempt in range(1, MAX_ATTEMPTS + 1):
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                partial = destination.with_suffix(destination.suffix + ".partial")
                with open(partial, "wb") as out:
                    shutil.copyfileobj(response, out)
                partial.replace(destination)
                return destination
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            code = error_code(body)
            if error.code in RETRIED_STATUSES and attempt < MAX_ATTEMPTS:
                wait = retry_after(error.headers.get("retry-after"))
                print(
                    f"  {path}: {error.code} {code or ''}, retrying in {wait} s ({attempt}/{MAX_ATTEMPTS})",
                    file=sys.stderr,
                )
                time.sleep(wait)
                continue
            raise ExportError(f"GET {url}: HTTP {error.code} {code or ''}\n{body[:500]}") from error
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            # No connection, or the download broken off (IncompleteRead, a reset): never a short file.
            raise ExportError(f"GET {url}: {error!r}") from error
    raise ExportError(f"GET {url}: still refused after {MAX_ATTEMPTS} attempts")


def retry_after(header: str | None) -> int:
    try:
        seconds = int(header or "1")
    except ValueError:
        seconds = 1
    return min(max(seconds, 1), MAX_WAIT_SECONDS)


def error_code(body: str) -> str | None:
    """The extensions.code of a JSON { errors } answer, if it is one."""
    try:
        return json.loads(body)["errors"][0]["extensions"]["code"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None


# 1. Which roles overlap most?
def role_overlap(csv_path: Path, out_dir: Path) -> tuple[pd.DataFrame, pd.Series]:
    table = pd.read_csv(csv_path, index_col="key")
    names = table["name"]
    matrix = table.drop(columns="name")
    matrix = matrix.sort_index().sort_index(axis=1)
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("overlap.csv: the rows and columns are not the same roles")
    keys = matrix.index.to_numpy()
    values = matrix.to_numpy(dtype=float)
    i, j = np.triu_indices(len(keys), k=1)  # every unordered pair once, off the diagonal
    pairs = pd.DataFrame({"a": keys[i], "b": keys[j], "jaccard": values[i, j]})
    # Highest first; ties by the first role's key, then the second's (a < b: the keys are sorted).
    pairs = pairs.sort_values(["jaccard", "a", "b"], ascending=[False, True, True], kind="stable")

    size = max(6.0, min(0.35 * len(keys), 40.0))
    fig, ax = plt.subplots(figsize=(size + 2, size))
    image = ax.imshow(values, cmap="viridis", vmin=0, vmax=1)
    if len(keys) <= 60:
        ax.set_xticks(range(len(keys)), keys, rotation=90, fontsize=7)
        ax.set_yticks(range(len(keys)), keys, fontsize=7)
    fig.colorbar(image, ax=ax, label="Jaccard index")
    ax.set_title(f"Role overlap (Jaccard), {len(keys)} roles")
    fig.tight_layout()
    fig.savefig(out_dir / "overlap-heatmap.png", dpi=100)
    plt.close(fig)
    return pairs, names


# 2. Which skills are shared by most roles?
def skill_demand(csv_path: Path, out_dir: Path) -> pd.DataFrame:
    demand = pd.read_csv(csv_path).sort_values("rank").head(TOP)
    fig, ax = plt.subplots(figsize=(8, 5))
    labels = demand["name"][::-1]
    ax.barh(labels, demand["essential"][::-1], label="essential")
    ax.barh(labels, demand["optional"][::-1], left=demand["essential"][::-1], label="optional")
    ax.set_xlabel("roles requiring it")
    ax.set_title(f"The {len(demand)} skills most roles require")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out_dir / "skill-demand.png", dpi=100)
    plt.close(fig)
    return demand


# 3. How many hours from each role to the target?
def gaps_to(csv_path: Path, target_name: str, out_dir: Path) -> pd.DataFrame:
    gaps = pd.read_csv(csv_path).sort_values("rank")
    fig, ax = plt.subplots(figsize=(8, max(4.0, 0.3 * len(gaps))))
    ax.barh(gaps["name"][::-1], gaps["hours"][::-1])
    ax.set_xlabel("learning hours")
    ax.set_title(f"Hours from each role to {target_name}")
    fig.tight_layout()
    fig.savefig(out_dir / "gaps-to.png", dpi=100)
    plt.close(fig)
    return gaps


# 4. The whole graph in networkx.
def graph_counts(graphml_path: Path) -> tuple[nx.MultiDiGraph, dict[str, int], dict[str, int]]:
    graph = nx.read_graphml(graphml_path, force_multigraph=True)
    nodes = pd.Series([data.get("type", "?") for _, data in graph.nodes(data=True)]).value_counts()
    edges = pd.Series([data.get("type", "?") for _, _, data in graph.edges(data=True)]).value_counts()
    return graph, nodes.sort_index().to_dict(), edges.sort_index().to_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "base_url",
        nargs="?",
        default=os.environ.get("SKILLGRAPH_URL", "http://localhost:4000"),
        help="the service (default: $SKILLGRAPH_URL or http://localhost:4000)",
    )
    parser.add_argument("--out", "-o", default="analyst-output", help="where the charts and downloads go")
    parser.add_argument("--target", default="mlops-engineer", help="the role of question 3, by key")
    args = parser.parse_args(argv)

    out_dir = Path(args.out)
    data_dir = out_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    api_key = os.environ.get("SKILLGRAPH_API_KEY") or None
    target = urllib.parse.quote(args.target)

    def get(path: str, file_name: str) -> Path:
        return download(args.base_url, path, data_dir / file_name, api_key)

    try:
        overlap_csv = get("/export/overlap.csv?roles=all", "overlap.csv")
        demand_csv = get("/export/skill-demand.csv", "skill-demand.csv")
        gaps_csv = get(f"/export/gaps-to.csv?role={target}", "gaps-to.csv")
        graphml = get("/export/graph.graphml", "graph.graphml")
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    pairs, names = role_overlap(overlap_csv, out_dir)
    print(f"Which roles overlap most ({len(names)} roles, Jaccard index, off the diagonal):")
    for place, row in enumerate(pairs.head(TOP).itertuples(index=False), start=1):
        print(f"  {place}. {row.a} & {row.b} ({names[row.a]} & {names[row.b]}): {row.jaccard:.4f}")

    demand = skill_demand(demand_csv, out_dir)
    print("\nWhich skills are shared by most roles:")
    for row in demand.itertuples(index=False):
        print(f"  {row.rank}. {row.key} ({row.name}): {row.roles} roles, {row.essential} essential, {row.optional} optional")

    target_name = names.get(args.target, args.target)
    gaps = gaps_to(gaps_csv, target_name, out_dir)
    print(f"\nHow many hours from each role to {target_name} ({args.target}):")
    for row in gaps.itertuples(index=False):
        print(f"  {row.key} ({row.name}): {row.hours} h, coverage {row.coverage:.2f}")

    graph, node_types, edge_types = graph_counts(graphml)
    print(f"\nGraphML in networkx: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print("  nodes: " + ", ".join(f"{kind} {count}" for kind, count in node_types.items()))
    print("  edges: " + ", ".join(f"{kind} {count}" for kind, count in edge_types.items()))

    print(f"\nCharts in {out_dir}: overlap-heatmap.png, skill-demand.png, gaps-to.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
