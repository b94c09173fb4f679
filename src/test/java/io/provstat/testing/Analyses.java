package io.provstat.testing;

import io.provstat.analytics.Analysis;
import io.provstat.analytics.ReferenceFrames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Analyses of hand-made observations, as tests build them. */
public final class Analyses {

  private Analyses() {}

  /**
   * Every analytic table of the observations on the provinces as published, with no reported
   * aggregates and no mergers, and the default tolerance. Close it when done.
   */
  public static Analysis published(SparkSession spark, Dataset<Row> observations) {
    return new Analysis(observations, Observations.noAggregates(spark), ReferenceFrames.provinces(spark),
        ReferenceFrames.indicators(spark), ReferenceFrames.noMergers(spark), Analysis.Settings.withTolerance(0.5));
  }
}
