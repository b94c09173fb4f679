package io.provstat.warehouse;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs a piece of work starts, as Iceberg's actions do with their job group: the
 * UI and the event log then say {@code "analyze: rankings"} where they would say
 * {@code parquet at Warehouse.java:212}. The thread's previous group is restored afterwards, so a
 * name never leaks into the next piece of work.
 */
public final class NamedJobs {

  private static final String GROUP_ID = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";

  private NamedJobs() {}

  /** Runs {@code work} with its jobs in group {@code name}, described as {@code name}. */
  public static <T> T run(SparkSession spark, String name, Supplier<T> work) {
    SparkContext context = spark.sparkContext();
    String previousGroup = context.getLocalProperty(GROUP_ID);
    String previousDescription = context.getLocalProperty(DESCRIPTION);
    String previousInterrupt = context.getLocalProperty(INTERRUPT);
    context.setJobGroup(name, name, false);
    try {
      return work.get();
    } finally {
      context.setLocalProperty(GROUP_ID, previousGroup);
      context.setLocalProperty(DESCRIPTION, previousDescription);
      context.setLocalProperty(INTERRUPT, previousInterrupt);
    }
  }
}
