package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.cli.Provstat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is refused before Spark starts: each case would start a session (a master is given), and
 * none may; and where the Spark UI is switched off. No session of its own: none is needed.
 */
class PreflightTest {

  @TempDir Path dir;

  private record Outcome(int code, String out, String err, long millis) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withMaster = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--master", "local[1]")).toArray(String[]::new);
    long started = System.nanoTime();
    int code = Provstat.execute(new PrintWriter(out), new PrintWriter(err), withMaster);
    return new Outcome(code, out.toString(), err.toString(), (System.nanoTime() - started) / 1_000_000);
  }

  /** The refusal: exit 2, one line, and no Spark session started for it. */
  private static String refused(String... args) {
    int sessions = JobRunner.sessionsStarted();
    Outcome o = run(args);
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertEquals(sessions, JobRunner.sessionsStarted(), "a Spark session was started for: " + o.err());
    return o.err().strip();
  }

  @Test
  void aMissingInputIsOneLineInWellUnderASecondWithoutSpark() {
    Path missing = dir.resolve("no-such-file.csv");
    String w = dir.resolve("w").toString();
    run("ingest", "--input", dir.resolve("warm-up.csv").toString(), "--warehouse", w);
    int sessions = JobRunner.sessionsStarted();
    Outcome o = run("ingest", "--input", missing.toString(), "--warehouse", w);
    assertEquals(2, o.code());
    assertEquals("provstat ingest: error: input not found: " + missing, o.err().strip());
    assertEquals(sessions, JobRunner.sessionsStarted());
    assertTrue(o.millis() < 1000, o.millis() + " ms");
    assertTrue(refused("pipeline", "--input", missing.toString(), "--warehouse", w)
        .endsWith("input not found: " + missing));
    assertTrue(refused("ingest", "--format", "report", missing.toString(), "--warehouse", w)
        .endsWith("input not found: " + missing));
    assertFalse(Files.exists(dir.resolve("w")));
  }

  @Test
  void aWarehouseThatCannotBeWrittenIsRefusedWithoutSpark() throws Exception {
    Path input = Files.writeString(dir.resolve("x.csv"), "province_name,year,indicator,measure,value\n");
    Path file = Files.writeString(dir.resolve("plain-file"), "");
    String under = file.resolve("w").toString();
    assertEquals("provstat ingest: error: --warehouse '" + under + "': " + file + " is not a directory",
        refused("ingest", "--input", input.toString(), "--warehouse", under));
    assertTrue(refused("pipeline", "--input", input.toString(), "--warehouse", dir.resolve("w").toString(),
        "--synthetic-warehouse", under).contains("--synthetic-warehouse '" + under + "': " + file + " is not a directory"));
    assertTrue(refused("generate", "--scale", "0", "--out", under).contains("--out '" + under + "'"));
    assertEquals("provstat analyze: error: no warehouse at " + dir.resolve("none") + ": run ingest first",
        refused("analyze", "--warehouse", dir.resolve("none").toString()));
    assertTrue(refused("analyze", "--warehouse", file.toString()).contains("no warehouse at " + file));
  }

  @Test
  void badValuesAreRefusedWithoutSpark() throws Exception {
    Path input = Files.writeString(dir.resolve("x.csv"), "province_name,year,indicator,measure,value\n");
    String w = dir.resolve("w").toString();
    assertTrue(refused("ingest", "--input", input.toString(), "--warehouse", w, "--min-year", "20x2")
        .contains("'20x2'"));
    assertTrue(refused("ingest", "--input", input.toString(), "--warehouse", w, "--format", "xlsx")
        .contains("unknown --format 'xlsx'"));
    assertTrue(refused("ingest", "--input", input.toString(), "--warehouse", w, "--vintage", "soon")
        .contains("--vintage 'soon'"));
    assertTrue(refused("pipeline", "--input", input.toString(), "--warehouse", w, "--tolerance", "-3")
        .contains("not -3.0"));
    assertTrue(refused("pipeline", "--input", input.toString(), "--warehouse", w, "--tolerance", "lots")
        .contains("'lots'"));
    assertTrue(refused("generate", "--scale", "0", "--out", w, "--years", "2015..2020").contains("'2015..2020'"));
    assertTrue(refused("generate", "--scale", "0", "--out", w, "--format", "xml").contains("unknown --format 'xml'"));
  }

  @Test
  void theSparkUiIsOffOnLocalRunsUnlessAskedFor() {
    SparkConf none = new SparkConf(false);
    assertTrue(JobRunner.uiOff("local[*]", none, false, null));
    assertTrue(JobRunner.uiOff("local[2]", none, false, "0"));
    assertFalse(JobRunner.uiOff("local[*]", none, true, null), "--spark-ui");
    assertFalse(JobRunner.uiOff("local[*]", none, false, "1"), "PROVSTAT_SPARK_UI=1");
    assertFalse(JobRunner.uiOff("local[*]", new SparkConf(false).set("spark.ui.enabled", "true"), false, null),
        "-Dspark.ui.enabled given");
    assertFalse(JobRunner.uiOff("yarn", none, false, null), "a cluster keeps its default");
    assertFalse(JobRunner.uiOff("spark://host:7077", none, false, null));
  }

  @Test
  void progressLinesNumberEachStageTablesInTheirOrder() {
    assertEquals("analyze: rankings (1/8)", ProgressSteps.line("analyze: rankings"));
    assertEquals("analyze: reconciliation (7/8)", ProgressSteps.line("analyze: reconciliation"));
    assertEquals("ingest: conflicts (4/5)", ProgressSteps.line("ingest: conflicts"));
    assertEquals("generate: ingest_runs (5/5)", ProgressSteps.line("generate: ingest_runs"));
    assertEquals("analyze: digest", ProgressSteps.line("analyze: digest"));
    assertEquals("stage: rankings", ProgressSteps.line("stage: rankings"));
  }
}
