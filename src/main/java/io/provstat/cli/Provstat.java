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
    description = "Batch analytics of Vietnamese provincial industry-and-trade indicators on Apache Spark.")
public final class Provstat implements Runnable {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line in this JVM and returns its exit code (tests call this). */
  public static int execute(String... args) {
    return JobRunner.execute(commandLine(args), args);
  }

  /** As {@link #execute}, with the output and error streams given. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /**
   * The command line with its subcommands. A read command run on its own (sql, describe) gets only
   * itself: picocli reflects on every subcommand it registers, and the batch commands' methods name
   * Spark's types, whose loading would cost the DuckDB engine a third of its start. Help for the
   * top-level command, and every other command line, gets them all.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = JobRunner.commandLine(new Provstat());
    String first = args.length == 0 ? "" : args[0];
    if (first.equals(SqlJob.NAME)) {
      cli.addSubcommand(new SqlJob());
    } else if (first.equals(DescribeJob.NAME)) {
      cli.addSubcommand(new DescribeJob());
    } else {
      for (Object command : new Object[] {new IngestJob(), new AnalyzeJob(), new PipelineJob(), new SqlJob(),
          new DescribeJob(), new DdlJob(), new GenerateJob(), new CommandLine.HelpCommand()}) {
        cli.addSubcommand(command);
      }
    }
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (ingest, analyze, pipeline, sql, describe, ddl, generate)");
  }
}
