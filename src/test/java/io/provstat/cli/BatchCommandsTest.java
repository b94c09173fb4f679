package io.provstat.cli;

import static io.provstat.testing.Cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch commands' output: the digest's counts, the progress steps and --quiet. */
class BatchCommandsTest extends SparkTestBase {

  private static final List<String> ANALYTIC_TABLES = List.of("rankings", "growth", "contributions", "shift_share",
      "plan_gap", "scorecard", "reconciliation", "convergence", "disparities", "specialisation");
  private static final List<String> INGEST_TABLES = List.of("observations", "reported_aggregates", "quarantine",
      "conflicts", "ingest_runs");

  @TempDir Path dir;

  private static String reports() {
    return SharedData.project().resolve("sample-data/reports").toString();
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  @Test
  void stepsAreNumberedByTheTablesOrderAndTheDigestSaysWhatItCounts() {
    Path warehouse = dir.resolve("w");
    Outcome o = run("pipeline", "--input", reports(), "--warehouse", warehouse.toString(), "--boundaries",
        "published,2025");
    assertEquals(0, o.code(), o.err());
    // The test session shows no progress bar, so the steps are printed, each once, numbered by its
    // table's place whatever order the concurrent writes start in.
    List<String> steps = o.err().lines().filter(l -> l.matches("(ingest|analyze): \\w+ \\(\\d+/\\d+\\)")).toList();
    for (int i = 0; i < INGEST_TABLES.size(); i++) {
      assertEquals(1, steps.stream().filter(("ingest: " + INGEST_TABLES.get(i) + " (" + (i + 1) + "/5)")::equals)
          .count(), o.err());
    }
    for (int i = 0; i < ANALYTIC_TABLES.size(); i++) {
      assertEquals(1, steps.stream().filter(("analyze: " + ANALYTIC_TABLES.get(i) + " (" + (i + 1) + "/" + ANALYTIC_TABLES.size() + ")")::equals)
          .count(), o.err());
    }
    assertEquals(INGEST_TABLES.size() + ANALYTIC_TABLES.size(), steps.size(), o.err());
    assertTrue(o.err().lines().anyMatch("analyze: digest"::equals), o.err());

    // Both boundaries are in the tables; the digest says which it counts, and its counts are those rows.
    assertTrue(o.out().contains("digest of the published boundaries (rows below count those; the tables hold "
        + "2025, published)"), o.out());
    Dataset<Row> rankings = spark.read().parquet(warehouse.resolve("rankings").toString())
        .where("boundaries = 'published'");
    Matcher ranks = Pattern.compile("rankings: ([\\d,]+) rows in ([\\d,]+) ranked lists \\(one per scope, indicator, "
        + "basis, year and period\\), ([\\d,]+) of them over a complete scope").matcher(o.out());
    assertTrue(ranks.find(), o.out());
    assertEquals(rankings.count(), number(ranks.group(1)));
    assertEquals(rankings.select("scope", "indicator", "basis", "year", "period").distinct().count(),
        number(ranks.group(2)));
    assertEquals(rankings.where("complete").select("scope", "indicator", "basis", "year", "period").distinct()
        .count(), number(ranks.group(3)));

    Dataset<Row> plans = spark.read().parquet(warehouse.resolve("plan_gap").toString())
        .where("boundaries = 'published'");
    Matcher plan = Pattern.compile("plan_gap: ([\\d,]+) rows, ([\\d,]+) targets judged").matcher(o.out());
    assertTrue(plan.find(), o.out());
    assertEquals(plans.count(), number(plan.group(1)));
    assertEquals(plans.where("verdict IS NOT NULL").count(), number(plan.group(2)));
    Matcher checks = Pattern.compile("reconciliation: ([\\d,]+) rows, one per check").matcher(o.out());
    assertTrue(checks.find(), o.out());
    assertEquals(spark.read().parquet(warehouse.resolve("reconciliation").toString())
        .where("boundaries = 'published'").count(), number(checks.group(1)));

    // --quiet: only the one-line result on stdout, and no progress or notes on stderr.
    Outcome quiet = run("analyze", "--warehouse", warehouse.toString(), "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals(1, quiet.out().lines().count(), quiet.out());
    assertTrue(quiet.out().matches("provstat analyze: run \\S+, 10 tables written \\(\\d+ rows\\), done in [\\d.]+ s "
        + "\\(\\d+ Spark jobs\\)\\s*"), quiet.out());
    assertEquals("", quiet.err());
  }

  @Test
  void quietIngestAndPipelinePrintOneLineAndKeepTheirWarnings() throws Exception {
    Path input = dir.resolve("rows.csv");
    java.nio.file.Files.writeString(input, String.join("\n",
        "province_name,year,indicator,measure,value",
        "Sóc Trăng,2022,export_value,value,1500",
        "Atlantis,2022,export_value,value,1",
        ""), java.nio.charset.StandardCharsets.UTF_8);
    Outcome ingest = run("ingest", "-q", "--input", input.toString(), "--warehouse", dir.resolve("i").toString());
    assertEquals(0, ingest.code(), ingest.err());
    assertEquals(List.of(String.format(Locale.ROOT, "provstat ingest: run %s, 1 file(s) of real figures into %s: "
        + "1 observations, 1 line(s) quarantined, done in %s s", runId(ingest.out()), dir.resolve("i").toUri()
        .toString().replaceAll("/$", "").replace("file:///", "file:/"),
        seconds(ingest.out()))), ingest.out().lines().toList());
    // The warning stays; nothing else is printed.
    assertEquals(List.of("provstat ingest: warning: 1 line(s) quarantined (1 quarantine row(s)); see table "
        + "quarantine (e.g. jobs/provstat sql, or spark.read.parquet(\""),
        ingest.err().lines().map(l -> l.replaceAll("parquet\\(\".*", "parquet(\"")).toList());

    Outcome pipeline = run("pipeline", "--quiet", "--input", reports(), "--warehouse", dir.resolve("p").toString());
    assertEquals(0, pipeline.code(), pipeline.err());
    assertEquals(1, pipeline.out().lines().count(), pipeline.out());
    assertTrue(pipeline.out().startsWith("provstat pipeline: 1 warehouse(s), 15 tables written"), pipeline.out());
    assertTrue(pipeline.err().lines().noneMatch(l -> l.contains("(1/") || l.contains("note:")), pipeline.err());
  }

  private static String runId(String out) {
    Matcher m = Pattern.compile("run (\\S+),").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  private static String seconds(String out) {
    Matcher m = Pattern.compile("done in ([\\d.]+) s").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }
}
