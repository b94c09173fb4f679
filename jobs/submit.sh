#!/usr/bin/env bash
# Submit a provstat job to a Spark cluster:
#
#   jobs/submit.sh <ingest|analyze|pipeline|COMMAND> [job options] [spark-submit options]
#
# e.g.  jobs/submit.sh pipeline --input hdfs:///data/provinces --warehouse hdfs:///provstat \
#           --master yarn --deploy-mode cluster --conf spark.executor.instances=8
#
# Runs $SPARK_HOME/bin/spark-submit with the thin jar (target/provstat-*.jar, built with
# `mvn -B -DskipTests package`) and jobs/conf/cluster.properties. These spark-submit options are
# passed through wherever they appear: --master, --deploy-mode, --conf/-c, --properties-file,
# --driver-memory, --executor-memory, --executor-cores, --num-executors, --total-executor-cores,
# --queue, --name, --jars, --files. Every other argument goes to the job (see
# jobs/provstat <job> --help). Exit code: the job's (0 only on success).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/.." && pwd)"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }

if [[ -z "${SPARK_HOME:-}" ]]; then
  echo "provstat submit: SPARK_HOME is not set: point it at a Spark 4.1 (Scala 2.13) installation," \
       "or use jobs/provstat for local mode" >&2
  exit 2
fi
if [[ ! -x "$SPARK_HOME/bin/spark-submit" ]]; then
  echo "provstat submit: $SPARK_HOME/bin/spark-submit not found (SPARK_HOME=$SPARK_HOME)" >&2
  exit 2
fi
if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" && $# -eq 1 ]]; then
  usage
  exit 2
fi

job="$1"
shift
case "$job" in
  ingest) class=io.provstat.jobs.IngestJob ;;
  analyze) class=io.provstat.jobs.AnalyzeJob ;;
  pipeline) class=io.provstat.jobs.PipelineJob ;;
  -*) echo "provstat submit: the first argument is the job (ingest, analyze, pipeline), not '$job'" >&2; exit 2 ;;
  *) class=io.provstat.cli.Provstat; set -- "$job" "$@" ;;
esac

jar="$(ls "$project"/target/provstat-*.jar 2>/dev/null | grep -v -e '-local\.jar$' -e '/original-' | sed -n 1p || true)"
if [[ -z "$jar" ]]; then
  echo "provstat submit: no thin jar in $project/target: build it with 'mvn -B -DskipTests package'" >&2
  exit 2
fi

submit_args=(--properties-file "$here/conf/cluster.properties")
job_args=()
deploy_mode=client
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master|--deploy-mode|--conf|-c|--properties-file|--driver-memory|--executor-memory|--executor-cores|\
    --num-executors|--total-executor-cores|--queue|--name|--jars|--files)
      if [[ $# -lt 2 ]]; then echo "provstat submit: $1 needs a value" >&2; exit 2; fi
      if [[ "$1" == "--deploy-mode" ]]; then deploy_mode="$2"; fi
      if [[ "$1" == "--properties-file" ]]; then submit_args[1]="$2"; else submit_args+=("$1" "$2"); fi
      shift 2 ;;
    --master=*|--deploy-mode=*|--conf=*|--properties-file=*|--driver-memory=*|--executor-memory=*|\
    --executor-cores=*|--num-executors=*|--total-executor-cores=*|--queue=*|--name=*|--jars=*|--files=*)
      if [[ "$1" == --deploy-mode=* ]]; then deploy_mode="${1#*=}"; fi
      submit_args+=("$1"); shift ;;
    *) job_args+=("$1"); shift ;;
  esac
done

if [[ "$deploy_mode" == "client" ]]; then
  # The driver runs here: provstat's quiet logging, and the progress bar only on a terminal.
  progress=false
  if [[ -t 2 ]]; then progress=true; fi
  submit_args+=(--driver-java-options "-Dlog4j2.configurationFile=file:$here/conf/log4j2.properties"
                --conf "spark.ui.showConsoleProgress=$progress")
fi

exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" --class "$class" "$jar" "${job_args[@]}"
