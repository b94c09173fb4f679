#!/usr/bin/env bash
# jobs/bench.sh: how fast is provstat analyze, against the least a Spark job can do and against DuckDB,
# and do provstat and DuckDB agree? (issue 7; a benchmark, not a test: mvn verify never runs it)
#
# For each size (10^5, 10^6, 10^7 observation rows; 10^8 with --with-1e8) it generates a warehouse once
# (jobs/provstat generate, cached under OUT/data/ by scale, seed and generator sources), then times, each --runs times and
# each as its own process on the same cores:
#   floor     Spark reads observations once and writes one Parquet copy (same jar, JVM flags, master and
#             driver memory as jobs/provstat);
#   provstat  jobs/provstat analyze --warehouse DIR, the real launcher with its default settings;
#   duckdb    every analytic table (rankings, growth, contributions, shift_share, plan_gap, scorecard,
#             reconciliation, convergence, disparities, specialisation) in DuckDB SQL over the same Parquet files (the oracle), the same work as analyze;
# then cross-checks provstat's tables against DuckDB's: a disagreement fails the run. Prints one
# table (median seconds, ratios to floor and DuckDB, peak RSS, rows per second) and writes it to
# OUT/bench-<timestamp>.csv; every process's output is kept under OUT/logs/<timestamp>/.
#
# Usage: jobs/bench.sh [--sizes 5,6,7] [--with-1e8] [--runs 3] [--out bench-results] [--seed 7]
#                      [--cores N] [--warehouse DIR] [--no-families]
#   --warehouse DIR   benchmark an existing warehouse (with observations) instead of generated ones
#   --cores N         local[N] for Spark and N DuckDB threads (default: local[*] and nproc)
#   --no-families     the oracle joins only the catalogue's concrete indicator codes, leaving out the
#                     members of its families (export_hs_0306 of export_hs_*), as analytics that do not
#                     resolve families yet do (by default it resolves them as the catalogue does)
# Environment: PROVSTAT_DRIVER_MEMORY (default jobs/provstat's 3g; 8g for 10^8), JAVA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/.." && pwd)"

sizes="5,6,7"
with_1e8=false
runs=3
out="$project/bench-results"
seed=7
cores=""
warehouse=""
families=true

die() { echo "bench: error: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) [[ $# -ge 2 ]] || die "--sizes needs a value, e.g. 5,6,7"; sizes="$2"; shift 2 ;;
    --with-1e8) with_1e8=true; shift ;;
    --runs) [[ $# -ge 2 ]] || die "--runs needs a number"; runs="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || die "--out needs a directory"; out="$2"; shift 2 ;;
    --seed) [[ $# -ge 2 ]] || die "--seed needs a number"; seed="$2"; shift 2 ;;
    --cores) [[ $# -ge 2 ]] || die "--cores needs a number"; cores="$2"; shift 2 ;;
    --warehouse) [[ $# -ge 2 ]] || die "--warehouse needs a directory"; warehouse="$2"; shift 2 ;;
    --no-families) families=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see jobs/bench.sh --help)" ;;
  esac
done

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive whole number, not '$runs'"
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a whole number, not '$seed'"
[[ -z "$cores" || "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores must be a positive whole number, not '$cores'"
IFS=',' read -r -a scales <<<"$sizes"
for s in "${scales[@]}"; do
  [[ "$s" =~ ^[5-8]$ ]] || die "--sizes takes exponents 5..8 (10^5..10^8 rows), not '$s'"
done
if $with_1e8 && [[ ! " ${scales[*]} " =~ " 8 " ]]; then scales+=(8); fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [[ -n "$warehouse" ]]; then
  [[ -d "$warehouse/observations" ]] || die "no observations table in '$warehouse'"
  warehouse="$(cd "$warehouse" && pwd)"
fi

# The same cores for every engine: Spark's local[N] and DuckDB's threads.
threads="${cores:-$(nproc)}"
master="local[${cores:-*}]"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
logs="$out/logs/$stamp"
work="$out/work"
mkdir -p "$logs" "$work"
raw="$logs/raw.csv"
echo "size,rows,step,run,wall_s,in_process_s,rss_kib" >"$raw"

# --- Build: the product jars and, under the bench profile, the harness and the DuckDB driver. -------
marker="$project/target/bench-classes/.built"
if [[ ! -f "$marker" ]] || [[ -z "$(ls "$project"/target/provstat-*-local.jar 2>/dev/null)" ]] \
    || [[ -n "$(find "$project/src/main" "$project/src/bench" "$project/pom.xml" -newer "$marker" -print -quit)" ]]; then
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build the jar and the harness"
  echo "bench: building (mvn -q -B -Pbench -Dmaven.test.skip=true package)..." >&2
  if ! (cd "$project" && mvn -q -B -Pbench -Dmaven.test.skip=true package) >"$logs/build.log" 2>&1; then
    tail -n 40 "$logs/build.log" >&2
    die "the build failed (log: $logs/build.log)"
  fi
  touch "$marker"
fi
jar="$(ls "$project"/target/provstat-*-local.jar | sed -n 1p)"
duckdb_jar="$(ls "$project"/target/bench-lib/duckdb_jdbc-*.jar 2>/dev/null | sed -n 1p)"
[[ -n "$duckdb_jar" ]] || die "no DuckDB driver under target/bench-lib (the bench profile build copies it there)"
bench_cp="$jar:$project/target/bench-classes:$duckdb_jar"

java_cmd="java"
if [[ -n "${JAVA_HOME:-}" ]]; then java_cmd="$JAVA_HOME/bin/java"; fi
mapfile -t jvm_flags < <(grep -v '^[[:space:]]*\(#\|$\)' "$here/conf/java17-flags")
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# Driver memory as jobs/provstat uses it: its default, except 8 GiB for 10^8 rows.
memory_for() {
  if [[ -n "${PROVSTAT_DRIVER_MEMORY:-}" ]]; then echo "$PROVSTAT_DRIVER_MEMORY"
  elif [[ "$1" == 8 ]]; then echo 8g
  else echo 3g; fi
}

# A JVM launched exactly as jobs/provstat launches its own (flags, master, logging); the heap follows.
# The batch JVM's collector too (jobs/provstat runs analyze on the Parallel GC), so the floor differs
# from analyze only in its work.
harness=("$java_cmd" "${jvm_flags[@]}" -XX:+UseParallelGC -Dspark.master="$master" -Dspark.ui.showConsoleProgress=false
  -Dlog4j2.configurationFile="$here/conf/log4j2.properties" ${PROVSTAT_JAVA_OPTS:-} -cp "$bench_cp")

# timed LOG COMMAND...: runs COMMAND as its own process, output to LOG; sets wall_s and rss_kib (its
# peak resident set: the driver's, in local mode the whole JVM). Fails the run, loudly, if it fails.
timed() {
  local log="$1"; shift
  local rc=0
  if [[ -x /usr/bin/time ]]; then
    local tfile="$log.time"
    /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$log" 2>&1 || rc=$?
    if [[ $rc -eq 0 ]]; then read -r wall_s rss_kib < <(tail -n 1 "$tfile"); fi
  else
    # No GNU time: wall clock from date, peak RSS from the kernel's high-water mark, polled until exit.
    local t0 t1 hwm
    t0="$(date +%s.%N)"
    "$@" >"$log" 2>&1 &
    local pid=$!
    rss_kib=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
      if [[ -n "$hwm" ]] && (( hwm > rss_kib )); then rss_kib="$hwm"; fi
      sleep 0.2
    done
    wait "$pid" || rc=$?
    t1="$(date +%s.%N)"
    wall_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')"
  fi
  if [[ $rc -ne 0 ]]; then
    echo "bench: FAILED (exit $rc): $*" >&2
    echo "----- last lines of $log -----" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

# The seconds a job reported for its own work ("done in X s"), without JVM and Spark start-up.
in_process() { grep -o 'done in [0-9.]* s' "$1" | tail -n 1 | awk '{print $3}' || true; }

# --- Warehouses: generated once per scale and seed, reused across runs and invocations. --------------
declare -a labels=() dirs=() mems=()
if [[ -n "$warehouse" ]]; then
  labels+=("$(basename "$warehouse")"); dirs+=("$warehouse"); mems+=("$(memory_for 0)")
else
  if ! PROVSTAT_DRIVER_MEMORY=1g "$here/provstat" generate --help >/dev/null 2>&1; then
    die "this build of provstat has no 'generate' command (it comes with branch h7-generator);" \
      "benchmark an existing warehouse with --warehouse DIR"
  fi
  # What the generated data depends on: a cached warehouse made by another generator is made again.
  # The panel is published through ingest's path, so ingest's staging and deduplication count too.
  fingerprint="$(cat "$project"/src/main/java/io/provstat/synthetic/*.java "$project"/src/main/java/io/provstat/jobs/GenerateJob.java \
    "$project"/src/main/java/io/provstat/ingest/{Ingestion,Deduplication,StagedRecords,IngestTransforms}.java \
    "$project"/src/main/resources/io/provstat/reference/*.csv 2>/dev/null | cksum | awk '{print $1}')"
  for s in "${scales[@]}"; do
    dir="$out/data/scale$s-seed$seed"
    if [[ "$(cat "$dir/.bench-complete" 2>/dev/null || true)" != "$fingerprint" ]]; then
      rm -rf "$dir"
      echo "bench: generating 10^$s observation rows (seed $seed) into $dir..." >&2
      PROVSTAT_DRIVER_MEMORY="$(memory_for "$s")" PROVSTAT_MASTER="$master" \
        timed "$logs/generate-1e$s.log" "$here/provstat" generate --out "$dir" --scale "$s" --seed "$seed" \
        --format warehouse
      echo "bench: generated in ${wall_s} s" >&2
      echo "$fingerprint" >"$dir/.bench-complete"
    fi
    labels+=("1e$s"); dirs+=("$dir"); mems+=("$(memory_for "$s")")
  done
fi

{
  echo "bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), provstat $(git -C "$project" rev-parse --short HEAD 2>/dev/null || echo '?')," \
    "$(nproc) cores on this machine, Spark master $master, DuckDB threads $threads, runs $runs"
  echo "bench: $("$java_cmd" -version 2>&1 | sed -n 1p); logs in $logs"
} | tee "$logs/about.txt"

failed=()
for i in "${!labels[@]}"; do
  label="${labels[$i]}"; wh="${dirs[$i]}"; memory="${mems[$i]}"
  oracle="$work/$label-duckdb"; floor_out="$work/$label-floor"
  rows=""
  declare -a lines=()
  for ((run = 1; run <= runs; run++)); do
    # The three steps interleave, so a noisy neighbour on a shared machine spreads over all of them.
    rm -rf "$floor_out"
    timed "$logs/$label-floor-$run.log" "${harness[@]}" -Xmx"$memory" io.provstat.bench.FloorJob "$wh" "$floor_out"
    lines+=("floor,$run,$wall_s,$(in_process "$logs/$label-floor-$run.log"),$rss_kib")
    echo "bench: $label run $run floor ${wall_s} s, ${rss_kib} KiB" >&2
    rm -rf "$floor_out"

    PROVSTAT_DRIVER_MEMORY="$memory" PROVSTAT_MASTER="$master" \
      timed "$logs/$label-provstat-$run.log" "$here/provstat" analyze --warehouse "$wh"
    lines+=("provstat,$run,$wall_s,$(in_process "$logs/$label-provstat-$run.log"),$rss_kib")
    echo "bench: $label run $run provstat ${wall_s} s, ${rss_kib} KiB" >&2

    timed "$logs/$label-duckdb-$run.log" "${harness[@]}" -Xmx"$memory" -Dprovstat.bench.families="$families" \
      io.provstat.bench.DuckDbAnalytics "$wh" "$oracle" "$threads"
    lines+=("duckdb,$run,$wall_s,$(in_process "$logs/$label-duckdb-$run.log"),$rss_kib")
    echo "bench: $label run $run duckdb ${wall_s} s, ${rss_kib} KiB" >&2
    rows="$(sed -n 's/^duckdb: observations \([0-9]*\) rows.*/\1/p' "$logs/$label-duckdb-$run.log" | sed -n 1p)"
  done
  [[ -n "$rows" ]] || die "could not read the number of observation rows from $logs/$label-duckdb-1.log"
  for line in "${lines[@]}"; do echo "$label,$rows,$line" >>"$raw"; done
  unset lines

  # provstat's tables are those of its last run; the oracle's those of DuckDB's last run.
  echo "bench: $label: cross-checking provstat against the DuckDB oracle..." >&2
  if ! "${harness[@]}" -Xmx2g io.provstat.bench.CrossCheck "$wh" "$oracle" "$threads" 2>&1 \
      | grep -v 'WARNING: Using incubator modules' | tee "$logs/$label-crosscheck.log"; then
    failed+=("$label")
  fi
  grep -h '^duckdb: .*famil' "$logs/$label-duckdb-1.log" || true
  grep -h '^duckdb: seconds per table' "$logs/$label-duckdb-$runs.log" | sed "s/^duckdb:/bench: $label duckdb/" || true
done

csv="$out/bench-$stamp.csv"
echo
"${harness[@]}" -Xmx1g io.provstat.bench.Report "$raw" "$csv" 2> >(grep -v 'WARNING: Using incubator modules' >&2)
echo
echo "seconds: median wall time of $runs runs of the whole process (JVM and Spark start-up included);"
echo "in_process_s: the job's own 'done in' time; x_floor, x_duckdb: seconds over the floor's and DuckDB's."
echo "cross-checked: every analytic table (rankings, growth, contributions, shift_share, plan_gap, scorecard,"
echo "  reconciliation, convergence, disparities, specialisation), every column, boundaries=published (analyze's default); DuckDB's seconds cover them all;"
if $families; then
  echo "  the oracle resolves members of catalogue families (export_hs_*) as the catalogue does."
else
  echo "  --no-families: the oracle left out members of catalogue families (export_hs_*)."
fi
echo "bench: table written to $csv"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "bench: FAILED: provstat and the DuckDB oracle DISAGREE at ${failed[*]} (see the cross-check above and" \
    "$logs/*-crosscheck.log)" >&2
  exit 1
fi
