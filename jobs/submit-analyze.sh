#!/usr/bin/env bash
# Submit provstat analyze to a Spark cluster; see jobs/submit.sh for the options.
exec "$(dirname "${BASH_SOURCE[0]}")/submit.sh" analyze "$@"
