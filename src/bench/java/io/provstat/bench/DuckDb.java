package io.provstat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    }
    return db;
  }

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

  /** Whether a table directory of the warehouse holds any Parquet file (a table never written has none). */
  static boolean hasParquet(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> {
        String name = f.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
