package io.provstat.jobs;

import picocli.CommandLine.Option;

/** Options of the batch commands (ingest, analyze, pipeline, generate). */
public final class BatchOptions {

  public static final String OPTION_QUIET = "--quiet";

  @Option(names = {"-q", OPTION_QUIET},
      description = "Print only warnings, errors and the one-line result (no summary table, notes or progress).")
  boolean quiet;

  public boolean quiet() {
    return quiet;
  }
}
