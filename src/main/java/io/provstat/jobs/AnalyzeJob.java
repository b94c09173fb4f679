package io.provstat.jobs;

import io.provstat.analytics.Analysis;
import io.provstat.analytics.Boundaries;
import io.provstat.analytics.PlanGap;
import io.provstat.analytics.ReferenceFrames;
import io.provstat.ingest.InputException;
import io.provstat.query.Digest;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  @Option(names = IngestOptions.OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root holding observations (from ingest).")
  String warehouse;

  @Mixin AnalyzeOptions options;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Everything one analyze run needs. */
  public record Config(String warehouse, List<Boundaries> boundaries, double tolerance) {
    public static Config of(String warehouse) {
      return new Config(warehouse, List.of(Boundaries.PUBLISHED), PlanGap.DEFAULT_TOLERANCE_PP);
    }
  }

  /** What a run wrote: rows per table, and the digest lines. */
  public record Result(String runId, Map<String, Long> rows, List<String> digest, double seconds) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new AnalyzeJob(), args));
  }

  @Override
  public Integer call() {
    Config config = options.toConfig(warehouse, spec);
    return JobRunner.run(spec, common, spark -> {
      print(run(spark, config), spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  public static Result run(SparkSession spark, Config config) {
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
      return new Result(runId, rows, Digest.of(store), (System.nanoTime() - started) / 1e9);
    } catch (RuntimeException e) {
      throw new PartlyPublishedException("the analytic tables of " + store.root() + " were published, but "
          + "their digest could not be read", e);
    }
  }

  /**
   * Computes the analytic tables of the given observations and aggregates and stages them in a
   * publication, which the caller commits (alone, or with the ingest tables in a pipeline); rows per
   * table, counted from the staged files.
   */
  public static Map<String, Long> stage(SparkSession spark, Config config, Warehouse.Publication publication,
      Dataset<Row> observations, Dataset<Row> aggregates) {
    Dataset<Row> indicators = ReferenceFrames.indicators(spark);
    List<Analysis> analyses = new ArrayList<>();
    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    try {
      for (Boundaries boundaries : config.boundaries()) {
        Analysis analysis = boundaries == Boundaries.PUBLISHED
            ? new Analysis(observations, aggregates, ReferenceFrames.provinces(spark), indicators,
                ReferenceFrames.mergers(spark), config.tolerance())
            : new Analysis(Boundaries.observations2025(observations, indicators),
                Boundaries.aggregates2025(aggregates), ReferenceFrames.units2025(spark), indicators,
                ReferenceFrames.noMergers(spark), config.tolerance());
        analyses.add(analysis);
        for (TableDef table : Analysis.TABLES) {
          outputs.merge(table.name(), analysis.table(table.name(), boundaries), Dataset::unionByName);
        }
      }
      for (TableDef table : Analysis.TABLES) {
        publication.stage(table, outputs.get(table.name()));
      }
    } finally {
      analyses.forEach(Analysis::close);
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (TableDef table : Analysis.TABLES) {
      rows.put(table.name(), publication.staged(table).count());
    }
    return rows;
  }

  public static void print(Result result, PrintWriter out) {
    out.printf(Locale.ROOT, "provstat analyze: run %s%n", result.runId());
    StringBuilder tables = new StringBuilder();
    result.rows().forEach((table, n) -> tables.append(tables.length() == 0 ? "" : ", ").append(table)
        .append(' ').append(n));
    out.println("  tables (rows): " + tables);
    for (String line : result.digest()) {
      out.println("  " + line);
    }
    out.printf(Locale.ROOT, "  done in %.1f s%n", result.seconds());
    out.flush();
  }
}
