package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.jobs.SqlJob;
import io.provstat.testing.Cli;
import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sql} and {@code describe} on the DuckDB engine, through the real command entry point and
 * without Spark: every kind of statement or file access it must refuse is refused with exit 2 and
 * one line naming what, a legal query still works after each, and the catalog (warehouse views,
 * reference views, SHOW TABLES, DESCRIBE) is there. The warehouse's Parquet files are written by
 * DuckDB itself, so this class starts no Spark session at all.
 */
class DuckDbEngineTest {

  private static Path base;
  private static Path warehouse;
  private static Path outside;
  private static Path sibling;
  private static String w;

  @BeforeAll
  static void warehouse() throws Exception {
    base = Files.createTempDirectory("provstat-duckdb");
    warehouse = Files.createDirectories(base.resolve("wh"));
    w = warehouse.toString();
    outside = Files.createDirectories(base.resolve("outside"));
    // A sibling whose name starts with the warehouse's: a text prefix test would let it through.
    sibling = Files.createDirectories(base.resolve("wh-sibling"));
    Files.writeString(outside.resolve("secret.csv"), "secret\nleaked\n");
    Files.writeString(sibling.resolve("secret.csv"), "secret\nleaked\n");
    Files.createDirectories(warehouse.resolve("scores"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM (VALUES ('a', 1.5, 1), ('b', 2.25, 2), ('c', NULL, 3)) t(name, value, n)) TO '"
          + warehouse.resolve("scores/part-00000.parquet") + "' (FORMAT parquet)");
      s.execute("COPY (SELECT * FROM (VALUES ('01', 2021, 10.0), ('01', 2022, 11.0), ('02', 2022, 5.0)) "
          + "t(province_code, year, value)) TO '" + warehouse.resolve("facts") + "' (FORMAT parquet, PARTITION_BY (year))");
      s.execute("COPY (SELECT 42 AS secret) TO '" + outside.resolve("secret.parquet") + "' (FORMAT parquet)");
    }
    // A link inside the warehouse that leads out of it, and a folder that is not a table.
    Files.createSymbolicLink(warehouse.resolve("leak"), outside);
    Files.createDirectories(warehouse.resolve("notes"));
    Files.writeString(warehouse.resolve("notes/readme.txt"), "not parquet\n");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    Files.deleteIfExists(warehouse.resolve("leak"));
    TestFiles.deleteTree(base);
  }

  private static Outcome sql(String query, String... options) {
    List<String> all = new ArrayList<>(List.of("--engine", "duckdb"));
    all.addAll(List.of(options));
    return Cli.sql(w, query, all.toArray(String[]::new));
  }

  /** Exit 2, nothing printed, one line on stderr: "provstat sql: error: refused: ...", returned. */
  private static String refused(String query) {
    Outcome o = sql(query);
    assertEquals(2, o.code(), query + "\n" + o.out() + o.err());
    assertEquals("", o.out(), query);
    List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), query + "\n" + o.err());
    assertTrue(lines.get(0).startsWith("provstat sql: error: refused: "), query + "\n" + lines.get(0));
    return lines.get(0);
  }

  private static void legalQueryStillWorks() {
    Outcome o = sql("SELECT count(*) AS n FROM scores", "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("n", "3"), o.out().lines().toList());
  }

  @Test
  void everyStatementThatIsNotOneReadOnlyQueryIsRefusedNamingWhat() {
    String[][] refusals = {
        {"INSERT INTO scores VALUES ('d', 1, 4)", "INSERT"},
        {"UPDATE scores SET n = 0", "UPDATE"},
        {"DELETE FROM scores", "DELETE"},
        {"CREATE TABLE t AS SELECT 1", "CREATE TABLE"},
        {"CREATE OR REPLACE MACRO m(x) AS x", "CREATE OR REPLACE MACRO"},
        {"DROP VIEW scores", "DROP VIEW is not a query"},
        {"ALTER VIEW scores RENAME TO s2", "ALTER"},
        {"COPY scores TO '" + outside.resolve("copied.csv") + "'", "COPY"},
        {"ATTACH '" + outside.resolve("x.db") + "' AS x", "ATTACH"},
        {"DETACH memory", "DETACH"},
        {"INSTALL httpfs", "INSTALL"},
        {"LOAD httpfs", "LOAD"},
        {"SET enable_external_access = true", "SET"},
        {"RESET lock_configuration", "RESET"},
        {"PRAGMA enable_profiling", "PRAGMA"},
        {"CALL pragma_version()", "CALL"},
        {"EXPORT DATABASE '" + outside.resolve("export") + "'", "EXPORT DATABASE"},
        {"IMPORT DATABASE '" + outside + "'", "IMPORT DATABASE"},
        {"EXPLAIN ANALYZE SELECT 1", "EXPLAIN"},
        {"SELECT 1; SELECT 2", "2 statements"},
        {"SELECT 1; DROP VIEW scores", "more than one statement"},
        {"SELECT 1 -- a comment\n; DROP VIEW scores", "more than one statement"},
        {"/* SELECT 1 */ DROP VIEW scores", "DROP VIEW"},
        {"SELECT 1; /* hidden */ COPY scores TO '" + outside.resolve("c.csv") + "'", "more than one statement"},
    };
    for (String[] refusal : refusals) {
      String line = refused(refusal[0]);
      assertTrue(line.contains(refusal[1]), refusal[0] + " -> " + line);
      legalQueryStillWorks();
    }
    assertFalse(Files.exists(outside.resolve("copied.csv")));
    assertFalse(Files.exists(outside.resolve("export")));
  }

  @Test
  void filesOutsideTheWarehouseAreRefusedHoweverTheyAreNamed() {
    String secret = outside.resolve("secret.csv").toString();
    String[][] refusals = {
        {"SELECT * FROM read_csv('" + secret + "')", "read_csv"},
        {"SELECT * FROM read_text('/etc/passwd')", "read_text"},
        {"SELECT * FROM read_parquet('" + outside.resolve("secret.parquet") + "')", "read_parquet"},
        {"SELECT * FROM read_json('" + secret + "')", "read_json"},
        {"SELECT * FROM glob('" + outside + "/*')", "glob"},
        {"SELECT * FROM read_blob('/etc/hostname')", "read_blob"},
        // .. out of the warehouse, before or after a wildcard
        {"SELECT * FROM read_csv('" + w + "/../outside/secret.csv')", "outside the warehouse"},
        {"SELECT * FROM glob('" + w + "/*/../../outside/*')", ".. after a wildcard"},
        // a sibling folder whose name starts with the warehouse's
        {"SELECT * FROM read_csv('" + sibling.resolve("secret.csv") + "')", "outside the warehouse"},
        // a link inside the warehouse that points out of it, by name or through a wildcard
        {"SELECT * FROM read_csv('" + w + "/leak/secret.csv')", "outside the warehouse"},
        {"SELECT * FROM glob('" + w + "/*')", "leads out of the warehouse"},
        {"SELECT * FROM read_csv(['" + w + "/scores/part-00000.parquet', '" + secret + "'])", "read_csv"},
        // a file named as a table (DuckDB's replacement scan)
        {"SELECT * FROM '" + secret + "'", "outside the warehouse"},
        // a path DuckDB would compute: not checkable, so refused
        {"SELECT * FROM read_csv(concat('" + outside + "', '/secret.csv'))", "not a string literal"},
        {"SELECT * FROM read_csv('https://example.com/x.csv')", "a URL"},
        // table functions outside the allow-list
        {"SELECT * FROM query('SELECT 1')", "table function query"},
        {"SELECT * FROM duckdb_secrets()", "table function duckdb_secrets"},
    };
    for (String[] refusal : refusals) {
      String line = refused(refusal[0]);
      assertTrue(line.contains(refusal[1]), refusal[0] + " -> " + line);
      legalQueryStillWorks();
    }
  }

  @Test
  void filesInsideTheWarehouseCanBeReadDirectly() {
    Outcome o = sql("SELECT count(*) AS n FROM read_parquet('" + w + "/facts/**/*.parquet', hive_partitioning = true)",
        "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("n", "3"), o.out().lines().toList());
  }

  @Test
  void badQueriesAreOneLineWithExitCode2() {
    for (String[] bad : new String[][] {{"SELEC 1", "syntax error"}, {"SELECT * FROM nope", "nope"},
        {"SELECT nope FROM scores", "nope"}, {"SELECT CAST('x' AS INTEGER)", "Conversion"}}) {
      Outcome o = sql(bad[0]);
      assertEquals(2, o.code(), bad[0] + "\n" + o.err());
      List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
      assertEquals(1, lines.size(), o.err());
      assertTrue(lines.get(0).startsWith("provstat sql: error: ") && lines.get(0).contains(bad[1]), lines.get(0));
    }
    Outcome unknown = sql("SELECT * FROM nope");
    assertTrue(unknown.err().contains("Tables: facts, scores, provinces, regions, indicators."), unknown.err());
  }

  @Test
  void showTablesAndDescribeListTheWarehouseAndReferenceViews() {
    Outcome tables = sql("SHOW TABLES", "--format", "csv");
    assertEquals(0, tables.code(), tables.err());
    assertEquals(List.of("name", "facts", "indicators", "provinces", "regions", "scores"), tables.out().lines().toList());
    Outcome describe = sql("DESCRIBE facts", "--format", "csv");
    assertEquals(0, describe.code(), describe.err());
    List<String> columns = describe.out().lines().skip(1).map(l -> l.split(",")[0]).toList();
    assertEquals(List.of("province_code", "value", "year"), columns);
  }

  @Test
  void referenceViewsHoldTheCatalogueWithVietnameseNames() {
    Outcome p = sql("SELECT province_name, region_code FROM provinces WHERE province_code = '01'", "--format", "csv");
    assertEquals(List.of("province_name,region_code", "Hà Nội,RRD"), p.out().lines().toList(), p.err());
    Outcome n = sql("SELECT count(*) AS n FROM provinces WHERE valid_to IS NULL", "--format", "csv");
    assertEquals(List.of("n", "63"), n.out().lines().toList(), n.err());
    Outcome r = sql("SELECT count(*) AS n FROM regions WHERE region_code IN ('RRD', 'NMM', 'NCC', 'CH', 'SE', 'MRD')",
        "--format", "csv");
    assertEquals(List.of("n", "6"), r.out().lines().toList(), r.err());
    Outcome i = sql("SELECT name_vi, unit FROM indicators WHERE indicator = 'export_value'", "--format", "json");
    assertEquals(0, i.code(), i.err());
    assertTrue(i.out().contains("\"unit\":\"mn_usd\""), i.out());
    Outcome basis = sql("SELECT count(*) AS n FROM indicators WHERE price_basis IS NOT NULL", "--format", "csv");
    assertTrue(Long.parseLong(basis.out().lines().toList().get(1)) > 0, basis.out());
  }

  @Test
  void describeListsTablesRowsColumnsAndWhatIsNotATable() throws Exception {
    Outcome o = Cli.run("describe", "--engine", "duckdb", "--warehouse", w);
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("warehouse file:" + w + ": 2 table(s)"), o.out());
    assertTrue(o.out().contains("facts: 3 rows; partitioned by year"), o.out());
    assertTrue(o.out().contains("scores: 3 rows\n  (not a provstat table: schema read from its files)"), o.out());
    assertTrue(o.out().contains("notes (not a Parquet table: holds readme.txt)"), o.out());
    assertTrue(o.out().contains("leak (a link to " + outside.toRealPath() + ", outside the warehouse)"), o.out());
    Outcome missing = Cli.run("describe", "--engine", "duckdb", "--warehouse", w, "nope");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no table 'nope'"), missing.err());
  }

  @Test
  void autoPicksDuckDbForALocalWarehouseAndSparkForOtherFileSystems() throws Exception {
    assertEquals("duckdb", SqlJob.engineFor("auto", "warehouse/reports"));
    assertEquals("duckdb", SqlJob.engineFor("auto", "/data/warehouse"));
    assertEquals("duckdb", SqlJob.engineFor("auto", "file:/data/warehouse"));
    assertEquals("duckdb", SqlJob.engineFor("auto", "file:///data/warehouse"));
    assertEquals("spark", SqlJob.engineFor("auto", "hdfs://nn:8020/warehouse"));
    assertEquals("spark", SqlJob.engineFor("auto", "s3a://bucket/warehouse"));
    assertEquals("spark", SqlJob.engineFor("spark", "warehouse/reports"));
    assertEquals("duckdb", SqlJob.engineFor("duckdb", "warehouse/reports"));
    // The default engine answers a local warehouse, given as a path or a file: URI, without Spark.
    Outcome byDefault = Cli.sql("file:" + w, "SELECT sum(n) AS n FROM scores", "--format", "csv");
    assertEquals(List.of("n", "6"), byDefault.out().lines().toList(), byDefault.err());
    assertTrue(org.apache.spark.sql.SparkSession.getDefaultSession().isEmpty());
    Outcome unknown = Cli.sql(w, "SELECT 1", "--engine", "presto");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown --engine 'presto'"), unknown.err());
    Outcome remote = Cli.sql("hdfs://nn:8020/w", "SELECT 1", "--engine", "duckdb");
    assertEquals(2, remote.code());
    assertTrue(remote.err().contains("hdfs://nn:8020/w is not a local folder"), remote.err());
  }
}
