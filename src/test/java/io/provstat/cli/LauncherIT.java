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
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("jobs/provstat did not finish in 5 minutes");
    }
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void thePipelineOnSampleDataInLocalModeAsTheReadmeRunsIt() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Outcome o = launch("pipeline", "--input", "sample-data", "--warehouse", warehouse.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().lines().anyMatch(
        l -> l.matches("\\s+sample-data/reports/soc-trang-2022\\.csv\\s+tidy-csv\\s+17\\s+17\\s+0\\s+0")), o.out());
    assertTrue(o.out().contains("check: lines read = accepted + quarantined + no figure (report text) for every file: yes"), o.out());
    assertTrue(Files.isDirectory(warehouse.resolve("observations/year=2022")));
    for (String table : List.of("rankings", "growth", "contributions", "shift_share", "plan_gap", "scorecard",
        "reconciliation")) {
      assertTrue(Files.isDirectory(warehouse.resolve(table)), table);
    }
    assertTrue(o.out().contains("growth of export_value in 94 2022: +16.37% = export_garments +1.94, "
        + "export_rice +11.56, export_seafood +4.96, other -2.10 (points)"), o.out());
    assertTrue(o.out().contains("plan targets judged:"), o.out());
    assertTrue(!o.err().contains("Exception"), o.err());

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
    assertEquals(List.of("provstat sql: error: refused: DROP TABLE is not a query; sql runs read-only queries only "
        + "(SELECT, WITH ... SELECT, VALUES, TABLE)"),
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
  }
}
