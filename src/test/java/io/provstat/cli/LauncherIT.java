package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/provstat as a user runs it: a new JVM on the packaged local jar, local mode. */
class LauncherIT {

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome launch(String... args) throws IOException, InterruptedException {
    return launch(java.util.Map.of(), args);
  }

  private Outcome launch(java.util.Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Path project = SharedData.project();
    List<String> command = new ArrayList<>();
    command.add(project.resolve("jobs/provstat").toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    // The README's pipeline ingests and analyzes two warehouses (about 2.5 min on 2 busy cores).
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("jobs/provstat did not finish in 10 minutes");
    }
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void thePipelineOnSampleDataInLocalModeAsTheReadmeRunsIt() throws Exception {
    // The README's first command: sample-data holds real reports and invented figures (the panel, a
    // demo report), each kind into a warehouse of its own.
    Path warehouse = dir.resolve("warehouse/reports");
    Path synthetic = dir.resolve("warehouse/synthetic");
    Outcome o = launch("pipeline", "--input", "sample-data", "--warehouse", warehouse.toString(),
        "--synthetic-warehouse", synthetic.toString());
    assertEquals(0, o.code(), o.err());
    // The real warehouse is written first; its summary and digest end where the synthetic ingest starts.
    int split = o.out().indexOf("file(s) of synthetic figures into");
    assertTrue(split > 0, o.out());
    String realPart = o.out().substring(0, split);
    assertTrue(realPart.contains("file(s) of real figures into"), o.out());
    assertTrue(realPart.lines().anyMatch(
        l -> l.matches("\\s+sample-data/reports/soc-trang-2022\\.csv\\s+tidy-csv\\s+17\\s+17\\s+0\\s+0")), o.out());
    assertTrue(o.out().lines().anyMatch(
        l -> l.matches("\\s+sample-data/synthetic/synthetic-2024\\.csv\\s+tidy-csv(\\s+\\d+){2}\\s+0\\s+0")), o.out());
    assertTrue(o.out().contains("check: lines read = accepted + quarantined + no figure (report text) for every file: yes"), o.out());
    assertTrue(o.out().contains("provstat pipeline: 2 warehouse(s)"), o.out());
    for (Path w : List.of(warehouse, synthetic)) {
      assertTrue(Files.isDirectory(w.resolve("observations/year=2022")), w.toString());
      for (String table : List.of("rankings", "growth", "contributions", "shift_share", "plan_gap", "scorecard",
          "reconciliation", "convergence", "disparities", "specialisation")) {
        assertTrue(Files.isDirectory(w.resolve(table)), w + " " + table);
      }
    }
    assertTrue(realPart.contains("growth of export_value in 94 2022: +16.37% = export_garments +1.94, "
        + "export_rice +11.56, export_seafood +4.96, other -2.10 (points)"), o.out());
    assertTrue(o.out().contains("targets judged (exceeded"), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("\\s+rankings: [\\d,]+ rows in [\\d,]+ ranked lists .*")),
        o.out());
    // stderr is a file here, not a terminal: named steps instead of Spark's progress bar.
    assertTrue(o.err().lines().anyMatch("analyze: rankings (1/10)"::equals), o.err());
    assertTrue(!o.err().contains("Exception"), o.err());

    // Neither warehouse holds a figure of the other kind: every document of the synthetic one says
    // synthetic, none of the real one does, and each holds only its own folders' files (the panel
    // and the demo report for the synthetic one).
    String provenance = "SELECT count(*) AS n, count_if(lower(trim(document)) LIKE 'synthetic%') AS synthetic, "
        + "count_if(source LIKE '%sample-data/synthetic/%') AS panel, "
        + "count_if(source LIKE '%sample-data/report-text/%') AS demo FROM observations";
    Outcome real = launch("sql", "--warehouse", warehouse.toString(), "--format", "csv", provenance);
    assertEquals(0, real.code(), real.err());
    assertEquals(List.of("n,synthetic,panel,demo", "68,0,0,0"), real.out().lines().toList());
    Outcome invented = launch("sql", "--warehouse", synthetic.toString(), "--format", "csv", provenance);
    assertEquals(0, invented.code(), invented.err());
    List<String> inventedRows = invented.out().lines().toList();
    assertEquals("n,synthetic,panel,demo", inventedRows.get(0), invented.out());
    long[] kinds = java.util.Arrays.stream(inventedRows.get(1).split(",")).mapToLong(Long::parseLong).toArray();
    // The committed panel's size after ingest is 20,460 (sample-data/synthetic/README.md).
    assertEquals(20460, kinds[2], invented.out());
    assertTrue(kinds[3] > 0, invented.out());
    assertEquals(kinds[0], kinds[1], invented.out());
    assertEquals(kinds[0], kinds[2] + kinds[3], invented.out());
    // The panel exists to give complete scopes: rankings over all of a region's provinces, and over
    // all 63 in the country.
    Outcome complete = launch("sql", "--warehouse", synthetic.toString(), "--format", "csv",
        "SELECT count_if(complete) AS complete, count_if(complete AND scope = 'VN' AND n_in_scope = 63) AS national "
            + "FROM rankings");
    assertEquals(0, complete.code(), complete.err());
    List<String> counts = complete.out().lines().toList();
    assertEquals("complete,national", counts.get(0));
    String[] values = counts.get(1).split(",");
    assertTrue(Long.parseLong(values[0]) > 0 && Long.parseLong(values[1]) > 0, complete.out());

    // The analyst's side of the same warehouse, in a process whose locale is plain ASCII: the
    // Vietnamese names still come out as UTF-8, and a refused statement is one line, exit 2.
    java.util.Map<String, String> ascii = java.util.Map.of("LC_ALL", "C", "LANG", "C");
    Outcome names = launch(ascii, "sql", "--warehouse", warehouse.toString(), "--format", "csv",
        "SELECT DISTINCT province_name FROM observations ORDER BY province_name");
    assertEquals(0, names.code(), names.err());
    assertEquals(List.of("province_name", "Hòa Bình", "Nghệ An", "Sóc Trăng", "Thừa Thiên Huế"),
        names.out().lines().toList());
    Outcome drop = launch(ascii, "sql", "--warehouse", warehouse.toString(), "DROP TABLE observations");
    assertEquals(2, drop.code());
    // The default engine for a local warehouse is DuckDB, which also runs SHOW and DESCRIBE.
    assertEquals(List.of("provstat sql: error: refused: DROP TABLE is not a query; sql runs read-only queries only "
        + "(SELECT, WITH ... SELECT, VALUES, TABLE, SHOW, DESCRIBE)"),
        drop.err().lines().filter(l -> l.startsWith("provstat")).toList());
    Outcome describe = launch(ascii, "describe", "--warehouse", warehouse.toString(), "observations");
    assertEquals(0, describe.code(), describe.err());
    assertTrue(describe.out().contains("observations: 68 rows; partitioned by year"), describe.out());
  }

  @Test
  void usageErrorsAndMissingFilesExitTwoWithOneLine() throws Exception {
    Outcome unknown = launch("ingest", "--bogus");
    assertEquals(2, unknown.code());
    assertEquals(1, unknown.err().lines().filter(l -> l.startsWith("provstat")).count(), unknown.err());
    Outcome missing = launch("ingest", "--input", "no/such/file.csv", "--warehouse", dir.resolve("w").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("provstat ingest: error: input not found: no/such/file.csv"), missing.err());
    // The launcher's JVM flags load no incubator module, so the JVM has no warning to print.
    assertTrue(!missing.err().contains("incubator"), missing.err());
  }
}
