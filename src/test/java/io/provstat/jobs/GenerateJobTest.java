package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.cli.Provstat;
import io.provstat.ingest.Ingestion;
import io.provstat.synthetic.Generation;
import io.provstat.synthetic.Scale;
import io.provstat.synthetic.SyntheticCsv;
import io.provstat.synthetic.SyntheticPanel;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate through its job and command line: bytes, ingest of the CSV form, and the warehouse form. */
class GenerateJobTest extends SparkTestBase {

  /** The seed of the committed panel; sample-data/synthetic/README.md gives the command. */
  static final long SAMPLE_SEED = 42;

  @TempDir Path dir;

  private static Map<String, String> hashes(Path folder) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return out;
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
    Generation.Result first = Generation.run(spark, Generation.Config.csv(dir.resolve("a").toString(), 3, 7));
    Generation.run(spark, Generation.Config.csv(dir.resolve("b").toString(), 3, 7));
    Generation.run(spark, Generation.Config.csv(dir.resolve("c").toString(), 3, 8));
    Map<String, String> a = hashes(dir.resolve("a"));
    assertEquals(List.of("synthetic-2024.csv"), List.copyOf(a.keySet()), "one file per year, nothing else");
    assertEquals(a, hashes(dir.resolve("b")));
    assertFalse(a.equals(hashes(dir.resolve("c"))));
    List<String> lines = Files.readAllLines(dir.resolve("a/synthetic-2024.csv"), StandardCharsets.UTF_8);
    assertTrue(lines.get(0).startsWith("# Synthetic figures"), lines.get(0));
    assertEquals(String.join(",", SyntheticCsv.HEADER), lines.get(1));
    assertEquals(first.csvLines(), lines.size() - SyntheticPanel.CSV_HEADER_LINES);
    assertTrue(lines.stream().skip(2).allMatch(l -> l.endsWith(",synthetic: provstat generate --scale 3 --seed 7")));
  }

  @Test
  void csvIngestsWholeAndTheWarehouseFormHoldsTheSameObservations() {
    String csv = dir.resolve("csv").toString();
    String ingested = dir.resolve("ingested").toString();
    String generated = dir.resolve("generated").toString();
    Generation.run(spark, Generation.Config.csv(csv, 3, 5));
    Ingestion.Result ingest = Ingestion.run(spark, Ingestion.Config.of(ingested, csv));
    SyntheticPanel panel = new SyntheticPanel(5, Scale.of(3));
    assertEquals(0, ingest.quarantined());
    assertEquals(panel.rowCount(), ingest.observations());
    assertEquals(panel.csvLineCount() - panel.rowCount(), ingest.conflicts(), "each revision is a resolved conflict");

    // Through the command line, as the benchmark runs it.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Provstat.execute(new PrintWriter(out), new PrintWriter(err), "generate", "--out", generated, "--scale",
        "3", "--seed", "5", "--format", "warehouse");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("rows: " + panel.rowCount() + " observations"), out.toString());

    Dataset<Row> fromCsv = Warehouse.open(spark, ingested).read(Tables.OBSERVATIONS);
    Dataset<Row> direct = Warehouse.open(spark, generated).read(Tables.OBSERVATIONS);
    assertEquals(Tables.OBSERVATIONS.schema().fieldNames().length, direct.schema().fieldNames().length);
    assertEquals(panel.rowCount(), direct.count());
    // Everything but the file name prefix: same figures, statuses, vintages, documents and CSV lines.
    Column[] columns = Stream.of(Tables.OBSERVATIONS.schema().fieldNames()).filter(c -> !c.equals("source"))
        .map(functions::col).toArray(Column[]::new);
    Dataset<Row> a = fromCsv.select(columns);
    Dataset<Row> b = direct.select(columns);
    assertEquals(0, a.exceptAll(b).count());
    assertEquals(0, b.exceptAll(a).count());
    assertEquals(1, direct.select("source").distinct().count());
    assertEquals("synthetic/scale-3/seed-5/synthetic-2024.csv", direct.select("source").first().getString(0));
    assertEquals(0, direct.where("NOT document LIKE 'synthetic%'").count());

    Row runs = Warehouse.open(spark, generated).read(Tables.INGEST_RUNS)
        .selectExpr("count(*)", "sum(lines_accepted)", "sum(lines_quarantined)").first();
    assertEquals(1L, runs.getLong(0));
    assertEquals(panel.rowCount(), runs.getLong(1));
    assertEquals(0L, runs.getLong(2));
    assertTrue(Warehouse.open(spark, generated).read(Tables.QUARANTINE).isEmpty());
  }

  @Test
  void theCommittedPanelIsWhatTheGeneratorWrites() throws IOException {
    Path committed = SharedData.project().resolve("sample-data/synthetic");
    SyntheticPanel panel = new SyntheticPanel(SAMPLE_SEED, Scale.of(0));
    for (int year = panel.scale().fromYear(); year <= panel.scale().toYear(); year++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
        SyntheticCsv.writeYear(panel, year, w);
      }
      Path file = committed.resolve(SyntheticPanel.csvFileName(year));
      assertArrayEquals(bytes.toByteArray(), Files.readAllBytes(file),
          file + " differs from `jobs/provstat generate --out sample-data/synthetic --scale 0 --seed " + SAMPLE_SEED
              + "`: regenerate it with that command");
    }
    try (Stream<Path> files = Files.list(committed)) {
      assertEquals(panel.scale().years(), files.filter(f -> f.toString().endsWith(".csv")).count());
    }
  }

  @Test
  void badValuesAreUsageErrorsNamingThem() {
    for (String[] args : List.of(
        new String[] {"--scale", "9"},
        new String[] {"--scale", "5", "--format", "parquet"},
        new String[] {"--scale", "5", "--years", "2015:2020"},
        new String[] {"--scale", "5", "--years", "2005-2010"})) {
      StringWriter err = new StringWriter();
      String[] command = Stream.concat(Stream.of("generate", "--out", dir.toString()), Stream.of(args))
          .toArray(String[]::new);
      assertEquals(ExitCodes.USAGE, Provstat.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), command));
      String bad = args[args.length - 1];
      assertTrue(err.toString().contains("'" + bad + "'"), err.toString());
    }
  }
}
