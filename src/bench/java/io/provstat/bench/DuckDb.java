package io.provstat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Stream;

/** DuckDB connections and SQL text for the harness. */
final class DuckDb {

  private DuckDb() {}

  /** An in-memory database on the given number of threads, streaming results to JDBC. */
  static Connection open(int threads, Path tempDir) throws SQLException {
    Properties props = new Properties();
    // Results are read row by row: the cross-check reads millions of rows without holding them.
    props.setProperty("jdbc_stream_results", "true");
    Connection db = DriverManager.getConnection("jdbc:duckdb:", props);
    try (Statement s = db.createStatement()) {
      s.execute("SET threads = " + threads);
      // Output order is not part of any result here; keeping it costs DuckDB memory and time.
      s.execute("SET preserve_insertion_order = false");
      if (tempDir != null) {
        s.execute("SET temp_directory = " + literal(tempDir.toString()));
      }
      // a / b, or NULL when b is zero or NULL: Spark's try_divide, which provstat uses for every ratio.
      s.execute("CREATE OR REPLACE MACRO try_div(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a / b END");
      s.execute(ROUND2_MACRO);
      // A derived figure's status is the weakest of its inputs' (estimate < preliminary < final);
      // least() skips NULLs, so a missing input does not count.
      s.execute("CREATE OR REPLACE MACRO status_rank(s) AS "
          + "CASE s WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 WHEN 'final' THEN 3 END");
      s.execute("CREATE OR REPLACE MACRO status_code(r) AS "
          + "CASE r WHEN 1 THEN 'estimate' WHEN 2 THEN 'preliminary' WHEN 3 THEN 'final' END");
      s.execute("CREATE OR REPLACE MACRO weakest(a, b) AS status_code(least(status_rank(a), status_rank(b)))");
    }
    return db;
  }

  /**
   * round2(x): half-up to 2 decimals on the double's shortest decimal form, as Spark's round(x, 2)
   * rounds a double (and {@link Agreement#round2}), whatever DuckDB's own round does with the binary
   * value. Needed where a table judges a rounded figure (plan_gap's status on the printed
   * attainment). Beyond 10^17 a double has no fractional digits: it is its own rounding.
   */
  static final String ROUND2_MACRO = "CREATE OR REPLACE MACRO round2(x) AS CASE "
      + "WHEN x IS NULL OR isnan(x) OR isinf(x) OR abs(x) >= 1e17 THEN x "
      + "ELSE CAST(round(CAST(CAST(CAST(x AS DOUBLE) AS VARCHAR) AS DECIMAL(38, 18)), 2) AS DOUBLE) END";

  /** A SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A SQL file from src/bench/resources/io/provstat/bench/duckdb. */
  static String resource(String name) {
    String path = "/io/provstat/bench/duckdb/" + name;
    try (InputStream in = DuckDb.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path + " (build with mvn -Pbench)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a table directory is partitioned by the column: it holds {@code column=...} folders. */
  static boolean partitionedBy(Path dir, String column) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(e -> Files.isDirectory(e) && e.getFileName().toString().startsWith(column + "="));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a table directory of the warehouse holds any Parquet file (a table never written has
   * none). A published table is a link to its current version (the warehouse's link flip): links
   * are followed, or every table would look empty.
   */
  static boolean hasParquet(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      return files.anyMatch(f -> {
        String name = f.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
