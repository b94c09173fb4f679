package io.provstat.jobs;

import io.provstat.ingest.InputException;
import io.provstat.query.Display;
import io.provstat.query.DuckDbQuery;
import io.provstat.query.LocalWarehouse;
import io.provstat.query.ResultWriter;
import io.provstat.query.SqlQuery;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provstat sql}: parses the options and the query text, runs {@link DuckDbQuery} (a local
 * warehouse, by default) or {@link SqlQuery} once (one read-only query over the warehouse's tables,
 * printed as an aligned table, CSV or JSON lines). A
 * statement that is not a query, a syntax error, an unknown table or column: one line, exit 2.
 */
@Command(name = SqlJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run one read-only SQL query over the warehouse's tables (each is a view under its name).",
        "Example: sql --warehouse warehouse \"SELECT province_name, rank FROM rankings WHERE year = 2022\""})
public final class SqlJob implements Callable<Integer> {

  public static final String NAME = "sql";
  public static final String OPTION_FILE = "--file";
  public static final String OPTION_FORMAT = "--format";
  public static final String OPTION_LIMIT = ResultWriter.LIMIT_OPTION;
  public static final int DEFAULT_LIMIT = 1000;
  public static final String OPTION_ENGINE = "--engine";
  public static final String ENGINE_SPARK = "spark";
  public static final String ENGINE_DUCKDB = "duckdb";
  public static final String ENGINE_AUTO = "auto";
  private static final java.util.List<String> ENGINES = java.util.List.of(ENGINE_AUTO, ENGINE_DUCKDB, ENGINE_SPARK);

  @Option(names = IngestOptions.OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root whose tables the query reads.")
  String warehouse;

  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query (or give " + OPTION_FILE + ").")
  String query;

  @Option(names = OPTION_FILE, paramLabel = "FILE", description = "Read the query from FILE (UTF-8; - for stdin).")
  String file;

  @Option(names = OPTION_FORMAT, paramLabel = "FORMAT",
      description = "table (default: aligned, for reading), csv (RFC 4180) or json (one object per line).")
  String format = ResultWriter.Format.TABLE.code();

  @Option(names = OPTION_LIMIT, paramLabel = "N",
      description = "Print at most N rows (default: ${DEFAULT-VALUE}); 0 for all, with --format csv or json.")
  int limit = DEFAULT_LIMIT;

  @Option(names = Display.DECIMALS_OPTION, paramLabel = "N",
      description = "Show doubles with N decimals, rounded half-up on the value as printed (default: 2; tables "
          + "store full precision), or full for every digit (for programs that compute with the output).")
  String decimals = Integer.toString(Display.DEFAULT_DECIMALS);

  @Option(names = OPTION_ENGINE, paramLabel = "ENGINE",
      description = "Query engine: duckdb (in process, no Spark: a local warehouse only), spark, or auto "
          + "(default: duckdb for a local warehouse, a plain path or file:, spark for hdfs:, s3a: and the like).")
  String engine = ENGINE_AUTO;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new SqlJob(), args));
  }

  @Override
  public Integer call() {
    SqlQuery.Config config = toConfig();
    if (engineFor(engine, warehouse).equals(ENGINE_DUCKDB)) {
      return JobRunner.runWithoutSpark(spec, common, () -> {
        DuckDbQuery.run(config, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.OK;
      });
    }
    return SparkReads.sql(spec, common, config);
  }

  /**
   * The engine that runs: the one asked for, or for auto DuckDB on a local warehouse (a plain path
   * or a file: URI) when its driver is there, and Spark on any other file system.
   */
  public static String engineFor(String asked, String warehouse) {
    if (!asked.equals(ENGINE_AUTO)) {
      return asked;
    }
    return LocalWarehouse.isLocal(warehouse) && duckDbPresent() ? ENGINE_DUCKDB : ENGINE_SPARK;
  }

  /**
   * Whether DuckDB's driver is on the class path: the local jar carries it, the thin jar that
   * spark-submit runs does not, and there auto stays on Spark.
   */
  private static boolean duckDbPresent() {
    try {
      Class.forName("org.duckdb.DuckDBDriver", false, SqlJob.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Refuses an engine not known, naming it. */
  static void checkEngine(picocli.CommandLine commandLine, String engine) {
    if (!ENGINES.contains(engine)) {
      throw new ParameterException(commandLine, "unknown " + OPTION_ENGINE + " '" + engine + "' (known: "
          + String.join(", ", ENGINES) + ")");
    }
  }

  SqlQuery.Config toConfig() {
    if ((query == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), "give the query as an argument or with " + OPTION_FILE
          + ", not " + (query == null ? "neither" : "both"));
    }
    checkEngine(spec.commandLine(), engine);
    ResultWriter.Format chosen = ResultWriter.Format.fromCode(format).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "unknown " + OPTION_FORMAT + " '" + format + "' (known: table, csv, json)"));
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), OPTION_LIMIT + " must be 0 (all rows) or more, not " + limit);
    }
    if (limit == 0 && chosen == ResultWriter.Format.TABLE) {
      throw new ParameterException(spec.commandLine(), OPTION_LIMIT + " 0 (all rows) needs " + OPTION_FORMAT
          + " csv or json: a table is aligned over the rows it holds in memory");
    }
    String text = query != null ? query : readQuery(file);
    if (text.isBlank()) {
      throw new ParameterException(spec.commandLine(), "the query is empty");
    }
    Integer places = Display.parseDecimals(decimals);
    if (places == null) {
      throw new ParameterException(spec.commandLine(), Display.DECIMALS_OPTION + " must be a whole number from 0 to "
          + "15 or 'full', not '" + decimals + "'");
    }
    return new SqlQuery.Config(warehouse, text, chosen, limit, places);
  }

  private static String readQuery(String file) {
    try {
      byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException("query file not found: " + file);
    } catch (CharacterCodingException e) {
      throw new InputException("query file " + file + " is not UTF-8");
    } catch (IOException e) {
      throw new InputException("cannot read query file " + file + ": " + e.getMessage());
    }
  }

}
