#!/usr/bin/env bash
# Submit provstat pipeline to a Spark cluster; see jobs/submit.sh for the options.
exec "$(dirname "${BASH_SOURCE[0]}")/submit.sh" pipeline "$@"
