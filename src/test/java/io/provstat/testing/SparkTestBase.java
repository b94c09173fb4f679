package io.provstat.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local Spark session per test class: local[2], two shuffle partitions, no UI, driver on
 * loopback. Small data only; performance is measured by benchmarks, not here.
 */
public abstract class SparkTestBase {

  protected static SparkSession spark;

  @BeforeAll
  protected static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("provstat-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  @AfterAll
  protected static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
