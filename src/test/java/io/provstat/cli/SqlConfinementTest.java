package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.testing.SharedData;
import io.provstat.testing.Cli;
import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sql} is confined by the plan it runs, not by the text: every way a hostile tester found
 * (and a reviewer would try) to read a file, call Java, write or run a command is refused with
 * exit 2 and one line, nothing is written, and a legal query still works afterwards in the same JVM.
 */
class SqlConfinementTest extends SparkTestBase {

  private static Path warehouse;
  private static Path outside;
  private static String w;


  @BeforeAll
  static void warehouse() throws Exception {
    warehouse = Files.createTempDirectory("provstat-confine");
    w = warehouse.toString();
    Ingestion.run(spark, Ingestion.Config.of(w, SharedData.realSampleData()));
    // Files outside the warehouse that a query must not reach, and views of another session over them.
    outside = Files.createTempDirectory("provstat-outside");
    Files.writeString(outside.resolve("secret.txt"), "secret\n");
    spark.range(2).selectExpr("id AS secret").write().parquet(outside.resolve("secret_table").toString());
    spark.read().parquet(outside.resolve("secret_table").toString()).createOrReplaceGlobalTempView("leak");
    spark.read().parquet(outside.resolve("secret_table").toString()).createOrReplaceGlobalTempView("observations");
    // A function of the parent session: the query session must not see it.
    spark.udf().register("leak", (org.apache.spark.sql.api.java.UDF1<Long, Long>) v -> v,
        org.apache.spark.sql.types.DataTypes.LongType);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (Path root : new Path[] {warehouse, outside}) {
      io.provstat.testing.TestFiles.deleteTree(root);
    }
  }

  private static Outcome sql(String query, String... options) {
    return Cli.sparkSql(w, query, options);
  }

  /** Exit 2, nothing printed, exactly one line on stderr, which is returned. */
  private static String refused(String query) {
    Outcome o = sql(query);
    assertEquals(2, o.code(), query + "\n" + o.out() + o.err());
    List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), query + "\n" + o.err());
    assertEquals("", o.out(), query);
    return lines.get(0);
  }

  /** A legal query over the warehouse, run after each refused one: the session is still usable. */
  private static void legalQueryStillWorks() {
    Outcome o = sql("SELECT count(*) AS n FROM observations", "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("n", "68"), o.out().lines().toList());
  }

  static Stream<Arguments> hostileStatements() {
    String root = w;
    String x = outside.toString();
    return Stream.of(
        // file-path tables, however named
        Arguments.of("SELECT * FROM text.`/etc/passwd`", "`/etc/passwd`"),
        Arguments.of("SELECT * FROM csv.`/etc/passwd`", "`/etc/passwd`"),
        Arguments.of("SELECT * FROM binaryFile.`/etc/passwd`", "`/etc/passwd`"),
        Arguments.of("SELECT * FROM json.`/etc/passwd`", "`/etc/passwd`"),
        Arguments.of("SELECT * FROM TEXT.`" + x + "/secret.txt`", "secret.txt"),
        Arguments.of("SELECT * FROM parquet.`" + root + "/observations`", "observations"),
        Arguments.of("SELECT * FROM IDENTIFIER('text.`/etc/hostname`')", "`/etc/hostname`"),
        Arguments.of("SELECT * FROM observations WHERE year IN (SELECT 1 FROM IDENTIFIER('text.`/etc/hostname`'))",
            "`/etc/hostname`"),
        Arguments.of("WITH a AS (SELECT * FROM IDENTIFIER('csv.`/etc/hostname`')) SELECT * FROM a", "`/etc/hostname`"),
        Arguments.of("SELECT * FROM observations o JOIN IDENTIFIER('binaryFile.`/etc/hostname`') f ON true",
            "`/etc/hostname`"),
        // views and tables that are not the warehouse's
        Arguments.of("SELECT * FROM global_temp.leak", "global_temp.leak is not a table of the warehouse"),
        Arguments.of("SELECT * FROM global_temp.observations", "are not a table of the warehouse"),
        Arguments.of("SELECT * FROM IDENTIFIER('global_temp.observations')", "are not a table of the warehouse"),
        // Java, however the function is named
        Arguments.of("SELECT IDENTIFIER('java_method')('java.lang.System', 'getProperty', 'user.name')",
            "calls Java methods"),
        Arguments.of("SELECT IDENTIFIER('REFLECT')('java.lang.System', 'getProperty', 'user.name')",
            "calls Java methods"),
        Arguments.of("SELECT IDENTIFIER('try_reflect')('java.lang.System', 'getProperty', 'user.name')",
            "calls Java methods"),
        Arguments.of("SELECT Java_Method('java.lang.System', 'getProperty', 'user.name')", "calls Java methods"),
        Arguments.of("SELECT `reflect`('java.lang.System', 'getProperty', 'user.name')", "calls Java methods"),
        Arguments.of("SELECT TRY_REFLECT('java.lang.System', 'getProperty', 'user.name')", "calls Java methods"),
        Arguments.of("SELECT builtin.reflect('java.lang.System', 'getProperty', 'user.name')", "calls Java methods"),
        // Spark refuses this one itself (an inline table's values are evaluated, a call of Java cannot be)
        Arguments.of("SELECT * FROM VALUES (IDENTIFIER('java_method')('java.lang.System', 'getProperty', 'user.name'))",
            "java_method"),
        Arguments.of("WITH a AS (SELECT IDENTIFIER('reflect')('java.lang.System', 'getenv', 'HOME') AS h) SELECT * FROM a",
            "calls Java methods"),
        Arguments.of("SELECT IDENTIFIER('from_xml')('<a>1</a>', IDENTIFIER('schema_of_xml')('<a>1</a>'))", "parses XML"),
        Arguments.of("SELECT IDENTIFIER('xpath')('<a>1</a>', 'a')", "parses XML"),
        Arguments.of("TABLE IDENTIFIER('text.`/etc/passwd`')", "`/etc/passwd`"),
        Arguments.of("SELECT * FROM observations VERSION AS OF 1", "TIME_TRAVEL"),
        Arguments.of("SELECT * FROM STREAM observations", "streaming"),
        Arguments.of("SELECT * FROM range(10) WATERMARK id DELAY OF INTERVAL 1 SECOND", "WATERMARK"),
        Arguments.of("EXPLAIN SELECT * FROM text.`/etc/passwd`", "EXPLAIN"),
        Arguments.of("SET VAR v = 1", "SET VARIABLE"),
        Arguments.of("CALL system.x()", "CALL"),
        Arguments.of("SELECT leak(1)", "leak"),
        Arguments.of("SELECT xpath_string('<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>', 'a')",
            "parses XML"),
        // commands, however reached
        Arguments.of("CACHE TABLE IDENTIFIER('observations')", "CACHE TABLE"),
        Arguments.of("EXECUTE IMMEDIATE 'SELECT * FROM text.`/etc/passwd`'", "EXECUTE IMMEDIATE"),
        Arguments.of("SET spark.sql.runSQLOnFiles=true", "SET"),
        Arguments.of("ADD JAR /tmp/x.jar", "ADD JARS"),
        Arguments.of("INSERT OVERWRITE DIRECTORY '" + x + "/dump' USING csv SELECT 1", "INSERT OVERWRITE DIRECTORY"),
        Arguments.of("SELECT TRANSFORM(1) USING 'touch " + x + "/transformed' AS (y)", "TRANSFORM ... USING"),
        Arguments.of("LOAD DATA LOCAL INPATH '/etc/passwd' INTO TABLE observations", "LOAD DATA"),
        Arguments.of("REFRESH TABLE observations", "REFRESH TABLE"),
        Arguments.of("REFRESH '" + root + "'", "REFRESH"),
        Arguments.of("DECLARE VARIABLE v INT DEFAULT 1", "DECLARE VARIABLE"),
        Arguments.of("CREATE TEMPORARY FUNCTION f AS 'org.apache.spark.sql.hive.HiveUDF'", "CREATE FUNCTION"),
        Arguments.of("SHOW TABLES", "SHOW TABLES"),
        Arguments.of("SHOW FUNCTIONS", "SHOW FUNCTIONS"),
        Arguments.of("DESCRIBE observations", "DESCRIBE TABLE"),
        Arguments.of("DESCRIBE FUNCTION reflect", "DESCRIBE FUNCTION"),
        Arguments.of("SELECT 1; /* a comment */ DROP TABLE observations", "one statement at a time"),
        Arguments.of("/* ; */ SELECT 1 -- ;\n; CACHE TABLE observations", "one statement at a time"),
        Arguments.of("SELECT 1 /*; DROP TABLE observations; */ ; DROP VIEW observations", "one statement at a time"));
  }

  @ParameterizedTest
  @MethodSource("hostileStatements")
  void everyEscapeIsRefusedWithOneLineAndTheNextQueryStillWorks(String query, String named) {
    String line = refused(query);
    assertTrue(line.startsWith("provstat sql: error: "), line);
    assertTrue(line.contains(named), query + " -> " + line);
    assertFalse(line.toLowerCase(java.util.Locale.ROOT).contains("secret\n") || line.contains("root:"), line);
    legalQueryStillWorks();
    assertFalse(Files.exists(outside.resolve("dump")), query);
    assertFalse(Files.exists(outside.resolve("transformed")), query);
  }

  @Test
  void aJavaCallThatWouldCreateASymlinkCreatesNothing() {
    Path link = outside.resolve("link-to-hostname");
    String line = refused("SELECT IDENTIFIER('java_method')('org.apache.hadoop.fs.FileUtil', 'symLink', "
        + "'/etc/hostname', '" + link + "')");
    assertTrue(line.contains("calls Java methods"), line);
    assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    String plain = refused("SELECT java_method('org.apache.hadoop.fs.FileUtil', 'symLink', '/etc/hostname', '"
        + link + "')");
    assertTrue(plain.contains("calls Java methods"), plain);
    assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    legalQueryStillWorks();
  }

  /** Whether {@link Canary}'s static initializer ran: kept apart so that reading it loads no Canary. */
  static final class CanaryFlag {
    static volatile boolean initialized;
  }

  /** A class whose loading is a side effect a query must not cause (its initializer could do anything). */
  static final class Canary {
    static {
      CanaryFlag.initialized = true;
    }

    public static String touch() {
      return "touched";
    }
  }

  @Test
  void aJavaCallNamedThroughIdentifierLoadsNoClassBeforeItIsRefused() {
    // Resolving reflect(...) loads and initializes the class it names, during analysis, before
    // the analyzed plan is checked: the function must be unusable in the session, not just refused after.
    String canary = Canary.class.getName();
    for (String function : List.of("IDENTIFIER('reflect')", "IDENTIFIER('java_method')", "IDENTIFIER('try_reflect')")) {
      String line = refused("SELECT (SELECT " + function + "('" + canary + "', 'touch'))");
      assertTrue(line.contains("calls Java methods"), function + " -> " + line);
      assertFalse(CanaryFlag.initialized, function + " initialized " + canary);
    }
    legalQueryStillWorks();
  }

  @Test
  void aProtobufDescriptorPathIsNeverRead() {
    // from_protobuf/to_protobuf read the descriptor file they name while the query is analyzed: the
    // answer must not depend on whether a file outside the warehouse exists (nor read /dev/zero).
    String existing = outside.resolve("secret.txt").toString();
    String missing = outside.resolve("no-such-file").toString();
    for (String call : List.of("IDENTIFIER('from_protobuf')(X'00', 'M', '%s')", "from_protobuf(X'00', 'M', '%s')",
        "IDENTIFIER('to_protobuf')(named_struct('a', 1), 'M', '%s')")) {
      String onExisting = refused("SELECT " + String.format(call, existing));
      String onMissing = refused("SELECT " + String.format(call, missing));
      assertTrue(onExisting.contains("refused: function") && onExisting.contains("protobuf"), onExisting);
      assertEquals(onExisting, onMissing.replace(missing, existing));
    }
    legalQueryStillWorks();
  }

  @Test
  void relationOptionsDoNotRedirectAView() {
    Outcome o = sql("SELECT count(*) AS n FROM observations WITH ('path'='/etc/passwd', 'format'='text')",
        "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("n", "68"), o.out().lines().toList());
  }

  @Test
  void aQueryThatRaisesItsOwnErrorIsExitTwoInOneLine() {
    // raise_error/assert_true fail on the query's own terms (SQLSTATE P0001): the user's input, not a failed job.
    assertTrue(refused("SELECT raise_error('no data for ' || 2023)").contains("no data for 2023"));
    assertTrue(refused("SELECT assert_true(count(*) = 0) FROM observations").contains("USER_RAISED_EXCEPTION"));
    legalQueryStillWorks();
  }

  @Test
  void aTableCreatedThroughIdentifierWritesNothing() {
    Path location = outside.resolve("created");
    String line = refused("CREATE TABLE IDENTIFIER('x') USING csv LOCATION '" + location + "' AS SELECT * FROM observations");
    assertTrue(line.contains("CREATE TABLE AS SELECT"), line);
    assertFalse(Files.exists(location));
    String insert = refused("INSERT INTO IDENTIFIER('observations') SELECT * FROM observations");
    assertTrue(insert.contains("INSERT"), insert);
    legalQueryStillWorks();
  }

  @Test
  void legalQueriesOfEveryShapeStillRun() {
    List<String> queries = List.of(
        "SELECT province_name, year, value FROM observations o JOIN (SELECT DISTINCT province_code FROM observations) p "
            + "USING (province_code) WHERE year = 2022 ORDER BY value DESC LIMIT 3",
        "WITH t AS (SELECT province_code, year, count(*) AS n FROM observations GROUP BY ALL) "
            + "SELECT province_code, year, n, sum(n) OVER (PARTITION BY province_code ORDER BY year) AS running, "
            + "rank() OVER (ORDER BY n DESC) AS r, lag(n) OVER (PARTITION BY province_code ORDER BY year) AS prev FROM t",
        "SELECT * FROM observations WHERE year IN (SELECT max(year) FROM observations) "
            + "AND EXISTS (SELECT 1 FROM observations o2 WHERE o2.province_code = observations.province_code)",
        "SELECT (SELECT count(*) FROM observations) AS n, id FROM range(3)",
        "SELECT * FROM IDENTIFIER('observations') LIMIT 1",
        "SELECT x FROM explode(array(1, 2, 3)) AS t(x)",
        "SELECT * FROM VALUES (1, 'Sóc Trăng'), (2, 'Nghệ An') AS v(a, b)",
        "SELECT e FROM observations LATERAL VIEW explode(array(year, year + 1)) t AS e LIMIT 2",
        "SELECT * FROM inline(array(struct(1, 'a'))) UNION ALL SELECT * FROM stack(2, 1, 'b', 2, 'c')",
        "SELECT upper(province_name), lower(indicator), concat_ws('-', province_code, year), substr(indicator, 1, 3), "
            + "round(value, 1), abs(value), coalesce(quote, 'none'), nvl(quote, ''), cast(year AS string), "
            + "try_cast('x' AS int), year + 1, value / nullif(value, 0), value % 7, cast(value AS bigint) DIV 2, "
            + "date_add(DATE'2022-01-01', 1), make_date(year, 1, 1), to_date('2022-01-01'), "
            + "date_format(TIMESTAMP'2022-01-01 00:00:00', 'yyyy'), current_date() IS NOT NULL, "
            + "regexp_extract(indicator, '([a-z]+)', 1), split(indicator, '_'), size(split(indicator, '_')), "
            + "transform(array(1, 2), v -> v * 2), filter(array(1, 2), v -> v > 1), "
            + "named_struct('a', 1).a, map('k', 1)['k'], array(1, 2)[0], element_at(array(1), 1), "
            + "CASE WHEN value > 100 THEN 'big' ELSE 'small' END, if(value > 0, 1, 0), greatest(1, 2), "
            + "startswith(indicator, 'ex'), lpad(province_code, 4, '0'), ceil(value), floor(value), "
            + "to_char(value, '9999.99'), date_part('year', DATE'2022-03-01'), percentile_cont(0.5) WITHIN GROUP "
            + "(ORDER BY value) OVER (), md5(indicator), sha2(indicator, 256), to_json(named_struct('a', 1)), "
            + "from_json('{\"a\":1}', 'a INT').a, get_json_object('{\"a\":1}', '$.a'), typeof(value), "
            + "interval 1 day + TIMESTAMP'2022-01-01 00:00:00', DATE'2022-02-01' - DATE'2022-01-01' "
            + "FROM observations LIMIT 2",
        "SELECT indicator, count(*), sum(value), avg(value), min(value), max(value), stddev(value), "
            + "percentile_approx(value, 0.5), collect_list(year), count(DISTINCT province_code), "
            + "approx_count_distinct(province_code), mode(year), try_sum(value), try_avg(value), max_by(year, value) "
            + "FROM observations GROUP BY indicator",
        "SELECT * FROM (SELECT province_code, indicator, value FROM observations WHERE measure = 'value') "
            + "PIVOT (sum(value) FOR indicator IN ('export_value', 'export_rice'))",
        "SELECT province_code, year FROM observations GROUP BY ROLLUP (province_code, year)",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
        "SELECT * FROM observations TABLESAMPLE (50 PERCENT) LIMIT 1",
        "SELECT indicator LIKE ANY ('export%', 'import%'), indicator NOT LIKE ALL ('x%'), indicator ILIKE ALL ('EX%'), "
            + "indicator NOT LIKE ANY ('%rice') FROM observations",
        "FROM observations |> WHERE year > 2020 |> AGGREGATE count(*) AS n");
    for (String query : queries) {
      Outcome o = sql(query, "--format", "csv");
      assertEquals(0, o.code(), query + "\n" + o.err());
      assertTrue(o.out().lines().count() >= 2, query + "\n" + o.out());
    }
  }

  @Test
  void fiveThousandNestedParenthesesAreOneLineNotATrace() {
    String query = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000);
    String line = refused(query);
    assertTrue(line.contains("query nested too deeply"), line);
    legalQueryStillWorks();
  }

  @Test
  void anUnknownEngineIsRefusedNamingTheKnownOnes() {
    Outcome o = Cli.sql(w, "SELECT 1", "--engine", "presto");
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().filter(l -> !l.isBlank()).count(), o.err());
    assertTrue(o.err().contains("unknown --engine 'presto' (known: auto, duckdb, spark)"), o.err());
    Outcome spark = sql("SELECT 1 AS one", "--format", "csv");
    assertEquals(List.of("one", "1"), spark.out().lines().toList(), spark.err());
  }
}
