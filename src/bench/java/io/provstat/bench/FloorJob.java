package io.provstat.bench;

import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.util.Locale;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The floor: Spark reads {@code observations} once, the way analyze does, and writes one Parquet
 * copy of it. The least any job that reads and rewrites the data can do; jobs/bench.sh runs it with
 * the same jar, JVM flags, master and driver memory as {@code jobs/provstat analyze}.
 *
 * <p>Usage: {@code FloorJob WAREHOUSE OUT_DIR}
 */
public final class FloorJob {

  private FloorJob() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: FloorJob WAREHOUSE OUT_DIR");
      System.exit(2);
    }
    // The session settings provstat's JobRunner sets by default, so only the work differs.
    SparkSession spark = SparkSession.builder().appName("provstat-bench-floor")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true")
        .getOrCreate();
    try {
      long started = System.nanoTime();
      Warehouse.open(spark, args[0]).read(Tables.OBSERVATIONS).write().mode(SaveMode.Overwrite).parquet(args[1]);
      System.out.printf(Locale.ROOT, "floor: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    } finally {
      spark.stop();
    }
  }
}
