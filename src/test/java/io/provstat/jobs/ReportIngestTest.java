package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.ingest.InputException;
import io.provstat.ingest.ParseOptions;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports through ingest: provenance columns, accounting, quarantine, and reports mixed with tables. */
class ReportIngestTest extends SparkTestBase {

  @TempDir Path dir;

  private Dataset<Row> table(Path warehouse, io.provstat.warehouse.TableDef table) {
    return Warehouse.open(spark, warehouse.toString()).read(table);
  }

  private static Ingestion.Config config(Path warehouse, String province, Integer year, String... inputs) {
    return new Ingestion.Config(List.of(inputs), warehouse.toString(), null, null,
        new ParseOptions(ParseOptions.DEFAULT_MIN_YEAR, ParseOptions.DEFAULT_MAX_YEAR, null, province, year));
  }

  @Test
  void aSeedReportBecomesObservationsWithTheirQuotes() throws Exception {
    Path seed = SharedData.require("seeds/001_9fa879952f808635.txt");
    String text = Files.readString(seed, StandardCharsets.UTF_8);
    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, config(w, null, null, seed.toString()));
    assertTrue(result.balanced());
    assertEquals(17, result.observations());
    assertEquals(0, result.quarantined());
    Ingestion.FileSummary file = result.files().get(0);
    assertEquals("report", file.format());
    assertEquals(1, file.accepted()); // every figure of this report is on its one long paragraph line
    assertEquals(file.read() - 1, file.withoutFigures());

    Row rank = table(w, Tables.OBSERVATIONS).where("measure = 'reported_rank'").first();
    assertEquals("MRD", rank.getAs("scope"));
    assertEquals("001_9fa879952f808635.txt", rank.getAs("document"));
    assertEquals("estimate", rank.getAs("status"));
    assertEquals(14, rank.<Integer>getAs("source_line").intValue());
    String quote = rank.getAs("quote");
    assertEquals(quote, text.substring(rank.<Integer>getAs("quote_start"), rank.<Integer>getAs("quote_end")));
    assertTrue(quote.contains("đứng thứ 5"), quote);
    assertNull(rank.getAs("vintage"));

    Row run = table(w, Tables.INGEST_RUNS).first();
    assertEquals(run.<Long>getAs("lines_read"), run.<Long>getAs("lines_accepted")
        + run.<Long>getAs("lines_quarantined") + run.<Long>getAs("lines_without_figures"));
  }

  @Test
  void reportsMixWithTablesAndTheirFiguresMeetTheHandKeyedOnesWithoutConflict() {
    Path seeds = SharedData.require("seeds");
    Path w = dir.resolve("w");
    String[] sampleData = SharedData.realSampleData();
    // Three reports name their province; their figures are the hand-keyed ones of sample-data.
    Ingestion.Result result = Ingestion.run(spark, config(w, null, null, sampleData[0], sampleData[1],
        seeds.resolve("000_793cd9bb8f79f066.txt").toString(), seeds.resolve("001_9fa879952f808635.txt").toString(),
        seeds.resolve("003_165986e5e04ed9e6.txt").toString()));
    assertTrue(result.balanced());
    assertEquals(0, result.quarantined());
    assertEquals(0, result.conflicts());
    assertEquals(68, result.observations());
    assertEquals(4 + 17 + 17 + 9, result.duplicatesMerged());
    assertEquals(0, table(w, Tables.OBSERVATIONS).where("document LIKE 'synthetic%'").count());
  }

  @Test
  void aReportWithoutAProvinceIsQuarantinedWholeUnlessOneIsGiven() throws Exception {
    Path report = dir.resolve("in/bao-cao.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "Tin tức\n\nNăm 2022, kim ngạch xuất khẩu ước 1.000 triệu USD, tăng 10% so với năm 2021.\n",
        StandardCharsets.UTF_8);
    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, config(w, null, null, report.toString()));
    assertTrue(result.balanced());
    assertEquals(0, result.observations());
    assertEquals(2, result.quarantined());
    Row q = table(w, Tables.QUARANTINE).orderBy("source_line").first();
    assertEquals("undetermined_province", q.getAs("reason_code"));
    assertEquals(1, q.<Integer>getAs("source_line").intValue());
    assertTrue(q.<String>getAs("reason").contains("--province"), q.<String>getAs("reason"));

    Ingestion.Result given = Ingestion.run(spark, config(dir.resolve("w2"), "94", null, report.toString()));
    assertEquals(2, given.observations());
    assertEquals(0, given.quarantined());
    Ingestion.FileSummary file = given.files().get(0);
    assertEquals(2, file.read());
    assertEquals(1, file.accepted());
    assertEquals(1, file.withoutFigures());
  }

  @Test
  void theDemoReportIsSyntheticAndIngestsOnItsOwn() {
    Path demo = SharedData.project().resolve("sample-data/report-text/demo-vinh-long-2013.txt");
    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, config(w, null, null, demo.toString()));
    assertTrue(result.balanced());
    assertEquals(0, result.quarantined());
    assertTrue(result.observations() > 20, String.valueOf(result.observations()));
    Dataset<Row> obs = table(w, Tables.OBSERVATIONS);
    assertEquals(obs.count(), obs.where("document = 'synthetic:demo-vinh-long-2013.txt'").count());
    assertEquals(1, obs.where("province_code = '86' AND year = 2013 AND period = 'YTD11' "
        + "AND indicator = 'industrial_output_value' AND measure = 'value' AND value = 41300").count());
    assertEquals(1, obs.where("year = 2014 AND indicator = 'export_value' AND measure = 'plan'").count());
  }

  @Test
  void aTextThatIsNotAReportIsSkippedInADirectoryAndRefusedByName() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("notes.txt"), "Danh sách cán bộ và số điện thoại.\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("figures.csv"), "province_code,year,indicator,measure,value\n94,2022,export_value,value,1500\n",
        StandardCharsets.UTF_8);
    Ingestion.Result result = Ingestion.run(spark, config(dir.resolve("w"), null, null, in.toString()));
    assertEquals(1, result.files().size());
    assertTrue(result.skipped().stream().anyMatch(s -> s.contains("notes.txt") && s.contains("not a report")),
        result.skipped().toString());
    InputException refused = assertThrows(InputException.class,
        () -> Ingestion.run(spark, config(dir.resolve("w2"), null, null, in.resolve("notes.txt").toString())));
    assertTrue(refused.getMessage().contains("not a report"), refused.getMessage());
  }

  @Test
  void aReportThatIsNotUtf8IsQuarantinedWholeAndAnOversizedOneRefused() throws Exception {
    Path report = dir.resolve("broken.txt");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write("Tỉnh Sóc Trăng năm 2022: kim ngạch xuất khẩu đạt 1.000 triệu USD.\nHết ".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xFF);
    bytes.write(".\n".getBytes(StandardCharsets.UTF_8));
    Files.write(report, bytes.toByteArray());
    Ingestion.Result result = Ingestion.run(spark, config(dir.resolve("w"), "94", 2022, report.toString()));
    assertTrue(result.balanced());
    assertEquals(0, result.observations());
    assertEquals(2, result.quarantined());
    assertEquals(List.of("undecodable_bytes"), table(dir.resolve("w"), Tables.QUARANTINE)
        .select("reason_code").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

    Path large = dir.resolve("large.txt");
    Files.write(large, new byte[io.provstat.ingest.ReportParser.MAX_BYTES + 1]);
    InputException refused = assertThrows(InputException.class,
        () -> Ingestion.run(spark, config(dir.resolve("w2"), null, null, large.toString())));
    assertTrue(refused.getMessage().contains("large.txt") && refused.getMessage().contains("at most"),
        refused.getMessage());
  }
}
