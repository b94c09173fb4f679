package io.provstat.jobs;

import picocli.CommandLine.Option;

/** Options every job takes. */
public final class CommonOptions {

  public static final String OPTION_MASTER = "--master";
  public static final String OPTION_VERBOSE = "--verbose";

  @Option(names = OPTION_MASTER, paramLabel = "URL",
      description = "Spark master (local[*], spark://host:7077, yarn, k8s://...). Default: the one "
          + "spark-submit or jobs/provstat sets.")
  String master;

  @Option(names = OPTION_VERBOSE, description = "Log Spark at INFO and print stack traces of failures.")
  boolean verbose;

  public static final String OPTION_SPARK_UI = "--spark-ui";

  @Option(names = OPTION_SPARK_UI, description = "Keep the Spark UI on a local run (off there unless asked for; "
      + "also PROVSTAT_SPARK_UI=1). Cluster runs keep Spark's default.")
  boolean sparkUi;

  public boolean sparkUi() {
    return sparkUi;
  }

  public String master() {
    return master;
  }

  public boolean verbose() {
    return verbose;
  }
}
