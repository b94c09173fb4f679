package io.provstat.jobs;

import io.provstat.ingest.InputException;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.SparkConf;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every job's entry point shares: the picocli command line with one-line errors and exit code
 * 2 for bad usage, the Spark session (its master comes from spark-submit, jobs/provstat or
 * {@code --master}, never from job code), and the mapping of failures to exit codes.
 */
public final class JobRunner {

  /**
   * Settings provstat relies on unless the user set them (spark-submit --conf, -Dspark.*): adaptive
   * execution may also coalesce the shuffles of cached datasets, which every job caches once.
   */
  static final Map<String, String> DEFAULT_SETTINGS = Map.of(
      "spark.sql.adaptive.enabled", "true",
      "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");

  private JobRunner() {}

  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  /**
   * Parquet input bytes per shuffle partition. The analytics shuffle about 30 times their input's
   * Parquet size (rankings at 10^6 rows: 204 MB from 6.5 MB), so 2 MiB of input gives shuffle
   * partitions near adaptive execution's 64 MB target.
   */
  static final long INPUT_BYTES_PER_PARTITION = 2L << 20;
  static final int MAX_SHUFFLE_PARTITIONS = 200;

  /**
   * On a local master, unless the user set it, sizes {@code spark.sql.shuffle.partitions} to the
   * input: Spark's 200 makes every map task of a small input write 200 shuffle files (adaptive
   * execution coalesces what is read, not what is written). At least two per core, so every core
   * has work; a cluster keeps its own setting (jobs/conf/cluster.properties).
   *
   * @return the partitions now in force
   */
  public static int sizeShufflesToInput(SparkSession spark, long inputBytes) {
    String master = spark.sparkContext().master();
    if (master.startsWith("local") && !spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
      spark.conf().set(SHUFFLE_PARTITIONS,
          Integer.toString(shufflePartitionsFor(inputBytes, spark.sparkContext().defaultParallelism())));
    }
    return Integer.parseInt(spark.conf().get(SHUFFLE_PARTITIONS));
  }

  /** One partition per {@link #INPUT_BYTES_PER_PARTITION} of input, at least two per core, at most 200. */
  static int shufflePartitionsFor(long inputBytes, int cores) {
    long wanted = Math.max(2L * cores, (Math.max(0, inputBytes) + INPUT_BYTES_PER_PARTITION - 1)
        / INPUT_BYTES_PER_PARTITION);
    return (int) Math.min(MAX_SHUFFLE_PARTITIONS, wanted);
  }

  /** A run's identifier: its UTC start time, and a random suffix so two runs never share one. */
  public static String newRunId() {
    return io.provstat.warehouse.RunIds.newRunId();
  }

  /** A picocli command line whose usage errors are one line and exit with {@link ExitCodes#USAGE}. */
  public static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage()
          + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      if (ex instanceof InputException) {
        failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage());
        return ExitCodes.USAGE;
      }
      throw ex;
    });
    return cli;
  }

  /**
   * Parses and runs a command on the process's standard streams, written as UTF-8 whatever the
   * platform's default (Vietnamese names print intact under any locale); the exit code to end the
   * process with.
   */
  public static int execute(Object command, String... args) {
    return execute(commandLine(command), args);
  }

  /** As {@link #execute(Object, String...)}, for a command line already made. */
  public static int execute(CommandLine cli, String... args) {
    PrintWriter out = utf8(System.out);
    PrintWriter err = utf8(System.err);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static PrintWriter utf8(java.io.OutputStream stream) {
    return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream,
        java.nio.charset.StandardCharsets.UTF_8)), true);
  }

  /**
   * Runs a job's work in a Spark session and maps its outcome to an exit code: an
   * {@link InputException} is a usage error (2), any other failure is 1, with one line on stderr
   * (and the stack trace with --verbose).
   */
  public static int run(CommandSpec spec, CommonOptions common, Function<SparkSession, Integer> work) {
    String name = spec.qualifiedName();
    PrintWriter err = spec.commandLine().getErr();
    boolean sessionExisted = SparkSession.getActiveSession().isDefined()
        || SparkSession.getDefaultSession().isDefined();
    if (!sessionExisted && common.master() == null && System.getProperty("spark.master") == null) {
      err.println(name + ": error: no Spark master: run through jobs/provstat or spark-submit, or give "
          + CommonOptions.OPTION_MASTER);
      return ExitCodes.USAGE;
    }
    SparkSession spark = null;
    try {
      SparkSession.Builder builder = SparkSession.builder().appName(name);
      SparkConf given = new SparkConf();
      for (Map.Entry<String, String> setting : DEFAULT_SETTINGS.entrySet()) {
        if (!given.contains(setting.getKey())) {
          builder.config(setting.getKey(), setting.getValue());
        }
      }
      if (common.master() != null) {
        builder.master(common.master());
      }
      try {
        spark = builder.getOrCreate();
      } catch (Exception e) {
        // Nearly always the master URL or a --conf the user gave.
        err.println(name + ": error: cannot start Spark: " + describe(e));
        return ExitCodes.USAGE;
      }
      if (common.verbose()) {
        spark.sparkContext().setLogLevel("INFO");
      }
      return work.apply(spark);
    } catch (Exception e) {
      return failed(name, common, err, e);
    } finally {
      err.flush();
      spec.commandLine().getOut().flush();
      if (spark != null && !sessionExisted) {
        spark.stop();
      }
    }
  }

  /**
   * Runs a read command's work on an engine that needs no Spark (DuckDB, for a local warehouse):
   * the same exit codes and one-line messages as {@link #run}, no session started.
   */
  public static int runWithoutSpark(CommandSpec spec, CommonOptions common, java.util.function.Supplier<Integer> work) {
    String name = spec.qualifiedName();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return work.get();
    } catch (Exception e) {
      return failed(name, common, err, e);
    } finally {
      err.flush();
      spec.commandLine().getOut().flush();
    }
  }

  /**
   * A job's failure as its exit code: an {@link InputException} is a usage error (2); any other is
   * 1. Spark's own failures (SparkException, IOException) are checked: all are caught, so a failed
   * job is always one line, never a trace from the command line layer.
   */
  private static int failed(String name, CommonOptions common, PrintWriter err, Exception e) {
    if (e instanceof InputException) {
      err.println(name + ": error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    err.println(name + ": failed: " + describe(e));
    // Only a failure after a publication changed anything: it says what did.
    String state = e instanceof PartlyPublishedException p ? p.published() : "published tables are unchanged";
    if (common.verbose()) {
      e.printStackTrace(err);
      err.println("(" + state + ")");
    } else {
      err.println("(run with " + CommonOptions.OPTION_VERBOSE + " for the stack trace; " + state + ")");
    }
    return ExitCodes.FAILED;
  }

  /** The innermost message of a failure, which is the one that says what went wrong. */
  public static String describe(Throwable e) {
    return io.provstat.query.Failures.describe(e);
  }

}
