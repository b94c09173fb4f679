package io.provstat.jobs;

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
    IngestJob.Result ingested = IngestJob.run(spark, ingestConfig);
    IngestJob.print(ingested, spec.commandLine().getOut(), spec.commandLine().getErr());
    if (!ingested.balanced()) {
      return ExitCodes.FAILED;
    }
    AnalyzeJob.print(AnalyzeJob.run(spark, analyzeConfig), spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
