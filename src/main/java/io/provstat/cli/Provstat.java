package io.provstat.cli;

import io.provstat.jobs.AnalyzeJob;
import io.provstat.jobs.DdlJob;
import io.provstat.jobs.DescribeJob;
import io.provstat.jobs.GenerateJob;
import io.provstat.jobs.IngestJob;
import io.provstat.jobs.JobRunner;
import io.provstat.jobs.PipelineJob;
import io.provstat.jobs.SqlJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code provstat} command: {@code provstat <command> [options]}; see jobs/provstat. */
@Command(name = "provstat", mixinStandardHelpOptions = true, version = "provstat 0.1.0",
    description = "Batch analytics of Vietnamese provincial industry-and-trade indicators on Apache Spark.",
    subcommands = {IngestJob.class, AnalyzeJob.class, PipelineJob.class, SqlJob.class, DescribeJob.class,
        DdlJob.class, GenerateJob.class, CommandLine.HelpCommand.class})
public final class Provstat implements Runnable {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line in this JVM and returns its exit code (tests call this). */
  public static int execute(String... args) {
    return JobRunner.execute(new Provstat(), args);
  }

  /** As {@link #execute}, with the output and error streams given. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = JobRunner.commandLine(new Provstat());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (ingest, analyze, pipeline, sql, describe, ddl, generate)");
  }
}
