package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.query.WarehouseCatalog;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sql, describe and ddl as an analyst meets them, on a warehouse built from sample-data (plus a
 * Parquet folder provstat does not know and a folder that is not a table).
 */
class AnalystCommandsTest extends SparkTestBase {

  private static Path warehouse;
  private static String w;

  private record Outcome(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  @BeforeAll
  static void pipeline() throws Exception {
    warehouse = Files.createTempDirectory("provstat-analyst");
    w = warehouse.toString();
    Ingestion.run(spark, Ingestion.Config.of(w, SharedData.realSampleData()));
    AnalyzeJob.run(spark, AnalyzeJob.Config.of(w));
    spark.range(3).selectExpr("id", "id * 2 AS twice").write().parquet(warehouse.resolve("extra_table").toString());
    Files.createDirectories(warehouse.resolve("notes"));
    Files.writeString(warehouse.resolve("notes/readme.txt"), "not a table");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try (var paths = Files.walk(warehouse)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Provstat.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Outcome sql(String query, String... options) {
    List<String> args = new ArrayList<>(List.of("sql", "--engine", "spark", "--warehouse", w));
    args.addAll(Arrays.asList(options));
    args.add(query);
    return run(args.toArray(String[]::new));
  }

  /** Exit 2 with exactly one line on stderr, which is returned. */
  private static String usageError(Outcome o) {
    assertEquals(2, o.code(), o.out() + o.err());
    List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), o.err());
    assertEquals("", o.out());
    return lines.get(0);
  }

  private static final String SOC_TRANG_2022 = "SELECT province_name, year, indicator, value FROM observations "
      + "WHERE province_code = '94' AND year = 2022 AND measure = 'value' AND period = 'Y' "
      + "AND indicator IN ('export_value', 'export_rice') ORDER BY indicator";

  // ---- output formats

  @Test
  void tableFormatAlignsColumnsRightAlignsNumbersAndCountsRows() {
    Outcome o = sql(SOC_TRANG_2022);
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.outLines();
    assertEquals(List.of(
        "province_name  year  indicator       value",
        "-------------  ----  ------------  -------",
        "Sóc Trăng      2022  export_rice    362.00",
        "Sóc Trăng      2022  export_value  1500.00",
        "(2 rows)"), lines);
  }

  @Test
  void doublesAreRoundedForDisplayHalfUpOnThePrintedValueOnBothEngines() {
    String q = "SELECT CAST(0.625 AS DOUBLE) AS exact_half, CAST(0.615 AS DOUBLE) AS below_half, "
        + "CAST(212.94117647058823 AS DOUBLE) AS level, CAST(-0.001 AS DOUBLE) AS tiny";
    for (String engine : List.of("spark", "duckdb")) {
      List<String> args = new ArrayList<>(List.of("sql", "--engine", engine, "--warehouse", w, "--format", "csv"));
      Outcome shown = run(Stream.concat(args.stream(), Stream.of(q)).toArray(String[]::new));
      assertEquals(0, shown.code(), engine + ": " + shown.err());
      assertEquals("0.63,0.62,212.94,0.00", shown.outLines().get(1), engine);
      Outcome full = run(Stream.concat(args.stream(), Stream.of("--decimals", "full", q)).toArray(String[]::new));
      assertEquals("0.625,0.615,212.94117647058823,-0.001", full.outLines().get(1), engine);
      Outcome one = run(Stream.concat(args.stream(), Stream.of("--decimals", "1", q)).toArray(String[]::new));
      assertEquals("0.6,0.6,212.9,0.0", one.outLines().get(1), engine);
      Outcome json = run(Stream.concat(Stream.of("sql", "--engine", engine, "--warehouse", w, "--format", "json"),
          Stream.of(q)).toArray(String[]::new));
      assertEquals("{\"exact_half\":0.63,\"below_half\":0.62,\"level\":212.94,\"tiny\":0.0}", json.outLines().get(0),
          engine);
      Outcome bad = run(Stream.concat(args.stream(), Stream.of("--decimals", "two", q)).toArray(String[]::new));
      assertEquals(2, bad.code(), engine);
      assertTrue(bad.err().contains("--decimals must be a whole number from 0 to 15 or 'full', not 'two'"), bad.err());
    }
  }

  @Test
  void tableFormatSaysWhenRowsWereLeftOut() {
    Outcome o = sql("SELECT * FROM rankings ORDER BY scope, indicator, basis, year", "--limit", "3");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.outLines();
    assertEquals(2 + 3 + 1, lines.size(), o.out());
    assertEquals("(first 3 rows; the result has more: raise --limit)", lines.get(lines.size() - 1));
    Outcome nulls = sql("SELECT CAST(NULL AS STRING) AS nothing, 'a\tb' AS tab");
    assertEquals(List.of("nothing  tab", "-------  ----", "NULL     a\\tb", "(1 row)"), nulls.outLines());
  }

  @Test
  void csvQuotesAsRfc4180AndKeepsNullApartFromEmpty() {
    Outcome o = sql("SELECT 'a,b' AS comma, 'say \"hi\"' AS quote, CAST(NULL AS STRING) AS nothing, '' AS empty, "
        + "'line1\nline2' AS newline, 1.5 AS number, 'Sóc Trăng' AS name", "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals("comma,quote,nothing,empty,newline,number,name\n"
        + "\"a,b\",\"say \"\"hi\"\"\",,\"\",\"line1\nline2\",1.5,Sóc Trăng\n", o.out().replace("\r\n", "\n"));

    Outcome rows = sql(SOC_TRANG_2022, "--format", "csv");
    assertEquals(List.of("province_name,year,indicator,value", "Sóc Trăng,2022,export_rice,362.00",
        "Sóc Trăng,2022,export_value,1500.00"), rows.outLines());
  }

  @Test
  void jsonIsOneObjectPerLineWithNullsAndVietnameseIntact() throws Exception {
    Outcome o = sql("SELECT province_code, province_name, rank_among_reporting, complete, prev_rank FROM rankings "
        + "WHERE province_code = '94' ORDER BY year, indicator, basis, scope", "--format", "json");
    assertEquals(0, o.code(), o.err());
    long expected = spark.read().parquet(warehouse.resolve("rankings").toString())
        .where("province_code = '94'").count();
    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = o.outLines();
    assertEquals(expected, lines.size());
    for (String line : lines) {
      JsonNode row = mapper.readTree(line);
      assertEquals(List.of("province_code", "province_name", "rank_among_reporting", "complete", "prev_rank"),
          iterable(row.fieldNames()));
      assertEquals("Sóc Trăng", row.get("province_name").asText());
      assertTrue(row.get("rank_among_reporting").isInt() && row.get("complete").isBoolean(), line);
      assertTrue(row.has("prev_rank"), "nulls are written, not left out: " + line);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"prev_rank\":null")), o.out());

    Outcome limited = sql("SELECT * FROM rankings", "--format", "json", "--limit", "5");
    assertEquals(5, limited.outLines().size());
    assertTrue(limited.err().contains("printed the first 5 rows; the result has more"), limited.err());
    Outcome all = sql("SELECT * FROM rankings", "--format", "json", "--limit", "0");
    assertEquals(spark.read().parquet(warehouse.resolve("rankings").toString()).count(), all.outLines().size());
    assertEquals("", all.err());

    String duplicate = usageError(sql("SELECT 1 AS x, 2 AS x", "--format", "json"));
    assertTrue(duplicate.contains("two columns named 'x'"), duplicate);
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  /** The process's standard output is written as UTF-8 even where the platform default is ASCII. */
  @Test
  void standardOutputIsUtf8WhateverThePlatformDefault() {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
      code = Provstat.execute("sql", "--engine", "spark", "--warehouse", w, "--format", "csv",
          "SELECT DISTINCT province_name FROM observations WHERE province_code = '94'");
    } finally {
      System.setOut(saved);
    }
    assertEquals(0, code);
    assertEquals("province_name\nSóc Trăng\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theQueryCanComeFromAFileAndOptionsAreChecked() throws Exception {
    Path file = warehouse.resolveSibling(warehouse.getFileName() + "-query.sql");
    Files.writeString(file, "-- Sóc Trăng's exports\n" + SOC_TRANG_2022 + ";\n", StandardCharsets.UTF_8);
    try {
      Outcome o = run("sql", "--engine", "spark", "--warehouse", w, "--file", file.toString(), "--format", "csv");
      assertEquals(0, o.code(), o.err());
      assertEquals(3, o.outLines().size(), o.out());
    } finally {
      Files.delete(file);
    }
    assertTrue(usageError(run("sql", "--engine", "spark", "--warehouse", w, "--file", "no/such.sql")).contains("no/such.sql"));
    assertTrue(usageError(run("sql", "--engine", "spark", "--warehouse", w)).contains("give the query"));
    assertTrue(usageError(sql("SELECT 1", "--format", "xml")).contains("unknown --format 'xml'"));
    assertTrue(usageError(sql("SELECT 1", "--limit", "0")).contains("--limit 0 (all rows) needs --format csv or json"));
    assertTrue(usageError(run("sql", "--engine", "spark", "--warehouse", warehouse.resolve("nowhere").toString(), "SELECT 1"))
        .contains("no tables in warehouse"));
  }

  // ---- read-only

  @Test
  void everyStatementThatWritesDropsOrAltersIsRefused() {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("INSERT INTO rankings SELECT * FROM rankings", "INSERT");
    refused.put("INSERT OVERWRITE TABLE rankings SELECT * FROM rankings", "INSERT");
    refused.put("CREATE TABLE copy AS SELECT * FROM rankings", "CREATE TABLE AS SELECT");
    refused.put("CREATE TABLE copy USING parquet AS SELECT * FROM rankings", "CREATE TABLE AS SELECT");
    refused.put("REPLACE TABLE copy USING parquet AS SELECT * FROM rankings", "REPLACE TABLE AS SELECT");
    refused.put("DROP TABLE rankings", "DROP TABLE");
    refused.put("DROP VIEW rankings", "DROP VIEW");
    refused.put("ALTER TABLE rankings RENAME TO old_rankings", "ALTER TABLE RENAME");
    refused.put("ALTER TABLE rankings ADD COLUMNS (x INT)", "ADD COLUMNS");
    refused.put("ALTER VIEW rankings AS SELECT 1", "ALTER VIEW AS");
    refused.put("CACHE TABLE rankings", "CACHE TABLE");
    refused.put("CACHE TABLE c AS SELECT * FROM rankings", "CACHE TABLE AS SELECT");
    refused.put("UNCACHE TABLE rankings", "UNCACHE TABLE");
    refused.put("INSERT OVERWRITE DIRECTORY '" + warehouse.resolve("dump") + "' USING parquet SELECT * FROM rankings",
        "INSERT OVERWRITE DIRECTORY");
    refused.put("INSERT OVERWRITE LOCAL DIRECTORY '" + warehouse.resolve("dump") + "' SELECT * FROM rankings",
        "INSERT OVERWRITE DIRECTORY");
    refused.put("WITH r AS (SELECT * FROM rankings) INSERT INTO rankings SELECT * FROM r", "INSERT");
    refused.put("DELETE FROM rankings WHERE year = 2022", "DELETE FROM TABLE");
    refused.put("UPDATE rankings SET rank = 1", "UPDATE TABLE");
    refused.put("MERGE INTO rankings t USING rankings s ON t.rank = s.rank WHEN MATCHED THEN DELETE",
        "MERGE INTO TABLE");
    refused.put("TRUNCATE TABLE rankings", "TRUNCATE TABLE");
    refused.put("CREATE TEMPORARY VIEW v AS SELECT 1", "CREATE VIEW");
    refused.put("CREATE OR REPLACE TEMPORARY VIEW rankings AS SELECT 1", "CREATE VIEW");
    refused.put("SET spark.sql.ansi.enabled = false", "SET");
    refused.put("ADD JAR /tmp/x.jar", "ADD JARS");
    refused.put("MSCK REPAIR TABLE rankings", "MSCK REPAIR TABLE");
    refused.put("LOAD DATA LOCAL INPATH '/tmp/x' INTO TABLE rankings", "LOAD DATA");
    refused.put("BEGIN SELECT 1; DROP TABLE rankings; END", "SQL script (BEGIN ... END)");
    refused.put("EXECUTE IMMEDIATE 'DROP TABLE rankings'", "EXECUTE IMMEDIATE");
    refused.put("SELECT TRANSFORM(scope) USING 'cat' AS (x) FROM rankings", "TRANSFORM ... USING (runs a program)");
    refused.put("SHOW TABLES", "SHOW TABLES");
    refused.put("EXPLAIN SELECT 1", "EXPLAIN");
    for (Map.Entry<String, String> statement : refused.entrySet()) {
      String line = usageError(sql(statement.getKey()));
      assertEquals("provstat sql: error: refused: " + statement.getValue() + " is not a query; sql runs read-only "
          + "queries only (SELECT, WITH ... SELECT, VALUES, TABLE)", line, statement.getKey());
    }
    String reflect = usageError(sql("SELECT java_method('java.lang.System', 'getProperty', 'user.dir')"));
    assertTrue(reflect.contains("refused: function java_method calls Java methods"), reflect);
    String scalar = usageError(sql("SELECT (SELECT reflect('java.lang.System', 'getProperty', 'user.dir'))"));
    assertTrue(scalar.contains("refused: function reflect"), scalar);

    // Nothing was changed: the tables are all there with their rows, and no directory was written.
    assertFalse(Files.exists(warehouse.resolve("dump")));
    Outcome count = sql("SELECT count(*) AS n FROM rankings", "--format", "csv");
    assertEquals(List.of("n", String.valueOf(spark.read().parquet(warehouse.resolve("rankings").toString()).count())),
        count.outLines());
  }

  @Test
  void moreThanOneStatementIsASyntaxErrorThatSaysSo() {
    String two = usageError(sql("SELECT 1; DROP TABLE rankings"));
    assertTrue(two.startsWith("provstat sql: error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'DROP'"), two);
    assertTrue(two.endsWith("(sql runs one statement at a time)"), two);
    Outcome trailing = sql("SELECT 1 AS one;", "--format", "csv");
    assertEquals(List.of("one", "1"), trailing.outLines());
  }

  @Test
  void aSyntaxErrorOrAnUnknownTableIsOneReadableLine() {
    String syntax = usageError(sql("SELEC * FORM rankings"));
    assertEquals("provstat sql: error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 "
        + "(line 1, pos 0)", syntax);
    String table = usageError(sql("SELECT * FROM rankingz"));
    assertTrue(table.startsWith("provstat sql: error: [TABLE_OR_VIEW_NOT_FOUND] The table or view `rankingz` "
        + "cannot be found."), table);
    assertTrue(table.contains("(line 1, pos 14)") && table.contains("Tables: observations,"), table);
    String column = usageError(sql("SELECT rnk FROM rankings"));
    assertTrue(column.contains("[UNRESOLVED_COLUMN.WITH_SUGGESTION]") && column.contains("`rank`"), column);
    String data = usageError(sql("SELECT CAST(province_name AS INT) FROM observations"));
    assertTrue(data.contains("[CAST_INVALID_INPUT]"), data);
  }

  @Test
  void queriesOfEveryShapeRunAndFoldersThatAreNotTablesAreNoted() {
    Outcome window = sql("WITH r AS (SELECT scope, year, count(*) AS n FROM rankings GROUP BY scope, year) "
        + "SELECT scope, year, n, sum(n) OVER (PARTITION BY scope ORDER BY year) AS running FROM r "
        + "WHERE scope = 'NCC' ORDER BY year", "--format", "csv");
    assertEquals(0, window.code(), window.err());
    assertEquals("scope,year,n,running", window.outLines().get(0));
    String notes = usageError(sql("SELECT * FROM notes"));
    assertTrue(notes.endsWith("Not tables: notes (not a Parquet table: holds readme.txt)."), notes);
    Outcome extra = sql("SELECT sum(twice) AS s FROM extra_table", "--format", "csv");
    assertEquals(List.of("s", "6"), extra.outLines());
    Outcome join = sql("SELECT p.province_name, s.targets_met FROM plan_gap p JOIN scorecard s "
        + "USING (province_code, year, period, boundaries) WHERE p.province_code = '94' AND p.year = 2022 LIMIT 1",
        "--format", "json");
    assertEquals(0, join.code(), join.err());
    assertTrue(join.out().contains("\"province_name\":\"Sóc Trăng\""), join.out());
  }

  // ---- describe and ddl

  @Test
  void describeListsEveryTableItsColumnsWithTheirMeaningAndItsRows() {
    Outcome o = run("describe", "--engine", "spark", "--warehouse", w);
    assertEquals(0, o.code(), o.err());
    for (WarehouseCatalog.Table table : WarehouseCatalog.open(spark, w).tables()) {
      long rows = spark.read().parquet(warehouse.resolve(table.name()).toString()).count();
      assertTrue(o.out().contains("\n" + table.name() + ": " + rows + " row"), table.name() + "\n" + o.out());
    }
    assertTrue(o.out().contains("observations: 68 rows; partitioned by year\n"
        + "  One row per published number for a province: the canonical model.\n"), o.out());
    assertTrue(o.outLines().stream().anyMatch(
        l -> l.matches("  province_name +string +Vietnamese name, with diacritics")), o.out());
    assertTrue(o.outLines().stream().anyMatch(
        l -> l.matches("  rank_change +int +prev_rank - rank: positive = moved up")), o.out());
    assertTrue(o.out().contains("extra_table: 3 rows\n  (not a provstat table"), o.out());
    assertTrue(o.out().endsWith("folders that are not tables:\n  notes (not a Parquet table: holds readme.txt)\n"),
        o.out());

    Outcome one = run("describe", "--engine", "spark", "--warehouse", w, "scorecard");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("scorecard: ") && !one.out().contains("rankings:"), one.out());
    assertTrue(usageError(run("describe", "--engine", "spark", "--warehouse", w, "scorecards")).contains("no table 'scorecards'"));
  }

  @Test
  void ddlRegistersEveryTableInAMetastoreWithItsRows() {
    Outcome o = run("ddl", "--warehouse", w, "--database", "provstat_ddl");
    assertEquals(0, o.code(), o.err());
    String location = warehouse.toUri().toString().replaceAll("/$", "").replace("file:///", "file:/");
    assertTrue(o.out().contains("CREATE TABLE IF NOT EXISTS `provstat_ddl`.`observations` (\n"
        + "  `province_code` STRING COMMENT 'GSO two-digit province code',\n"), o.out());
    assertTrue(o.out().contains("USING parquet\nPARTITIONED BY (`year`)\nCOMMENT 'One row per published number"),
        o.out());
    assertTrue(o.out().contains("LOCATION '" + location + "/observations';\n"), o.out());
    assertTrue(o.out().contains("MSCK REPAIR TABLE `provstat_ddl`.`observations`;"), o.out());

    List<String> statements = Arrays.stream(o.out().split(";\n")).map(String::strip)
        .map(s -> s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip())
        .filter(s -> !s.isEmpty()).toList();
    try {
      for (String statement : statements) {
        spark.sql(statement);
      }
      for (WarehouseCatalog.Table table : WarehouseCatalog.open(spark, w).tables()) {
        long rows = spark.read().parquet(warehouse.resolve(table.name()).toString()).count();
        assertEquals(rows, spark.table("provstat_ddl." + table.name()).count(), table.name());
      }
      String comment = spark.sql("DESCRIBE TABLE provstat_ddl.rankings").where("col_name = 'rank_change'")
          .first().getAs("comment");
      assertEquals("prev_rank - rank: positive = moved up", comment);
    } finally {
      spark.sql("DROP DATABASE IF EXISTS provstat_ddl CASCADE");
    }
    assertTrue(usageError(run("ddl", "--warehouse", w, "--database", "my-db")).contains("--database 'my-db'"));
  }
}
