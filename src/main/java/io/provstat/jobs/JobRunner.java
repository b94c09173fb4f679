package io.provstat.jobs;

import io.provstat.ingest.InputException;
import java.io.PrintWriter;
import java.util.List;
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
      String unknown = unknownCommand(ex);
      if (unknown != null) {
        failed.getErr().println(unknown);
        return ExitCodes.USAGE;
      }
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
   * The one line for a first argument that names no command ({@code provstat foo}), with the
   * nearest command when one is close (a typo), or null when the error is another one.
   */
  static String unknownCommand(CommandLine.ParameterException ex) {
    CommandLine failed = ex.getCommandLine();
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || failed.getParent() != null
        || failed.getSubcommands().isEmpty() || unmatched.getUnmatched().isEmpty()) {
      return null;
    }
    String word = unmatched.getUnmatched().get(0);
    if (word.startsWith("-")) {
      return null;
    }
    List<String> commands = failed.getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
    String name = failed.getCommandSpec().qualifiedName();
    StringBuilder line = new StringBuilder(name + ": unknown command '" + word + "'");
    nearest(word, commands).ifPresent(c -> line.append("; did you mean '").append(c).append("'?"));
    line.append("; commands: ").append(String.join(", ", commands)).append(" (see '").append(name)
        .append(" --help')");
    return line.toString();
  }

  /**
   * The command nearest to a mistyped one: fewest edits (a transposition counts as one), and only
   * when few enough that the word is plainly that command (at most one edit per three letters).
   */
  static java.util.Optional<String> nearest(String word, List<String> commands) {
    String typed = word.toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String command : commands) {
      int d = command.startsWith(typed) && typed.length() >= 2 ? 1 : editDistance(typed, command);
      if (d < bestDistance) {
        best = command;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(1, best.length() / 3) ? java.util.Optional.of(best)
        : java.util.Optional.empty();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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
    return run(spec, common, new BatchOptions(), work);
  }

  /** Spark sessions {@link #run} has started in this JVM (tests check that a refused command starts none). */
  private static final java.util.concurrent.atomic.AtomicInteger SESSIONS_STARTED =
      new java.util.concurrent.atomic.AtomicInteger();

  public static int sessionsStarted() {
    return SESSIONS_STARTED.get();
  }

  static final String UI_ENABLED = "spark.ui.enabled";
  static final String CONSOLE_PROGRESS = "spark.ui.showConsoleProgress";
  /** Set to 1 to have the Spark UI on local runs. */
  public static final String ENV_SPARK_UI = "PROVSTAT_SPARK_UI";

  /**
   * Whether to switch the Spark UI off: on a local master, unless asked for ({@code --spark-ui},
   * {@value #ENV_SPARK_UI}=1) or set by the user ({@code -Dspark.ui.enabled}); a cluster's runs
   * keep Spark's default. A local run is one person's command, which ends before anyone could open
   * the UI, and starting its web server costs start-up time.
   */
  static boolean uiOff(String master, SparkConf given, boolean asked, String environment) {
    return master != null && master.startsWith("local") && !given.contains(UI_ENABLED) && !asked
        && !"1".equals(environment);
  }

  /** As {@link #run(CommandSpec, CommonOptions, Function)}, for a batch command: --quiet, progress steps. */
  public static int run(CommandSpec spec, CommonOptions common, BatchOptions batch,
      Function<SparkSession, Integer> work) {
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
      String master = common.master() != null ? common.master() : given.get("spark.master", null);
      if (uiOff(master, given, common.sparkUi(), System.getenv(ENV_SPARK_UI))) {
        builder.config(UI_ENABLED, "false");
      }
      if (batch.quiet()) {
        builder.config(CONSOLE_PROGRESS, "false");
      }
      try {
        SESSIONS_STARTED.incrementAndGet();
        spark = builder.getOrCreate();
      } catch (Exception e) {
        // Nearly always the master URL or a --conf the user gave.
        err.println(name + ": error: cannot start Spark: " + describe(e));
        return ExitCodes.USAGE;
      }
      if (common.verbose()) {
        spark.sparkContext().setLogLevel("INFO");
      }
      // Named steps where Spark's progress bar is not shown (jobs/provstat shows it only on a terminal).
      boolean steps = !batch.quiet() && !spark.sparkContext().getConf().getBoolean(CONSOLE_PROGRESS, false);
      if (!steps) {
        return work.apply(spark);
      }
      try (io.provstat.warehouse.NamedJobs.Watch watch = io.provstat.warehouse.NamedJobs.watch(spark,
          new ProgressSteps(err))) {
        return work.apply(spark);
      }
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
