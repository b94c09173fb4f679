package io.provstat.jobs;

import io.provstat.ingest.InputFile;
import io.provstat.ingest.InputResolver;
import io.provstat.warehouse.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>With {@value #OPTION_SYNTHETIC_WAREHOUSE}, the inputs are split by provenance: real figures go to
 * {@code --warehouse}, synthetic ones (see {@link io.provstat.ingest.Provenance}) to their own
 * warehouse, each ingested and analyzed on its own, so no table ever ranks or sums the two together.
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

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Where each kind of input goes; {@code syntheticWarehouse} null when synthetic inputs share no split. */
  public record Config(IngestJob.Config ingest, AnalyzeJob.Config analyze, String syntheticWarehouse) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new PipelineJob(), args));
  }

  @Override
  public Integer call() {
    IngestJob.Config ingestConfig = ingest.toConfig(spec);
    AnalyzeJob.Config analyzeConfig = analyze.toConfig(ingest.warehouse(), spec);
    if (syntheticWarehouse != null && samePlace(syntheticWarehouse, ingest.warehouse())) {
      throw new ParameterException(spec.commandLine(), OPTION_SYNTHETIC_WAREHOUSE + " '" + syntheticWarehouse
          + "' is the same place as " + IngestOptions.OPTION_WAREHOUSE + "; real and synthetic figures need two");
    }
    Config config = new Config(ingestConfig, analyzeConfig, syntheticWarehouse);
    return JobRunner.run(spec, common, spark -> run(spark, config, spec.commandLine().getOut(),
        spec.commandLine().getErr()));
  }

  private static boolean samePlace(String a, String b) {
    return new org.apache.hadoop.fs.Path(a).toUri().normalize().equals(new org.apache.hadoop.fs.Path(b).toUri().normalize());
  }

  /** The whole pipeline, callable from tests; returns the exit code. */
  public static int run(SparkSession spark, Config config, PrintWriter out, PrintWriter err) {
    long started = System.nanoTime();
    InputResolver.Resolution resolution = IngestJob.resolve(spark, config.ingest());
    List<Step> steps = new ArrayList<>();
    if (config.syntheticWarehouse() == null) {
      steps.add(new Step(config.ingest().warehouse(), resolution));
    } else {
      List<InputFile> real = resolution.files().stream().filter(f -> !f.synthetic()).toList();
      List<InputFile> synthetic = resolution.files().stream().filter(InputFile::synthetic).toList();
      if (!real.isEmpty()) {
        steps.add(new Step(config.ingest().warehouse(), new InputResolver.Resolution(real, resolution.skipped())));
      } else {
        err.println("provstat pipeline: note: no real inputs; " + config.ingest().warehouse() + " left as it was");
      }
      if (!synthetic.isEmpty()) {
        steps.add(new Step(config.syntheticWarehouse(),
            new InputResolver.Resolution(synthetic, real.isEmpty() ? resolution.skipped() : List.of())));
      } else {
        err.println("provstat pipeline: note: no synthetic inputs; " + config.syntheticWarehouse()
            + " left as it was");
      }
    }
    int tables = 0;
    long quarantined = 0;
    for (Step step : steps) {
      IngestJob.Config ingestConfig = new IngestJob.Config(config.ingest().inputs(), step.warehouse(),
          config.ingest().format(), config.ingest().gsoSpec(), config.ingest().options());
      IngestJob.Result ingested = IngestJob.run(spark, ingestConfig, step.files());
      IngestJob.print(ingested, out, err);
      if (!ingested.balanced()) {
        return ExitCodes.FAILED;
      }
      AnalyzeJob.Config analyzeConfig = new AnalyzeJob.Config(step.warehouse(), config.analyze().boundaries(),
          config.analyze().tolerance());
      AnalyzeJob.Result analyzed = AnalyzeJob.run(spark, analyzeConfig);
      AnalyzeJob.print(analyzed, out);
      tables += Tables.INGEST_TABLES.size() + analyzed.rows().size();
      quarantined += ingested.quarantined();
    }
    out.printf(Locale.ROOT, "provstat pipeline: %d warehouse(s), %d tables written, %d lines quarantined, "
        + "%.1f s in all%n", steps.size(), tables, quarantined, (System.nanoTime() - started) / 1e9);
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  private record Step(String warehouse, InputResolver.Resolution files) {}
}
