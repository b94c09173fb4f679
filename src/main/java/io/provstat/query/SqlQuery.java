package io.provstat.query;

import io.provstat.ingest.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One read-only SQL query over a warehouse, the read side's entry point ({@code provstat sql} is its
 * command): every table is a view under its own name ({@link WarehouseCatalog}), the statement is
 * parsed, analyzed and confined ({@link ReadOnlyQuery}), and the checked plan, never the text again,
 * runs and is printed ({@link ResultWriter}). The query's own faults (a syntax error, an unknown table
 * or column, a value it cannot convert) are an {@link InputException} of one line.
 */
public final class SqlQuery {

  /** The command's name, which notes start with. */
  public static final String COMMAND = "sql";

  /** One query run. */
  /**
   * @param decimals the places a double is shown with ({@link Display}), or
   *     {@link Display#FULL_PRECISION} for every digit
   */
  public record Config(String warehouse, String query, ResultWriter.Format format, int limit, int decimals) {}

  private SqlQuery() {}

  /**
   * A query that fails on a value (a bad cast) fails a task; in local mode Spark would log that
   * task's stack trace above the one line that says what is wrong.
   */
  public static void quietTaskFailures() {
    for (String logger : new String[] {"org.apache.spark.executor.Executor",
        "org.apache.spark.scheduler.TaskSetManager"}) {
      org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.OFF);
    }
  }

  /**
   * Runs {@code body} (which starts the Spark session) with a temporary metastore folder when no
   * session exists yet: Spark makes its metastore's warehouse folder ({@code spark-warehouse/} in the
   * working directory) as soon as a query looks a name up in the catalog, an unknown table included,
   * and {@code sql} leaves nothing in the working directory. The folder is removed afterwards.
   */
  public static <T> T withPrivateMetastore(Supplier<T> body) {
    String warehouseDirKey = "spark.sql.warehouse.dir";
    Path metastoreDir = null;
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    if (ownSession && System.getProperty(warehouseDirKey) == null) {
      try {
        metastoreDir = Files.createTempDirectory("provstat-sql-metastore");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory", e);
      }
      System.setProperty(warehouseDirKey, metastoreDir.toUri().toString());
    }
    try {
      return body.get();
    } finally {
      if (metastoreDir != null) {
        System.clearProperty(warehouseDirKey);
        deleteTree(metastoreDir);
      }
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is not worth failing the query for.
    }
  }

  /**
   * Runs the query in a new session of {@code spark} (its own views and settings; the same
   * context) and prints the result to {@code out}; notes (skipped folders, a truncated result in CSV
   * or JSON) go to {@code err}.
   */
  public static ResultWriter.Written run(SparkSession spark, Config config, PrintWriter out, PrintWriter err) {
    org.apache.spark.sql.classic.SparkSession session = classic(spark.newSession());
    confine(session);
    WarehouseCatalog catalog = WarehouseCatalog.open(session, config.warehouse());
    catalog.registerViews(session);

    ResultWriter.Written written;
    try {
      LogicalPlan plan;
      try {
        plan = session.sessionState().sqlParser().parsePlan(config.query());
      } catch (StackOverflowError e) {
        throw tooDeep();
      } catch (Exception e) {
        // ParseException; Java does not see that Scala code throws it.
        throw new InputException(oneLine(e, config.query(), catalog));
      }
      ReadOnlyQuery.check(plan);
      ReadOnlyQuery.Confinement confinement = new ReadOnlyQuery.Confinement(
          java.util.Set.copyOf(catalog.names()),
          catalog.tables().stream().map(t -> t.location().toUri().normalize().toString().replaceAll("/+$", ""))
              .toList());
      // Analysis resolves IDENTIFIER(...) clauses, views and functions without running anything:
      // what is checked here is what runs below, never the text again.
      LogicalPlan analyzed = analyze(session, plan);
      ReadOnlyQuery.checkAnalyzed(analyzed, confinement);
      boolean streamed = ResultWriter.streams(config.format(), config.limit());
      if (streamed) {
        analyzed = ResultWriter.splitRanges(analyzed);
        analyzed = analyze(session, analyzed);
        ReadOnlyQuery.checkAnalyzed(analyzed, confinement);
      }
      Dataset<Row> result = org.apache.spark.sql.classic.Dataset.ofRows(session, analyzed);
      written = ResultWriter.write(result, config.format(), config.limit(), config.decimals(), out);
    } catch (InputException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw tooDeep();
    } catch (Exception e) {
      if (causedBy(e, StackOverflowError.class)) {
        throw tooDeep();
      }
      // A disarmed function refuses while it is built, inside the analyzer, which may wrap that.
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof ReadOnlyQuery.RefusedStatementException refused) {
          throw refused;
        }
      }
      if (isQueryError(e)) {
        throw new InputException(oneLine(e, config.query(), catalog));
      }
      throw e;
    }
    out.flush();
    if (written.truncated() && config.format() != ResultWriter.Format.TABLE) {
      err.printf(Locale.ROOT, "%snote: printed the first %d rows; the result has more (%s N, 0 for all)%n",
          NAME_PREFIX, written.rows(), ResultWriter.LIMIT_OPTION);
    }
    err.flush();
    return written;
  }

  /**
   * The query session's settings: no SQL on files ({@code text.`/etc/passwd`}), and partitions small
   * enough that the driver, which pulls one partition at a time when streaming, holds little.
   */
  public static void confine(org.apache.spark.sql.classic.SparkSession session) {
    session.conf().set("spark.sql.runSQLOnFiles", "false");
    ReadOnlyQuery.disarm(session);
    session.conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(16L << 20));
    session.conf().set("spark.sql.adaptive.advisoryPartitionSizeInBytes", String.valueOf(16L << 20));
  }

  private static LogicalPlan analyze(org.apache.spark.sql.classic.SparkSession session, LogicalPlan plan) {
    return session.sessionState().analyzer().executeAndCheck(plan,
        new org.apache.spark.sql.catalyst.QueryPlanningTracker(scala.Option.empty()));
  }

  private static InputException tooDeep() {
    return new InputException("query nested too deeply (Spark's parser or analyzer ran out of stack): "
        + "flatten its parentheses or subqueries");
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (kind.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static final String NAME_PREFIX = "provstat " + COMMAND + ": ";

  private static org.apache.spark.sql.classic.SparkSession classic(SparkSession session) {
    if (!(session instanceof org.apache.spark.sql.classic.SparkSession classic)) {
      throw new IllegalStateException("sql needs a classic (not Spark Connect) session, not " + session.getClass());
    }
    return classic;
  }

  private static final String USER_RAISED_EXCEPTION = "P0001";

  /**
   * The user's query is at fault, not the job: an analysis error (unknown table or column), or a
   * data error while running it (SQLSTATE class 22: division by zero, a bad cast), or an error the
   * query raises itself.
   */
  private static boolean isQueryError(Throwable e) {
    // P0001 is raise_error(...) and assert_true(...): the query's own failure.
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AnalysisException) {
        return true;
      }
      if (t instanceof SparkThrowable s && s.getSqlState() != null
          && (s.getSqlState().startsWith("22") || s.getSqlState().startsWith("42")
              || s.getSqlState().equals(USER_RAISED_EXCEPTION))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Spark's message as one line: its first non-blank line (the error class and what is wrong), with
   * where in the query when Spark puts that on a later line; the tables there are, for an unknown
   * one; a hint for what looks like two statements.
   */
  public static String oneLine(Throwable e, String query, WarehouseCatalog catalog) {
    Throwable cause = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable) {
        cause = t;
        break;
      }
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    if (cause instanceof AnalysisException a && a.line().isDefined()
        && !java.util.regex.Pattern.compile("line \\d+,? pos").matcher(first).find()) {
      first = first + " (line " + a.line().get() + ", pos " + a.startPosition().getOrElse(() -> 0) + ")";
    }
    String condition = cause instanceof SparkThrowable s && s.getCondition() != null ? s.getCondition() : "";
    if (condition.equals("TABLE_OR_VIEW_NOT_FOUND")) {
      first = first + " Tables: " + String.join(", ", catalog.names()) + "."
          + (catalog.skipped().isEmpty() ? "" : " Not tables: " + String.join("; ", catalog.skipped()) + ".");
    } else if (condition.startsWith("PARSE_SYNTAX_ERROR") && query.strip().replaceAll(";+$", "").contains(";")) {
      first = first + " (sql runs one statement at a time)";
    }
    return first;
  }
}
