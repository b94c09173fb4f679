package io.provstat.jobs;

import io.provstat.ingest.InputFile;
import io.provstat.ingest.Ingestion;
import io.provstat.ingest.InputResolver;
import io.provstat.query.Digest;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Pipeline: ingest, then analyze the same warehouse, in one Spark application.
 *
 * <p>Each warehouse is one publication: its ingest tables are staged, analyze reads the staged
 * observations, and both sets of tables are switched in by one commit, or neither is (a failure of
 * analyze leaves the previous ingest tables too).
 *
 * <p>With {@value #OPTION_SYNTHETIC_WAREHOUSE}, the inputs are split by provenance: real figures go to
 * {@code --warehouse}, synthetic ones (see {@link io.provstat.ingest.Provenance}) to their own
 * warehouse, each ingested and analyzed on its own, so no table ever ranks or sums the two together.
 * The two are published one after the other; if the second fails, the failure names the first as
 * published.
 */
@Command(name = PipelineJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ingest the inputs, then analyze: every ingest and analyze option applies.")
public final class PipelineJob implements Callable<Integer> {

  public static final String NAME = "pipeline";

  public static final String OPTION_SYNTHETIC_WAREHOUSE = "--synthetic-warehouse";

  @Mixin IngestOptions ingest;

  @Option(names = OPTION_SYNTHETIC_WAREHOUSE, paramLabel = "DIR",
      description = "Warehouse for the synthetic (generated) inputs, which never share --warehouse with real "
          + "figures. Without it, a mix of real and synthetic inputs is refused.")
  String syntheticWarehouse;

  @Mixin AnalyzeOptions analyze;

  @Mixin BatchOptions batch;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Where each kind of input goes; {@code syntheticWarehouse} null when synthetic inputs share no split. */
  public record Config(Ingestion.Config ingest, AnalyzeJob.Config analyze, String syntheticWarehouse, boolean quiet) {
    public Config(Ingestion.Config ingest, AnalyzeJob.Config analyze, String syntheticWarehouse) {
      this(ingest, analyze, syntheticWarehouse, false);
    }
  }

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new PipelineJob(), args));
  }

  @Override
  public Integer call() {
    Ingestion.Config ingestConfig = ingest.toConfig(spec);
    AnalyzeJob.Config analyzeConfig = analyze.toConfig(ingest.warehouse(), spec);
    if (syntheticWarehouse != null && samePlace(syntheticWarehouse, ingest.warehouse())) {
      throw new ParameterException(spec.commandLine(), OPTION_SYNTHETIC_WAREHOUSE + " '" + syntheticWarehouse
          + "' is the same place as " + IngestOptions.OPTION_WAREHOUSE + "; real and synthetic figures need two");
    }
    ingest.checkPaths();
    if (syntheticWarehouse != null) {
      Preflight.writable(OPTION_SYNTHETIC_WAREHOUSE, syntheticWarehouse);
    }
    Config config = new Config(ingestConfig, analyzeConfig, syntheticWarehouse, batch.quiet());
    return JobRunner.run(spec, common, batch, spark -> run(spark, config, spec.commandLine().getOut(),
        spec.commandLine().getErr()));
  }

  private static boolean samePlace(String a, String b) {
    return new org.apache.hadoop.fs.Path(a).toUri().normalize().equals(new org.apache.hadoop.fs.Path(b).toUri().normalize());
  }

  /** The whole pipeline, callable from tests; returns the exit code. */
  public static int run(SparkSession spark, Config config, PrintWriter out, PrintWriter err) {
    return run(spark, config, out, err, (step, table) -> {});
  }

  /** The pipeline with a commit observer on every warehouse it publishes (a test seam to fail a step). */
  static int run(SparkSession spark, Config config, PrintWriter out, PrintWriter err,
      Warehouse.CommitObserver observer) {
    try (SparkJobCount jobs = SparkJobCount.start(spark)) {
      return run(spark, config, out, err, observer, jobs);
    }
  }

  private static int run(SparkSession spark, Config config, PrintWriter out, PrintWriter err,
      Warehouse.CommitObserver observer, SparkJobCount jobs) {
    long started = System.nanoTime();
    InputResolver.Resolution resolution = Ingestion.resolve(spark, config.ingest());
    List<Step> steps = new ArrayList<>();
    if (config.syntheticWarehouse() == null) {
      steps.add(new Step(config.ingest().warehouse(), resolution));
    } else {
      List<InputFile> real = resolution.files().stream().filter(f -> !f.synthetic()).toList();
      List<InputFile> synthetic = resolution.files().stream().filter(InputFile::synthetic).toList();
      if (!real.isEmpty()) {
        steps.add(new Step(config.ingest().warehouse(), new InputResolver.Resolution(real, resolution.skipped())));
      } else {
        if (!config.quiet()) {
          err.println("provstat pipeline: note: no real inputs; " + config.ingest().warehouse() + " left as it was");
        }
      }
      if (!synthetic.isEmpty()) {
        steps.add(new Step(config.syntheticWarehouse(),
            new InputResolver.Resolution(synthetic, real.isEmpty() ? resolution.skipped() : List.of())));
      } else {
        if (!config.quiet()) {
          err.println("provstat pipeline: note: no synthetic inputs; " + config.syntheticWarehouse()
              + " left as it was");
        }
      }
    }
    int tables = 0;
    long quarantined = 0;
    List<String> published = new ArrayList<>();
    for (Step step : steps) {
      long stepStarted = System.nanoTime();
      int jobsBefore = jobs.jobs();
      AnalyzeJob.Config analyzeConfig = config.analyze().on(step.warehouse());
      Warehouse store = Warehouse.open(spark, step.warehouse(), observer);
      Ingestion.Result ingested;
      Map<String, Long> rows;
      List<String> written;
      try {
        try (Warehouse.Publication publication = store.begin(JobRunner.newRunId())) {
          ingested = Ingestion.stage(spark, step.files(), publication);
          if (!ingested.balanced()) {
            IngestJob.print(ingested, config.quiet(), out, err);
            err.println("provstat pipeline: error: nothing was published to " + store.root()
                + describe(published, steps, step));
            return ExitCodes.FAILED;
          }
          rows = AnalyzeJob.stage(spark, analyzeConfig, publication, publication.staged(Tables.OBSERVATIONS),
              publication.staged(Tables.REPORTED_AGGREGATES));
          written = publication.stagedTables();
          publication.commit();
        }
      } catch (RuntimeException e) {
        if (published.isEmpty()) {
          throw e;
        }
        throw new PartlyPublishedException("nothing was published to " + store.root() + describe(published, steps,
            step), e);
      }
      published.add(store.root() + " (" + String.join(", ", written) + ")");
      try {
        if (config.quiet()) {
          // Only the warnings of each step; the final line is the result.
          IngestJob.print(ingested, true, new PrintWriter(java.io.Writer.nullWriter()), err);
        } else {
          IngestJob.print(ingested, out, err);
          List<String> digest = Digest.of(store);
          AnalyzeJob.print(new AnalyzeJob.Result(ingested.runId(), rows, digest,
              (System.nanoTime() - stepStarted) / 1e9, jobs.jobs() - jobsBefore), out);
        }
      } catch (RuntimeException e) {
        throw new PartlyPublishedException("published: " + String.join("; ", published), e);
      }
      tables += written.size();
      // Lines, as the summary says: a report line with several refused figures is one line.
      quarantined += ingested.files().stream().mapToLong(Ingestion.FileSummary::quarantined).sum();
    }
    out.printf(Locale.ROOT, "provstat pipeline: %d warehouse(s), %d tables written, %d lines quarantined, "
        + "%d Spark jobs, %.1f s in all%n", steps.size(), tables, quarantined, jobs.jobs(),
        (System.nanoTime() - started) / 1e9);
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** What else a failed step leaves: the warehouses already published, and those not attempted. */
  private static String describe(List<String> published, List<Step> steps, Step failed) {
    StringBuilder text = new StringBuilder(" (its previous tables are unchanged)");
    if (!published.isEmpty()) {
      text.append("; already published: ").append(String.join("; ", published));
    }
    List<String> later = steps.subList(steps.indexOf(failed) + 1, steps.size()).stream().map(Step::warehouse).toList();
    if (!later.isEmpty()) {
      text.append("; not attempted: ").append(String.join(", ", later));
    }
    return text.toString();
  }

  private record Step(String warehouse, InputResolver.Resolution files) {}
}
