package io.provstat.warehouse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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

  /** Who is told of each named piece of work as it starts, per Spark context (at most one each). */
  private static final Map<SparkContext, Consumer<String>> WATCHERS = new ConcurrentHashMap<>();

  private NamedJobs() {}

  /** A watch on a context's named work; closing it stops the reports. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Tells {@code onStart} the name of every piece of work {@link #run} starts on this session's
   * context, from whichever thread, until the watch is closed (a command's progress lines). A
   * second watch on the same context replaces the first while it is open.
   */
  public static Watch watch(SparkSession spark, Consumer<String> onStart) {
    SparkContext context = spark.sparkContext();
    WATCHERS.put(context, onStart);
    return () -> WATCHERS.remove(context, onStart);
  }

  /** Runs {@code work} with its jobs in group {@code name}, described as {@code name}. */
  public static <T> T run(SparkSession spark, String name, Supplier<T> work) {
    SparkContext context = spark.sparkContext();
    String previousGroup = context.getLocalProperty(GROUP_ID);
    String previousDescription = context.getLocalProperty(DESCRIPTION);
    String previousInterrupt = context.getLocalProperty(INTERRUPT);
    Consumer<String> watcher = WATCHERS.get(context);
    if (watcher != null) {
      watcher.accept(name);
    }
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
