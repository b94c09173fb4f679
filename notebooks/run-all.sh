#!/usr/bin/env bash
# Executes every notebook (notebooks/[0-9]*.ipynb) headless against each warehouse, failing on any
# cell error.
#
#   notebooks/run-all.sh [--warehouse DIR]... | [INPUT...]
#
# With --warehouse (repeatable), against each warehouse given; otherwise it first builds both
# warehouses from the INPUTs (files or folders; default: sample-data) with jobs/provstat pipeline
# --synthetic-warehouse in a temporary folder, real figures in reports/ and synthetic ones in
# synthetic/, and runs against each that was built.
# The committed notebooks are checked to carry no outputs and are never changed: the executed
# copies and every chart as a PNG go to a subfolder per warehouse (named after the warehouse's
# folder) of $PROVSTAT_NOTEBOOK_OUT (default: a new temporary folder), and a summary lists the
# charts of each notebook. A chart whose text needs a glyph the font lacks (a Vietnamese letter
# drawn as a box) fails the run too.
#
# Needs Debian's Jupyter, pandas and matplotlib (apt-get install jupyter-nbconvert python3-nbclient
# python3-ipykernel python3-pandas python3-matplotlib fonts-dejavu-core); /usr/bin/jupyter and
# /usr/bin/python3 are called explicitly, since another python3 may come first on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/.." && pwd)"
jupyter="${PROVSTAT_JUPYTER:-/usr/bin/jupyter}"
python="${PROVSTAT_PYTHON:-/usr/bin/python3}"

warehouses=()
inputs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warehouse) warehouses+=("${2:?--warehouse needs a folder}"); shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [[ ${#warehouses[@]} -gt 0 && ${#inputs[@]} -gt 0 ]]; then
  echo "run-all: give --warehouse or inputs, not both" >&2; exit 2
fi
[[ ${#inputs[@]} -gt 0 ]] || inputs=(sample-data)

for tool in "$jupyter" "$python"; do
  if [[ ! -x "$tool" ]]; then
    echo "run-all: $tool not found: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel" \
      "python3-pandas python3-matplotlib fonts-dejavu-core" >&2
    exit 2
  fi
done

shopt -s nullglob
notebooks=("$here"/[0-9]*.ipynb)
[[ ${#notebooks[@]} -gt 0 ]] || { echo "run-all: no notebooks in $here" >&2; exit 2; }

echo "== notebooks are committed without outputs"
"$python" "$here/nbcheck.py" clean "${notebooks[@]}"

out="${PROVSTAT_NOTEBOOK_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/provstat-notebooks.XXXXXX")}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [[ ${#warehouses[@]} -eq 0 ]]; then
  # Real and synthetic inputs each get a warehouse of their own, never one mixing both.
  built="$out/warehouse"
  rm -rf "$built"
  echo "== warehouses from ${inputs[*]}"
  (cd "$project" && jobs/provstat pipeline --input "${inputs[@]}" --warehouse "$built/reports" \
      --synthetic-warehouse "$built/synthetic" >"$out/pipeline.log" 2>&1) || {
    cat "$out/pipeline.log" >&2; echo "run-all: the pipeline failed" >&2; exit 1; }
  grep -E "^(provstat ingest: run|  (total|observations:|tables \(rows\)))" "$out/pipeline.log" || true
  # pipeline leaves out a warehouse whose kind of input is absent (only real inputs, say).
  for kind in reports synthetic; do
    [[ ! -d "$built/$kind/observations" ]] || warehouses+=("$built/$kind")
  done
  [[ ${#warehouses[@]} -gt 0 ]] || { echo "run-all: the pipeline built no warehouse" >&2; exit 1; }
fi

resolved=()
declare -A seen=()
for warehouse in "${warehouses[@]}"; do
  [[ -d "$warehouse" ]] || { echo "run-all: no warehouse at $warehouse" >&2; exit 2; }
  warehouse="$(cd "$warehouse" && pwd)"
  name="$(basename "$warehouse")"
  # Each warehouse's executed copies and PNGs go to a folder of its name, which must be unique.
  [[ -z "${seen[$name]:-}" ]] || { echo "run-all: two warehouses named $name; give folders with distinct names" >&2; exit 2; }
  seen[$name]=1
  resolved+=("$warehouse")
done

status=0
for warehouse in "${resolved[@]}"; do
  target="$out/$(basename "$warehouse")"
  mkdir -p "$target"
  echo "== warehouse $warehouse (executed copies and charts in $target)"
  for notebook in "${notebooks[@]}"; do
    name="$(basename "$notebook")"
    start=$SECONDS
    if PROVSTAT_WAREHOUSE="$warehouse" "$jupyter" nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=python3 \
        --output-dir "$target" "$notebook" >"$target/${name%.ipynb}.log" 2>&1; then
      echo "   $name: executed in $((SECONDS - start)) s"
    else
      echo "   $name: FAILED after $((SECONDS - start)) s" >&2
      tail -n 40 "$target/${name%.ipynb}.log" >&2
      status=1
    fi
  done
done
[[ $status -eq 0 ]] || { echo "run-all: a notebook failed; executed copies in $out" >&2; exit 1; }

for warehouse in "${resolved[@]}"; do
  target="$out/$(basename "$warehouse")"
  echo "== charts of $warehouse (PNG files in $target)"
  executed=()
  for notebook in "${notebooks[@]}"; do executed+=("$target/$(basename "$notebook")"); done
  "$python" "$here/nbcheck.py" charts "${executed[@]}" || status=1
done
[[ $status -eq 0 ]] || exit 1
echo "== all ${#notebooks[@]} notebooks ran without a cell error against ${#resolved[@]} warehouse(s): ${resolved[*]}"
