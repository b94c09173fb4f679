#!/usr/bin/env bash
# Executes every notebook (notebooks/[0-9]*.ipynb) headless, failing on any cell error.
#
#   notebooks/run-all.sh [--warehouse DIR | INPUT...]
#
# With --warehouse, against that warehouse; otherwise it first builds a fresh one from the INPUTs
# (files or folders for jobs/provstat pipeline; default: sample-data) in a temporary folder.
# The committed notebooks are checked to carry no outputs and are never changed: the executed
# copies and every chart as a PNG go to $PROVSTAT_NOTEBOOK_OUT (default: a new temporary folder),
# and a summary lists the charts of each notebook. A chart whose text needs a glyph the font lacks
# (a Vietnamese letter drawn as a box) fails the run too.
#
# Needs Debian's Jupyter, pandas and matplotlib (apt-get install jupyter-nbconvert python3-nbclient
# python3-ipykernel python3-pandas python3-matplotlib fonts-dejavu-core); /usr/bin/jupyter and
# /usr/bin/python3 are called explicitly, since another python3 may come first on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/.." && pwd)"
jupyter="${PROVSTAT_JUPYTER:-/usr/bin/jupyter}"
python="${PROVSTAT_PYTHON:-/usr/bin/python3}"

warehouse=""
inputs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warehouse) warehouse="${2:?--warehouse needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [[ -n "$warehouse" && ${#inputs[@]} -gt 0 ]]; then
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
if [[ -z "$warehouse" ]]; then
  warehouse="$out/warehouse"
  rm -rf "$warehouse"
  echo "== warehouse from ${inputs[*]}"
  (cd "$project" && jobs/provstat pipeline --input "${inputs[@]}" --warehouse "$warehouse" >"$out/pipeline.log" 2>&1) || {
    cat "$out/pipeline.log" >&2; echo "run-all: the pipeline failed" >&2; exit 1; }
  grep -E "^  (total|observations:|tables \(rows\))" "$out/pipeline.log" || true
fi
warehouse="$(cd "$warehouse" && pwd)"

status=0
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  start=$SECONDS
  if PROVSTAT_WAREHOUSE="$warehouse" "$jupyter" nbconvert --to notebook --execute \
      --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=python3 \
      --output-dir "$out" "$notebook" >"$out/${name%.ipynb}.log" 2>&1; then
    echo "== $name: executed in $((SECONDS - start)) s"
  else
    echo "== $name: FAILED after $((SECONDS - start)) s" >&2
    tail -n 40 "$out/${name%.ipynb}.log" >&2
    status=1
  fi
done
[[ $status -eq 0 ]] || { echo "run-all: a notebook failed; executed copies in $out" >&2; exit 1; }

echo "== charts (PNG files in $out)"
executed=()
for notebook in "${notebooks[@]}"; do executed+=("$out/$(basename "$notebook")"); done
"$python" "$here/nbcheck.py" charts "${executed[@]}"
echo "== all ${#notebooks[@]} notebooks ran without a cell error against $warehouse"
