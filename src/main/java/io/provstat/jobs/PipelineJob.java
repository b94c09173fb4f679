package io.provstat.jobs;

import io.provstat.warehouse.Tables;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Pipeline: ingest, then analyze the same warehouse, in one Spark application. */
@Command(name = PipelineJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ingest the inputs, then analyze: every ingest and analyze option applies.")
public final class PipelineJob implements Callable<Integer> {

  public static final String NAME = "pipeline";

  @Mixin IngestOptions ingest;

  @Mixin AnalyzeOptions analyze;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new PipelineJob(), args));
  }

  @Override
  public Integer call() {
    IngestJob.Config ingestConfig = ingest.toConfig(spec);
    AnalyzeJob.Config analyzeConfig = analyze.toConfig(ingest.warehouse(), spec);
    return JobRunner.run(spec, common, spark -> run(spark, ingestConfig, analyzeConfig, spec));
  }

  static int run(SparkSession spark, IngestJob.Config ingestConfig, AnalyzeJob.Config analyzeConfig,
      CommandSpec spec) {
    long started = System.nanoTime();
    IngestJob.Result ingested = IngestJob.run(spark, ingestConfig);
    IngestJob.print(ingested, spec.commandLine().getOut(), spec.commandLine().getErr());
    if (!ingested.balanced()) {
      return ExitCodes.FAILED;
    }
    AnalyzeJob.Result analyzed = AnalyzeJob.run(spark, analyzeConfig);
    AnalyzeJob.print(analyzed, spec.commandLine().getOut());
    spec.commandLine().getOut().printf(java.util.Locale.ROOT,
        "provstat pipeline: %d tables written, %d lines quarantined, %.1f s in all%n",
        Tables.INGEST_TABLES.size() + analyzed.rows().size(), ingested.quarantined(),
        (System.nanoTime() - started) / 1e9);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
