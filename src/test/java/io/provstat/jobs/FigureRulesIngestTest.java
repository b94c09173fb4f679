package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.Ingestion;
import io.provstat.ingest.ParseOptions;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
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

/**
 * The value rules at ingest (io.provstat.ingest.FigureRules), the same in every format, and a
 * report's figures accounted one by one: each is stored or quarantined with its reason.
 */
class FigureRulesIngestTest extends SparkTestBase {

  @TempDir Path dir;

  private Dataset<Row> table(Path warehouse, io.provstat.warehouse.TableDef table) {
    return Warehouse.open(spark, warehouse.toString()).read(table);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void everyFigureOfAReportLineIsStoredOrQuarantinedWithItsReason() throws Exception {
    // One line: two figures of 2013, then next year's target, a figure of 2014.
    String line = "Năm 2013, kim ngạch xuất khẩu ước đạt 1.000 triệu USD, tăng 10% so với năm 2012. "
        + "Các chỉ tiêu cơ bản năm 2014: kim ngạch xuất khẩu 1.100 triệu USD.";
    Path report = write("bao-cao.txt", "Sở Công Thương tỉnh Sóc Trăng\n" + line + "\n");
    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, new Ingestion.Config(List.of(report.toString()), w.toString(),
        null, null, new ParseOptions(ParseOptions.DEFAULT_MIN_YEAR, 2013, null, "94", null)));

    assertTrue(result.balanced());
    assertEquals(2, result.observations());
    List<Row> quarantine = table(w, Tables.QUARANTINE).collectAsList();
    assertEquals(1, quarantine.size(), quarantine.toString());
    Row q = quarantine.get(0);
    assertEquals("year_out_of_range", q.getAs("reason_code"));
    assertEquals(2, q.<Integer>getAs("source_line").intValue());
    assertEquals(line, q.getAs("raw_text"));
    String reason = q.getAs("reason");
    assertTrue(reason.contains("'kim ngạch xuất khẩu 1.100 triệu USD'") && reason.contains("year 2014 is outside"),
        reason);
    // The offsets name the quote in the file's text.
    String text = Files.readString(report, StandardCharsets.UTF_8);
    int start = text.indexOf("kim ngạch xuất khẩu 1.100");
    assertTrue(reason.contains("(characters " + start + "-" + (start + "kim ngạch xuất khẩu 1.100 triệu USD".length())
        + ")"), reason);
    // A line with a refused figure counts as quarantined, never as accepted with a figure gone.
    Ingestion.FileSummary file = result.files().get(0);
    assertEquals(2, file.read());
    assertEquals(0, file.accepted());
    assertEquals(1, file.quarantined());
    assertEquals(1, file.withoutFigures());
    assertEquals(1, table(w, Tables.OBSERVATIONS).where("year = 2013 AND measure = 'value' AND value = 1000").count());
  }

  @Test
  void theSameBadFigureGetsTheSameReasonInEveryFormat() throws Exception {
    // 1e27 million USD of exports for Sóc Trăng (94), and a negative level, in each format that can write them.
    Path tidy = write("tidy.csv", "province_code,year,indicator,measure,value\n"
        + "94,2022,export_value,value,1e27\n"
        + "94,2021,export_value,value,-5\n"
        + "94,2020,export_value,value,900\n");
    Path gso = write("gso.csv", "Export value by province (mn USD)\n"
        + "Cities, provincies;2020;2021;2022\n"
        + "Sóc Trăng;900;950;1e27\n"
        + "Bạc Liêu;100;-5;120\n"
        + "Cà Mau;300;310;320\n");
    Path report = write("bao-cao.txt", "Sở Công Thương tỉnh Sóc Trăng\n"
        + "Năm 2022, kim ngạch xuất khẩu ước đạt 1.000.000.000.000.000.000.000.000.000 triệu USD.\n");
    Path w = dir.resolve("w");
    Ingestion.Result result = Ingestion.run(spark, new Ingestion.Config(
        List.of(tidy.toString(), gso.toString(), report.toString()), w.toString(), null,
        new TableSpec("export_value", "value", "mn_usd", false),
        new ParseOptions(ParseOptions.DEFAULT_MIN_YEAR, ParseOptions.DEFAULT_MAX_YEAR, null, "94", 2022)));
    assertTrue(result.balanced());

    Map<String, String> reasons = new TreeMap<>();
    for (Row r : table(w, Tables.QUARANTINE).collectAsList()) {
      String source = r.<String>getAs("source");
      reasons.put(source.substring(source.lastIndexOf('/') + 1) + ":" + r.getAs("source_line"), r.getAs("reason_code"));
    }
    assertEquals(Map.of(
        "tidy.csv:2", "implausible_magnitude", "tidy.csv:3", "bad_value",
        "gso.csv:3", "implausible_magnitude", "gso.csv:4", "bad_value",
        "bao-cao.txt:2", "implausible_magnitude"), reasons);
    String message = table(w, Tables.QUARANTINE).where("source LIKE '%tidy.csv' AND source_line = 2").first()
        .getAs("reason");
    assertEquals("value 1.0E27 mn_usd is beyond what a figure in mn_usd can be (at most 1.0E7; see "
        + "/io/provstat/reference/units.csv)", message);
    // Nothing beyond the bounds or negative was stored; the plausible figures were.
    Dataset<Row> obs = table(w, Tables.OBSERVATIONS);
    assertEquals(0, obs.where("value < 0 OR value > 1e7").count());
    assertEquals(1, obs.where("province_code = '94' AND year = 2020 AND value = 900").count());
    assertEquals(3, obs.where("province_code = '96'").count());
  }
}
