package io.provstat.jobs;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs a command starts, for the line it prints at the end: the fixed cost of a
 * run grows with its job count, so the count is part of what a run reports.
 */
final class SparkJobCount implements AutoCloseable {

  private final SparkSession spark;
  private final AtomicInteger jobs = new AtomicInteger();
  private final SparkListener listener = new SparkListener() {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }
  };

  private SparkJobCount(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(listener);
  }

  static SparkJobCount start(SparkSession spark) {
    return new SparkJobCount(spark);
  }

  /**
   * The jobs started so far. The listener bus delivers events asynchronously: it is drained first
   * (for at most {@link #DRAIN_MILLIS}; a bus that busy only makes the count short).
   */
  int jobs() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(DRAIN_MILLIS);
    } catch (java.util.concurrent.TimeoutException e) {
      // The count so far: a report line, not worth failing a finished run over.
    }
    return jobs.get();
  }

  private static final long DRAIN_MILLIS = 10_000;

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(listener);
  }
}
