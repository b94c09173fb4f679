package io.provstat.jobs;

import io.provstat.analytics.Analysis;
import io.provstat.analytics.Boundaries;
import io.provstat.analytics.Convergence;
import io.provstat.analytics.PlanGap;
import io.provstat.ingest.InputException;
import io.provstat.query.Digest;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Analyze: reads {@code observations} and {@code reported_aggregates} and writes the analytic
 * tables ({@code rankings}, {@code growth}, {@code contributions}, {@code shift_share},
 * {@code plan_gap}, {@code scorecard}, {@code reconciliation}), replacing them atomically, then
 * prints a short digest.
 */
@Command(name = AnalyzeJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compute rankings, growth, contributions, shift-share, plan gaps and reconciliation.")
public final class AnalyzeJob implements Callable<Integer> {

  public static final String NAME = "analyze";

  /**
   * Tables written at once. On small inputs a table's time is mostly the driver's (planning, code
   * generation, scheduling of many short stages), which overlaps another table's tasks; on large
   * ones the executors are busy either way.
   */
  static final int WRITES_AT_ONCE = 3;

  @Option(names = IngestOptions.OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root holding observations (from ingest).")
  String warehouse;

  @Mixin AnalyzeOptions options;

  @Mixin BatchOptions batch;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Everything one analyze run needs. */
  public record Config(String warehouse, List<Boundaries> boundaries, double tolerance, Integer rankBaseYear,
      List<Convergence.Span> betaSpans) {
    public Config(String warehouse, List<Boundaries> boundaries, double tolerance, Integer rankBaseYear) {
      this(warehouse, boundaries, tolerance, rankBaseYear, List.of());
    }

    public Config(String warehouse, List<Boundaries> boundaries, double tolerance) {
      this(warehouse, boundaries, tolerance, null);
    }

    /** The same settings on another warehouse. */
    public Config on(String otherWarehouse) {
      return new Config(otherWarehouse, boundaries, tolerance, rankBaseYear, betaSpans);
    }

    Analysis.Settings settings() {
      return new Analysis.Settings(tolerance, rankBaseYear, betaSpans);
    }

    public static Config of(String warehouse) {
      return new Config(warehouse, List.of(Boundaries.PUBLISHED), PlanGap.DEFAULT_TOLERANCE_PP);
    }
  }

  /** What a run wrote: rows per table, the digest lines, its time and the Spark jobs it took. */
  public record Result(String runId, Map<String, Long> rows, List<String> digest, double seconds, int sparkJobs) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new AnalyzeJob(), args));
  }

  @Override
  public Integer call() {
    Config config = options.toConfig(warehouse, spec);
    Preflight.warehouseExists(IngestOptions.OPTION_WAREHOUSE, warehouse);
    return JobRunner.run(spec, common, batch, spark -> {
      print(run(spark, config), batch.quiet(), spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  public static Result run(SparkSession spark, Config config) {
    try (SparkJobCount jobs = SparkJobCount.start(spark)) {
      return run(spark, config, jobs);
    }
  }

  private static Result run(SparkSession spark, Config config, SparkJobCount jobs) {
    long started = System.nanoTime();
    Warehouse store = Warehouse.open(spark, config.warehouse());
    if (!store.present()) {
      throw new InputException("no warehouse at " + config.warehouse() + ": run ingest first");
    }
    String runId = JobRunner.newRunId();
    Map<String, Long> rows;
    // The lock before anything is read: what a killed run left is rolled back first.
    try (Warehouse.Publication publication = store.begin(runId)) {
      if (!store.exists(Tables.OBSERVATIONS.name())) {
        throw new InputException("no observations table in " + config.warehouse() + ": run ingest first");
      }
      Dataset<Row> aggregates = store.exists(Tables.REPORTED_AGGREGATES.name())
          ? store.read(Tables.REPORTED_AGGREGATES)
          : spark.createDataFrame(List.of(), Tables.REPORTED_AGGREGATES.schema());
      rows = stage(spark, config, publication, store.read(Tables.OBSERVATIONS), aggregates);
      publication.commit();
    }
    try {
      List<String> digest = Digest.of(store);
      return new Result(runId, rows, digest, (System.nanoTime() - started) / 1e9, jobs.jobs());
    } catch (RuntimeException e) {
      throw new PartlyPublishedException("the analytic tables of " + store.root() + " were published, but "
          + "their digest could not be read", e);
    }
  }

  /**
   * Computes the analytic tables of the given observations and aggregates and stages them in a
   * publication, which the caller commits (alone, or with the ingest tables in a pipeline); rows per
   * table, counted by the writes themselves.
   */
  public static Map<String, Long> stage(SparkSession spark, Config config, Warehouse.Publication publication,
      Dataset<Row> observations, Dataset<Row> aggregates) {
    // The planner's size of the observations is their files' size: known without a job.
    JobRunner.sizeShufflesToInput(spark, observations.queryExecution().optimizedPlan().stats().sizeInBytes()
        .longValue());
    try (Analysis analysis = Analysis.of(observations, aggregates, config.boundaries(), config.settings())) {
      analysis.prepare();
      return publication.stageAll(NAME, analysis.tables(), WRITES_AT_ONCE);
    }
  }

  public static void print(Result result, PrintWriter out) {
    print(result, false, out);
  }

  /** The run, its tables and digest; with {@code quiet}, one line. */
  public static void print(Result result, boolean quiet, PrintWriter out) {
    if (quiet) {
      out.println(oneLine(result));
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "provstat analyze: run %s%n", result.runId());
    StringBuilder tables = new StringBuilder();
    result.rows().forEach((table, n) -> tables.append(tables.length() == 0 ? "" : ", ").append(table)
        .append(' ').append(n));
    out.println("  tables (rows): " + tables);
    for (String line : result.digest()) {
      out.println("  " + line);
    }
    out.printf(Locale.ROOT, "  done in %.1f s (%d Spark jobs)%n", result.seconds(), result.sparkJobs());
    out.flush();
  }

  /** The quiet result: tables and rows written, time and Spark jobs. */
  static String oneLine(Result result) {
    long rows = result.rows().values().stream().mapToLong(Long::longValue).sum();
    return String.format(Locale.ROOT, "provstat analyze: run %s, %d tables written (%d rows), done in %.1f s "
        + "(%d Spark jobs)", result.runId(), result.rows().size(), rows, result.seconds(), result.sparkJobs());
  }
}
