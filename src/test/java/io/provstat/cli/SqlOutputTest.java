package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.query.ResultWriter;
import io.provstat.testing.Cli;
import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.SparkTestBase;
import io.provstat.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code sql} prints and how: formula-safe CSV, results streamed a small partition at a time,
 * and nothing left in the working directory. The warehouse is one Parquet folder (any Parquet
 * folder is a table), so no ingest is needed.
 */
class SqlOutputTest extends SparkTestBase {

  private static Path warehouse;
  private static String w;


  @BeforeAll
  static void warehouse() throws Exception {
    warehouse = Files.createTempDirectory("provstat-sql-output");
    w = warehouse.toString();
    spark.sql("SELECT * FROM VALUES ('=HYPERLINK(\"http://x\")', 1), ('+1+2', -5), ('-2', 2), ('@SUM(A1)', 3), "
        + "('\tTAB', 4), ('\rCR', 5), ('plain', 6), ('a=b', 7) AS t(raw_text, n)")
        .coalesce(1).write().parquet(warehouse.resolve("lines").toString());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    TestFiles.deleteTree(warehouse);
  }

  private static Outcome sql(String query, String... options) {
    return Cli.sparkSql(w, query, options);
  }

  @Test
  void csvTextThatASpreadsheetWouldRunIsWrittenAsText() {
    Outcome o = sql("SELECT raw_text, n, -n AS negative, 1.5 - 3 AS decimal FROM lines ORDER BY n", "--format", "csv");
    assertEquals(0, o.code(), o.err());
    assertEquals("raw_text,n,negative,decimal\n"
        + "'+1+2,-5,5,-1.5\n"
        + "\"'=HYPERLINK(\"\"http://x\"\")\",1,-1,-1.5\n"
        + "'-2,2,-2,-1.5\n"
        + "'@SUM(A1),3,-3,-1.5\n"
        + "'\tTAB,4,-4,-1.5\n"
        + "\"'\rCR\",5,-5,-1.5\n"
        + "plain,6,-6,-1.5\n"
        + "a=b,7,-7,-1.5\n", o.out().replace("\r\n", "\n"));
    Outcome header = sql("SELECT 1 AS `=cmd`", "--format", "csv");
    assertEquals(List.of("'=cmd", "1"), header.out().lines().toList());
    // JSON and the table are not read by spreadsheets: values stay as they are.
    Outcome json = sql("SELECT raw_text FROM lines WHERE n = 1", "--format", "json");
    assertEquals("{\"raw_text\":\"=HYPERLINK(\\\"http://x\\\")\"}\n", json.out().replace("\r\n", "\n"));
  }

  @Test
  void rangesAreSplitSoTheDriverPullsSmallPartitions() throws Exception {
    LogicalPlan plan = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().sqlParser()
        .parsePlan("SELECT * FROM range(100000000)");
    LogicalPlan analyzed = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().analyzer()
        .executeAndCheck(plan, new org.apache.spark.sql.catalyst.QueryPlanningTracker(scala.Option.empty()));
    List<Integer> slices = new ArrayList<>();
    ResultWriter.splitRanges(analyzed).foreach(node -> {
      if (node instanceof Range r) {
        slices.add((Integer) r.numSlices().get());
      }
      return scala.runtime.BoxedUnit.UNIT;
    });
    assertEquals(List.of(96), slices, "10^8 rows in partitions of at most 2^20");
  }

  @Test
  void allRowsAreStreamedOnePartitionAtATime() throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      Outcome o = sql("SELECT id FROM range(3000000)", "--format", "csv", "--limit", "0");
      assertEquals(0, o.code(), o.err());
      List<String> lines = o.out().lines().toList();
      assertEquals(3_000_001, lines.size());
      assertEquals("2999999", lines.get(lines.size() - 1));
      spark.sparkContext().listenerBus().waitUntilEmpty();
      // range(3 * 10^6) is 3 partitions of at most 2^20 rows, each its own job: never all at once.
      assertTrue(jobs.get() >= 3, "jobs: " + jobs.get());

      Outcome limited = sql("SELECT id FROM range(3000000)", "--format", "json", "--limit", "200000");
      assertEquals(200_000, limited.out().lines().count());
      assertTrue(limited.err().contains("printed the first 200000 rows; the result has more"), limited.err());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  /**
   * An unknown table makes Spark look in its metastore, which creates spark-warehouse/ in the working
   * directory: run as a user does, in a process of its own started in an empty directory.
   */
  @Test
  void anUnknownTableLeavesNothingInTheWorkingDirectory() throws Exception {
    Path cwd = Files.createTempDirectory("provstat-sql-cwd");
    Path tmp = Files.createTempDirectory("provstat-sql-tmp");
    try {
      Path project = Path.of(System.getProperty("provstat.basedir", "."));
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String flag : Files.readAllLines(project.resolve("jobs/conf/java17-flags"))) {
        if (!flag.isBlank() && !flag.strip().startsWith("#")) {
          command.add(flag.strip());
        }
      }
      command.addAll(List.of("-Xmx512m", "-Djava.io.tmpdir=" + tmp,
          "-Dlog4j2.configurationFile=" + project.resolve("jobs/conf/log4j2.properties"),
          "-cp", System.getProperty("java.class.path"), "io.provstat.cli.Provstat",
          "sql", "--engine", "spark", "--master", "local[1]", "--warehouse", w, "SELECT * FROM no_such_table"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, process.waitFor(), err);
      assertEquals("", new String(out, StandardCharsets.UTF_8));
      List<String> ours = err.lines().filter(l -> l.startsWith("provstat")).toList();
      assertEquals(1, ours.size(), err);
      assertTrue(ours.get(0).contains("TABLE_OR_VIEW_NOT_FOUND") && ours.get(0).contains("lines"), err);
      try (var left = Files.list(cwd)) {
        assertEquals(List.of(), left.toList(), "the working directory stays empty");
      }
      try (var left = Files.list(tmp)) {
        assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("provstat-sql")).toList());
      }
    } finally {
      TestFiles.deleteTree(cwd);
      TestFiles.deleteTree(tmp);
    }
  }
}
