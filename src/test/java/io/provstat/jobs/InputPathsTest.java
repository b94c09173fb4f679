package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.testing.Cli;
import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How input paths are resolved (issue 20): names are taken literally (no glob expansion, no
 * splitting on commas), symbolic link loops are refused by name, a file reached twice is read once,
 * and a file is never skipped as empty while it has data lines.
 */
class InputPathsTest extends SparkTestBase {

  @TempDir Path dir;

  private static final String TIDY_HEADER = "province_code,year,indicator,measure,value\n";

  private static Outcome cli(String... args) {
    return Cli.run(args);
  }

  private Dataset<Row> table(Path warehouse, io.provstat.warehouse.TableDef table) {
    return Warehouse.open(spark, warehouse.toString()).read(table);
  }

  /** Each file's lines read, by the source rows cite. */
  private static Map<String, Long> linesBySource(Ingestion.Result result) {
    Map<String, Long> lines = new TreeMap<>();
    for (Ingestion.FileSummary f : result.files()) {
      lines.put(f.source(), f.read());
    }
    return lines;
  }

  private static void tidy(Path file, String province, int value) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, TIDY_HEADER + province + ",2022,export_value,value," + value + "\n",
        StandardCharsets.UTF_8);
  }

  private static void report(Path file, String province, String amount) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "Tỉnh " + province + " năm 2022: kim ngạch xuất khẩu đạt " + amount
        + " triệu USD.\n", StandardCharsets.UTF_8);
  }

  @Test
  void reportNamesWithGlobCharactersAreReadLiterallyOnceEach() throws Exception {
    // On main, binaryFiles read "r[1].txt" as the pattern r1.txt: r1.txt twice, r[1].txt never.
    Path in = dir.resolve("in");
    report(in.resolve("r1.txt"), "Sóc Trăng", "1.000");
    report(in.resolve("r[1].txt"), "Nghệ An", "2.000");
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), in.toString()));
    assertTrue(result.balanced());
    assertEquals(Map.of("in/r1.txt", 1L, "in/r[1].txt", 1L), linesBySource(result));
    Dataset<Row> obs = table(dir.resolve("w"), Tables.OBSERVATIONS);
    assertEquals(List.of("in/r1.txt=94=1000.0", "in/r[1].txt=40=2000.0"),
        obs.selectExpr("concat_ws('=', source, province_code, cast(value AS string))").orderBy("source")
            .as(Encoders.STRING()).collectAsList());
  }

  @Test
  void everyNameIsTakenLiterallyInTidyCsvReportsAndGsoTablesListedOrGiven() throws Exception {
    Path in = dir.resolve("names");
    // Glob and separator characters, a percent sign, spaces and Vietnamese letters, in one folder.
    String[][] tidyFiles = {
        {"a,b.csv", "01"}, {"x{1,2}.csv", "79"}, {"star*.csv", "94"}, {"q?.csv", "40"},
        {"back\\slash.csv", "46"}, {"with space.csv", "17"}, {"Sóc Trăng.csv", "86"}, {"r[1].csv", "92"},
        {"r1.csv", "31"}, {"per%41cent.csv", "48"}};
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < tidyFiles.length; i++) {
      tidy(in.resolve(tidyFiles[i][0]), tidyFiles[i][1], 100 + i);
      expected.put("names/" + tidyFiles[i][0], 1L);
    }
    report(in.resolve("a,b.txt"), "Hậu Giang", "3.000");
    expected.put("names/a,b.txt", 1L);
    Path gso = SharedData.project().resolve("sample-data/gso-tables/retail_sales_from_reports.csv");
    Files.copy(gso, in.resolve("gso {table} [1].csv"));
    expected.put("names/gso {table} [1].csv", 6L);

    Ingestion.Result listed = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), in.toString()));
    assertTrue(listed.balanced());
    assertEquals(expected, linesBySource(listed));
    assertEquals(0, listed.quarantined());
    assertEquals(tidyFiles.length + 1 + 4, listed.observations());

    // The same files given one by one on the command line.
    List<String> args = new ArrayList<>(List.of("ingest", "--warehouse", dir.resolve("w2").toString()));
    try (var files = Files.list(in)) {
      files.sorted().forEach(f -> args.add(f.toString()));
    }
    Outcome given = cli(args.toArray(String[]::new));
    assertEquals(0, given.code(), given.err());
    for (String name : expected.keySet()) {
      String file = name.substring("names/".length());
      assertTrue(given.out().lines().anyMatch(l -> l.strip().startsWith(file + " ")), file + "\n" + given.out());
    }
    assertEquals(listed.observations(), table(dir.resolve("w2"), Tables.OBSERVATIONS).count());
  }

  @Test
  void aReportWithACommaInItsNameGivenAloneIngests() throws Exception {
    // On main: exit 1 naming "a" (the path split at the comma).
    Path file = dir.resolve("a,b.txt");
    report(file, "Sóc Trăng", "1.000");
    Outcome o = cli("ingest", file.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("\\s+a,b\\.txt\\s+report\\s+1\\s+1\\s+0\\s+0")), o.out());
  }

  @Test
  void aLinkBackToAnAncestorIsRefusedAtOnceNamingTheLink() throws Exception {
    // On main the listing followed sub/loop -> .. for minutes.
    Path in = dir.resolve("in");
    tidy(in.resolve("a.csv"), "94", 1);
    Files.createDirectories(in.resolve("sub"));
    Path loop = Files.createSymbolicLink(in.resolve("sub/loop"), Path.of(".."));
    Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> cli("ingest", "--input", in.toString(), "--warehouse", dir.resolve("w").toString()));
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("symbolic link loop") && o.err().contains(loop.toString()), o.err());
    assertTrue(!Files.exists(dir.resolve("w/observations")));
  }

  @Test
  void aLinkToItsOwnFolderIsRefusedNotReadOverAndOver() throws Exception {
    // On main: a.csv ingested 41 times (as in/loop/a.csv, in/loop/loop/a.csv, ...), exit 0.
    Path in = dir.resolve("in");
    tidy(in.resolve("a.csv"), "94", 1);
    Path loop = Files.createSymbolicLink(in.resolve("loop"), Path.of("."));
    Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> cli("ingest", "--input", in.toString(), "--warehouse", dir.resolve("w").toString()));
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("symbolic link loop") && o.err().contains(loop.toString()), o.err());
  }

  @Test
  void linksThatAreNotLoopsWorkAndAFileReachedTwiceIsReadOnce() throws Exception {
    Path in = dir.resolve("in");
    tidy(in.resolve("a.csv"), "94", 1);
    Files.createSymbolicLink(in.resolve("alias.csv"), Path.of("a.csv"));
    Path outside = dir.resolve("elsewhere");
    tidy(outside.resolve("b.csv"), "40", 2);
    Files.createSymbolicLink(in.resolve("ext"), outside);
    Files.createSymbolicLink(in.resolve("ext-again"), outside);
    Path file = dir.resolve("file-link.csv");
    Files.createSymbolicLink(file, outside.resolve("b.csv"));

    Outcome o = cli("ingest", "--input", in.toString(), "--input", file.toString(),
        "--warehouse", dir.resolve("w").toString());
    assertEquals(0, o.code(), o.err());
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w2").toString(), in.toString(),
        file.toString()));
    assertEquals(Map.of("in/a.csv", 1L, "in/ext/b.csv", 1L), linesBySource(result));
    assertEquals(2, result.observations());
    assertEquals(0, result.duplicatesMerged());
    // Each file reached again is named in the summary, with the one that was read.
    for (String again : List.of("in/alias.csv (the same file as in/a.csv, read once)",
        "in/ext-again (the same folder as in/ext, read once)",
        "file-link.csv (the same file as in/ext/b.csv, read once)")) {
      assertTrue(result.skipped().contains(again), again + " in " + result.skipped());
      assertTrue(o.err().contains("skipped " + again), o.err());
    }
  }

  @Test
  void aDanglingLinkInAFolderIsNamedNotSilentlyDropped() throws Exception {
    Path in = dir.resolve("in");
    tidy(in.resolve("a.csv"), "94", 1);
    Files.createSymbolicLink(in.resolve("gone.csv"), dir.resolve("no-such-file.csv"));
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), in.toString()));
    assertEquals(Map.of("in/a.csv", 1L), linesBySource(result));
    assertTrue(result.skipped().stream().anyMatch(s -> s.startsWith("in/gone.csv (") && s.contains("does not exist")),
        result.skipped().toString());
  }

  @Test
  void aPipeGivenAsAnInputIsRefusedNamingItNotWaitedOn() throws Exception {
    // A folder's walk skipped a FIFO, but one named on the command line was opened and the run hung.
    Path fifo = dir.resolve("pipe.csv");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    Path link = dir.resolve("to-pipe.csv");
    Files.createSymbolicLink(link, fifo);
    for (Path input : List.of(fifo, link)) {
      Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> cli("ingest", "--input", input.toString(), "--warehouse", dir.resolve("w").toString()));
      assertEquals(ExitCodes.USAGE, outcome.code(), outcome.err());
      assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
      assertTrue(outcome.err().contains(input.toString()) && outcome.err().contains("not a regular file"),
          outcome.err());
    }
    assertTrue(Files.notExists(dir.resolve("w")), "nothing is written");
  }

  @Test
  void manyBlankLinesBeforeTheHeaderDoNotMakeAFileEmpty() throws Exception {
    // On main a folder's file with more than 20 blank lines first was "skipped (empty)".
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    String blanks = "\n".repeat(25) + "  \r\n".repeat(5);
    Files.writeString(in.resolve("late.csv"), blanks + TIDY_HEADER + "94,2022,export_value,value,1500\n"
        + "40,2022,export_value,value,1200\n", StandardCharsets.UTF_8);
    Path gso = SharedData.project().resolve("sample-data/gso-tables/retail_sales_from_reports.csv");
    byte[] table = Files.readAllBytes(gso); // starts with a byte-order mark, which stays first
    Files.write(in.resolve("late-gso.csv"), concat(concat(java.util.Arrays.copyOf(table, 3),
        blanks.getBytes(StandardCharsets.UTF_8)), java.util.Arrays.copyOfRange(table, 3, table.length)));
    Files.writeString(in.resolve("late-report.txt"), blanks + "Tỉnh Hậu Giang năm 2022: kim ngạch xuất khẩu đạt "
        + "3.000 triệu USD.\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("empty.csv"), "\n".repeat(30) + " \n", StandardCharsets.UTF_8);

    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(w.toString(), in.toString()));
    assertTrue(result.balanced());
    assertEquals(Map.of("in/late.csv", 2L, "in/late-gso.csv", 6L, "in/late-report.txt", 1L), linesBySource(result));
    assertEquals(List.of("in/empty.csv (empty)"), result.skipped());
    assertEquals(0, result.quarantined());
    // Lines keep their numbers in the file: the header is line 31, the first row line 32.
    assertEquals(List.of(32, 33), table(w, Tables.OBSERVATIONS).where("source = 'in/late.csv'")
        .orderBy("source_line").select("source_line").as(Encoders.INT()).collectAsList());
    assertEquals(31, table(w, Tables.OBSERVATIONS).where("source = 'in/late-report.txt'")
        .first().<Integer>getAs("source_line").intValue());

    // Alone, such a file ingests too (on main: exit 2, "no input file has any data").
    Outcome alone = cli("ingest", in.resolve("late.csv").toString(), "--warehouse", dir.resolve("w2").toString());
    assertEquals(0, alone.code(), alone.err());
  }

  @Test
  void aReportWhoseFirstIndicatorComesAfterALongMenuIsStillAReport() throws Exception {
    // The sniff once looked only at a report's first 64 KiB: a long menu hid the figures and the
    // file was skipped in a folder as "not a report".
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    String menu = "Trang chủ | Giới thiệu | Tin tức | Liên hệ\n".repeat(2000);
    Files.writeString(in.resolve("long.txt"), menu + "Tỉnh Sóc Trăng năm 2022: kim ngạch xuất khẩu đạt "
        + "1.000 triệu USD.\n", StandardCharsets.UTF_8);
    tidy(in.resolve("a.csv"), "40", 5);
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), in.toString()));
    assertTrue(result.balanced());
    assertEquals(Map.of("in/a.csv", 1L, "in/long.txt", 2001L), linesBySource(result));
    assertEquals(2, result.observations());
  }

  @Test
  void aFileInAFolderWhoseFormatCannotBeToldStopsTheRunNamingIt() throws Exception {
    Path in = dir.resolve("in");
    tidy(in.resolve("a.csv"), "94", 1);
    Files.writeString(in.resolve("odd.csv"), "\n".repeat(40) + "a,b,c\n1,2,3\n", StandardCharsets.UTF_8);
    Outcome o = cli("ingest", "--input", in.toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("cannot read in/odd.csv"), o.err());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
