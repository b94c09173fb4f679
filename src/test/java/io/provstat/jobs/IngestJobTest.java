package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest extends SparkTestBase {

  @TempDir Path dir;

  private static String[] sampleData() {
    return SharedData.realSampleData();
  }

  private Dataset<Row> table(Path warehouse, io.provstat.warehouse.TableDef table) {
    return Warehouse.open(spark, warehouse.toString()).read(table);
  }

  private double figure(Path warehouse, String province, int year, String indicator, String measure) {
    List<Row> rows = table(warehouse, Tables.OBSERVATIONS)
        .where(String.format("province_code = '%s' AND year = %d AND indicator = '%s' AND measure = '%s' AND period = 'Y'",
            province, year, indicator, measure))
        .collectAsList();
    assertEquals(1, rows.size(), province + " " + year + " " + indicator + " " + measure);
    return rows.get(0).getAs("value");
  }

  @Test
  void sampleDataIngestsWholeWithTheReportFigures() {
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.toString(), sampleData()));
    assertTrue(result.balanced());
    assertEquals(0, result.quarantined());
    assertEquals(6, result.files().size());
    long linesRead = result.files().stream().mapToLong(Ingestion.FileSummary::read).sum();
    assertEquals(74, linesRead);
    // The GSO-layout table repeats four tidy figures with equal values: merged, not conflicting.
    assertEquals(4, result.duplicatesMerged());
    assertEquals(0, result.conflicts());
    assertEquals(68, result.observations());

    assertEquals(1500.0, figure(dir, "94", 2022, "export_value", "value"));
    assertEquals(16.37, figure(dir, "94", 2022, "export_value", "yoy_growth_pct"));
    assertEquals(950.0, figure(dir, "94", 2022, "export_seafood", "plan"));
    assertEquals(5.0, figure(dir, "94", 2022, "export_value", "reported_rank"));
    assertEquals(27236.0, figure(dir, "94", 2017, "industrial_output_value", "value"));
    assertEquals(100.87, figure(dir, "94", 2017, "industrial_output_value", "plan_attainment_pct"));
    assertEquals(82.47, figure(dir, "17", 2021, "electricity_output", "plan_attainment_pct"));
    assertEquals(345.0, figure(dir, "46", 2023, "beer_output", "value"));
    assertEquals(90480.0, figure(dir, "40", 2021, "industrial_output_value", "plan"));
    assertEquals(6.25, figure(dir, "40", 2021, "export_value", "plan_growth_pct"));

    Row rank = table(dir, Tables.OBSERVATIONS).where("measure = 'reported_rank'").first();
    assertEquals("MRD", rank.getAs("scope"));
    assertEquals("001_9fa879952f808635.txt", rank.getAs("document"));
    assertEquals("reports/soc-trang-2022.csv", rank.getAs("source"));
    // Partitioned by year, readable as plain Parquet.
    assertTrue(Files.isDirectory(dir.resolve("observations/year=2022")));
    assertEquals(68, spark.read().parquet(dir.resolve("observations").toString()).count());
  }

  @Test
  void ingestingTheSameInputTwiceGivesIdenticalObservations() {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Ingestion.run(spark, Ingestion.Config.of(first.toString(), sampleData()));
    Ingestion.run(spark, Ingestion.Config.of(second.toString(), sampleData()));
    Dataset<Row> a = table(first, Tables.OBSERVATIONS);
    Dataset<Row> b = table(second, Tables.OBSERVATIONS);
    assertEquals(0, a.exceptAll(b).count());
    assertEquals(0, b.exceptAll(a).count());
    // Re-running into the same warehouse replaces, it does not append.
    Ingestion.run(spark, Ingestion.Config.of(first.toString(), sampleData()));
    assertEquals(68, table(first, Tables.OBSERVATIONS).count());
    assertEquals(0, table(first, Tables.OBSERVATIONS).exceptAll(b).count());
  }

  @Test
  void everyKindOfBadRowLandsInQuarantineWithItsReasonAndTheCountsAddUp() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    String header = "province_code,province_name,year,period,indicator,measure,value,unit,status,vintage\n";
    String good = "94,Sóc Trăng,2022,Y,export_value,value,1500,mn_usd,estimate,2023-01-10\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(("# each line after the header is one case\n" + header + good).getBytes(StandardCharsets.UTF_8));
    bytes.write("94,S\u00f3c Tr".getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // byte 11 of the line: not UTF-8
    bytes.write(",2022,Y,export_rice,value,362,mn_usd,,\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(String.join("\n",
        "94,Sóc Trăng,2022,Y,export_value,value",                              // wrong column count
        "94,Sóc Trăng,2022,Y,,value,362,mn_usd,,",                             // missing field
        "99,Atlantis,2022,Y,export_value,value,1,mn_usd,,",                   // unknown province
        "28,Hà Tây,2012,Y,retail_sales_services,value,1,bn_vnd,,",           // province not in force
        "94,Sóc Trăng,2022,Y,export_wine,value,1,mn_usd,,",                   // unknown indicator
        "94,Sóc Trăng,2022,Y,export_rice,value,3 62,mn_usd,,",                // unparsable number
        "94,Sóc Trăng,2202,Y,export_rice,value,362,mn_usd,,",                 // year out of range
        "94,Sóc Trăng,2022,Y,export_rice,value,362,bn_vnd,,",                 // unit mismatch
        "94,Sóc Trăng,2022,Y,export_rice,value,362,mn_usd,maybe,",            // bad value
        "94,Sóc Trăng,2022,Y,export_rice,value,\"362,mn_usd,,",               // malformed line
        "94,Sóc Trăng,2022,Y,export_value,value,1490,mn_usd,final,2023-01-10", // conflict, wins
        "").getBytes(StandardCharsets.UTF_8));
    bytes.write("x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)); // line too long
    bytes.write("\n".getBytes(StandardCharsets.UTF_8));
    Files.write(input.resolve("bad-rows.csv"), bytes.toByteArray());

    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), input.toString()));
    assertTrue(result.balanced());
    Ingestion.FileSummary file = result.files().get(0);
    assertEquals(14, file.read());
    assertEquals(2, file.accepted());
    assertEquals(12, file.quarantined());

    Map<Integer, String> reasons = new TreeMap<>();
    for (Row r : table(dir.resolve("w"), Tables.QUARANTINE).collectAsList()) {
      reasons.put(r.getAs("source_line"), r.getAs("reason_code"));
      assertEquals("in/bad-rows.csv", r.getAs("source"));
      assertTrue(!r.<String>getAs("reason").isBlank());
    }
    Map<Integer, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry(4, "undecodable_bytes"), Map.entry(5, "wrong_column_count"), Map.entry(6, "missing_field"),
        Map.entry(7, "unknown_province"), Map.entry(8, "province_not_in_force"),
        Map.entry(9, "unknown_indicator"), Map.entry(10, "unparsable_number"),
        Map.entry(11, "year_out_of_range"), Map.entry(12, "unit_mismatch"), Map.entry(13, "bad_value"),
        Map.entry(14, "malformed_line"), Map.entry(16, "malformed_line")));
    assertEquals(expected, reasons);
    Row undecodable = table(dir.resolve("w"), Tables.QUARANTINE).where("source_line = 4").first();
    assertEquals("byte 11 of the line is not valid UTF-8", undecodable.getAs("reason"));

    assertEquals(1, result.conflicts());
    Row conflict = table(dir.resolve("w"), Tables.CONFLICTS).first();
    assertEquals(1490.0, conflict.<Double>getAs("kept_value"));
    assertEquals(1500.0, conflict.<Double>getAs("discarded_value"));
    assertEquals("status_precedence", conflict.getAs("resolution"));
    assertEquals(1, result.observations());

    Row run = table(dir.resolve("w"), Tables.INGEST_RUNS).first();
    assertEquals(14L, run.<Long>getAs("lines_read"));
    assertEquals(12L, run.<Long>getAs("lines_quarantined"));
    Row tooLong = table(dir.resolve("w"), Tables.QUARANTINE).where("source_line = 16").first();
    assertEquals("line longer than 1048576 bytes", tooLong.getAs("reason"));
  }

  @Test
  void aRunWhoseEveryLineIsQuarantinedStillLeavesReadableTables() throws Exception {
    Path input = dir.resolve("bad.csv");
    Files.writeString(input, "province_name,year,indicator,measure,value\nAtlantis,2022,export_value,value,1\n",
        StandardCharsets.UTF_8);
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.resolve("w").toString(), input.toString()));
    assertEquals(1, result.quarantined());
    assertEquals(0, result.observations());
    // Readable without being told the schema, as DuckDB or pandas would read it.
    Dataset<Row> observations = spark.read().parquet(dir.resolve("w/observations").toString());
    assertEquals(0, observations.count());
    assertTrue(List.of(observations.columns()).contains("province_code"));
  }

  @Test
  void theRealGsoTablesIngestUnmodifiedAndProvinceSumsMatchTheReportedTotals() {
    Path retail = SharedData.require("realdata/gso-province-tables-2017/retail_sales_by_province_current_prices_raw.csv");
    Path iip = SharedData.require("realdata/gso-province-tables-2017/iip_by_province_raw.csv");
    Path w = dir.resolve("gso");
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(w.toString(), retail.toString(), iip.toString()));
    assertEquals(0, result.quarantined());
    assertTrue(result.balanced());
    Ingestion.FileSummary retailFile = result.files().stream()
        .filter(f -> f.source().startsWith("retail")).findFirst().orElseThrow();
    assertEquals(71, retailFile.read()); // 64 places (63 + Hà Tây), 6 regions, the country
    assertEquals("retail_sales_services value (bn_vnd)", retailFile.content());

    table(w, Tables.OBSERVATIONS).createOrReplaceTempView("obs");
    table(w, Tables.REPORTED_AGGREGATES).createOrReplaceTempView("agg");
    assertEquals(64, spark.sql("SELECT DISTINCT province_code FROM obs WHERE indicator = 'retail_sales_services'").count());
    assertEquals(1, spark.sql("SELECT * FROM obs WHERE province_code = '28' AND year = 2007").count());
    assertEquals(63, spark.sql("SELECT * FROM obs WHERE indicator = 'retail_sales_services' AND year = 2016 "
        + "AND status = 'preliminary'").count());

    List<Row> mismatches = spark.sql(
        "WITH sums AS ("
            + "  SELECT region_code AS scope, year, sum(value) AS total FROM obs"
            + "  WHERE indicator = 'retail_sales_services' GROUP BY region_code, year"
            + "  UNION ALL SELECT 'VN', year, sum(value) FROM obs"
            + "  WHERE indicator = 'retail_sales_services' GROUP BY year)"
            + " SELECT a.scope, a.year, a.value, s.total FROM agg a JOIN sums s"
            + "  ON a.scope = s.scope AND a.year = s.year"
            + " WHERE a.indicator = 'retail_sales_services' AND a.year IN (2010, 2015, 2016)"
            + "  AND abs(a.value - s.total) > 0.1").collectAsList();
    assertEquals(List.of(), mismatches);
    assertEquals(21, spark.sql("SELECT * FROM agg WHERE indicator = 'retail_sales_services' "
        + "AND year IN (2010, 2015, 2016)").count());

    // The IIP table: indices of the previous year, and region rows all not available.
    assertEquals(63 * 5, spark.sql("SELECT * FROM obs WHERE indicator = 'iip'").count());
    assertEquals(5, spark.sql("SELECT * FROM agg WHERE indicator = 'iip'").count());
    assertEquals("index_prev_year", spark.sql("SELECT DISTINCT measure FROM obs WHERE indicator = 'iip'")
        .first().getString(0));
  }
}
