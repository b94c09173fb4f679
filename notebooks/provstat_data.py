"""Data access for the provstat notebooks: the warehouse's tables as pandas DataFrames.

Three ways to read, chosen once per kernel:

- PySpark, when it can be imported: every table folder of the warehouse is read as Parquet and
  registered as a view, and queries run in that Spark session.
- Otherwise the provstat launcher on DuckDB (backend ``duckdb``): ``jobs/provstat sql --engine duckdb
  --warehouse W --format json --limit 0 QUERY`` in a subprocess, about a second and a half a query
  JVM start included, no Spark, so the notebooks also work where only Java is installed.
- Backend ``cli``: the same launcher on Spark (``--engine spark``), one Spark application a query
  (20-30 s each), for a warehouse DuckDB cannot read or to compare the engines.

Either way ``query(sql)`` returns a DataFrame with the result's columns (also when it has no rows),
and ``table(name)`` the whole table, cached for the kernel's life. Only the launcher paths are
read-only by construction (jobs/provstat sql refuses anything but queries).

Settings (environment):
  PROVSTAT_WAREHOUSE  the warehouse folder, absolute or relative to the project (default:
                      warehouse/reports, the published figures; warehouse/synthetic holds the
                      invented panel)
  PROVSTAT_BACKEND    pyspark, duckdb or cli, to choose instead of the automatic choice
  PROVSTAT_LAUNCHER   the launcher to run (default: ../jobs/provstat)
"""

import csv
import io
import json
import os
import subprocess

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
REFERENCE = os.path.join(PROJECT, "src", "main", "resources", "io", "provstat", "reference")

_tables = {}
_spark = None
_backend = None


class QueryError(RuntimeError):
    """A query the warehouse could not answer; the message is provstat's or Spark's."""


def warehouse():
    """The warehouse folder, absolute; an error naming it if there is none."""
    # Relative to the project, like the README's paths: a kernel's working folder is notebooks/.
    path = os.path.join(PROJECT, os.environ.get("PROVSTAT_WAREHOUSE") or os.path.join("warehouse", "reports"))
    path = os.path.abspath(path)
    if not os.path.isdir(path):
        raise FileNotFoundError(
            f"no warehouse at {path}: build one with 'jobs/provstat pipeline --input sample-data "
            f"--warehouse warehouse/reports --synthetic-warehouse warehouse/synthetic' in {PROJECT}, "
            f"or set PROVSTAT_WAREHOUSE")
    return path


_synthetic = None


def is_synthetic():
    """Whether the warehouse holds synthetic (invented) figures rather than published ones.

    provstat never puts both in one warehouse (a file is real or synthetic as a whole, and pipeline
    sends each kind to its own warehouse), so one look at the observations' ``document`` decides;
    a warehouse holding both would be a bug upstream, and is refused here rather than mislabelled.
    """
    global _synthetic
    if _synthetic is None:
        # coalesce: DuckDB's count_if is NULL when every document is NULL (a warehouse of GSO tables).
        counts = query("SELECT coalesce(count_if(lower(trim(document)) LIKE 'synthetic%'), 0) AS synthetic, "
                       "count(*) AS total FROM observations")
        synthetic, total = int(counts["synthetic"].iloc[0]), int(counts["total"].iloc[0])
        if 0 < synthetic < total:
            raise ValueError(f"{warehouse()} mixes {synthetic} synthetic and {total - synthetic} real "
                             "observations; provstat keeps them in separate warehouses")
        _synthetic = total > 0 and synthetic == total
    return _synthetic


def provenance_label():
    """What the figures are, for every chart title: synthetic charts must never pass for statistics."""
    return "synthetic figures (invented, for demonstration)" if is_synthetic() else "published figures"


def title(text):
    """A chart title that says on its first line whether the figures are real or invented."""
    return f"[{provenance_label()}]\n{text}"


def table_names():
    """Folders of the warehouse that are tables (not _staging, _lock, ...), sorted."""
    root = warehouse()
    return sorted(n for n in os.listdir(root)
                  if os.path.isdir(os.path.join(root, n)) and not n.startswith(("_", ".")))


def backend():
    """'pyspark', 'duckdb' (jobs/provstat sql --engine duckdb) or 'cli' (--engine spark), chosen on first use."""
    global _backend
    if _backend is None:
        chosen = os.environ.get("PROVSTAT_BACKEND", "").strip().lower()
        if chosen not in ("", "pyspark", "duckdb", "cli"):
            raise ValueError(f"PROVSTAT_BACKEND must be pyspark, duckdb or cli, not {chosen!r}")
        if not chosen:
            try:
                import pyspark  # noqa: F401
                chosen = "pyspark"
            except ImportError:
                chosen = "duckdb"
        _backend = chosen
    return _backend


def describe():
    """One line saying where the data comes from, for the top of a notebook."""
    engine = "DuckDB" if backend() == "duckdb" else "Spark"
    how = ("PySpark, reading the Parquet tables directly" if backend() == "pyspark"
           else f"{launcher()} sql on {engine} (PySpark is not installed here)" if _pyspark_missing()
           else f"{launcher()} sql on {engine}")
    kind = ("SYNTHETIC figures: invented (provstat generate, demo reports) for demonstration only, not statistics"
            if is_synthetic() else "published figures (as keyed from provincial reports and GSO tables)")
    return f"{kind}\nwarehouse {warehouse()} ({', '.join(table_names())}); read with {how}"


def _pyspark_missing():
    try:
        import pyspark  # noqa: F401
        return False
    except ImportError:
        return True


def launcher():
    return os.environ.get("PROVSTAT_LAUNCHER") or os.path.join(PROJECT, "jobs", "provstat")


def query(sql):
    """The result of one read-only SQL query over the warehouse's tables, as a DataFrame."""
    if backend() == "pyspark":
        return _session().sql(sql).toPandas()
    rows = _run_sql(sql, "json", limit=0)
    if rows.strip():
        records = [json.loads(line) for line in rows.splitlines() if line.strip()]
        return pd.DataFrame.from_records(records, columns=list(records[0].keys()))
    # No rows: JSON lines carry no column names, a CSV header does.
    header = next(csv.reader(io.StringIO(_run_sql(sql, "csv", limit=1))), [])
    return pd.DataFrame(columns=header)


def table(name, boundaries="published"):
    """A whole table (the rows of one set of boundaries for the analytic tables), cached."""
    if name not in _tables:
        _tables[name] = query(f"SELECT * FROM {name}")
    frame = _tables[name]
    if boundaries is not None and "boundaries" in frame.columns:
        frame = frame[frame["boundaries"] == boundaries]
    return frame.reset_index(drop=True).copy()


def _run_sql(sql, fmt, limit):
    engine = "duckdb" if backend() == "duckdb" else "spark"
    # Full precision in: the notebooks compute with the figures and round only to show them (shown()).
    command = [launcher(), "sql", "--engine", engine, "--warehouse", warehouse(), "--format", fmt,
               "--limit", str(limit), "--decimals", "full", sql]
    done = subprocess.run(command, capture_output=True, timeout=900, cwd=PROJECT)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        lines = [l for l in err.splitlines() if l.startswith("provstat")] or err.splitlines()[-3:]
        raise QueryError(f"jobs/provstat sql exited {done.returncode}: " + " | ".join(lines))
    return done.stdout.decode("utf-8")


def _session():
    global _spark
    if _spark is None:
        from pyspark.sql import SparkSession
        _spark = SparkSession.builder.appName("provstat-notebook").getOrCreate()
        root = warehouse()
        for name in table_names():
            try:
                _spark.read.parquet(os.path.join(root, name)).createOrReplaceTempView(name)
            except Exception as e:  # an empty or foreign folder: not a table
                print(f"provstat_data: {name} is not readable as Parquet, skipped ({str(e).splitlines()[0]})")
    return _spark


def _reference(name):
    with open(os.path.join(REFERENCE, name), encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False)


def regions():
    """Region code -> Vietnamese name (VN: Cả nước)."""
    frame = _reference("regions.csv")
    return dict(zip(frame["code"], frame["name_vi"]))


def indicators():
    """Indicator code -> Vietnamese name, from the catalogue."""
    frame = _reference("indicators.csv")
    return dict(zip(frame["code"], frame["name_vi"]))


def indicator_units():
    frame = _reference("indicators.csv")
    return dict(zip(frame["code"], frame["unit"]))


def setup_plots():
    """matplotlib with a font that has every Vietnamese letter (DejaVu Sans), set explicitly."""
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font_manager.findfont("DejaVu Sans", fallback_to_default=False)  # fails loudly if absent
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    matplotlib.rcParams["figure.dpi"] = 100
    matplotlib.rcParams["axes.grid"] = True
    matplotlib.rcParams["grid.alpha"] = 0.3
    return plt


def say(message):
    """A short note in the notebook where a chart or table has no data (run-all.sh lists them)."""
    print("Note: " + message)


DECIMALS = int(os.environ.get("PROVSTAT_DECIMALS", "2"))


def shown(value, decimals=None):
    """A stored (full-precision) figure as text for display: half-up on the decimal value as printed
    (0.625 -> 0.63), as provstat's own output rounds; pandas' round() is half-even on the binary value."""
    import decimal
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    places = DECIMALS if decimals is None else decimals
    quantum = decimal.Decimal(1).scaleb(-places)
    rounded = decimal.Decimal(repr(float(value))).quantize(quantum, rounding=decimal.ROUND_HALF_UP)
    return format(rounded + 0, "f")  # + 0 turns -0.00 into 0.00


# Tables keep full precision; every DataFrame a notebook displays shows figures rounded here.
pd.set_option("display.float_format", shown)
