package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party long file of GRDP per capita and population (a later, post-2019-census vintage),
 * converted to tidy CSV and ingested beside the 2017 GSO population table.
 */
class LongSeriesConversionTest extends SparkTestBase {

  static final String LONG_FILE = "realdata/grdp-percapita-population-2011-2022/grdp_per_capita_and_population_long.csv";

  @TempDir Path dir;

  private Dataset<Row> table(Path warehouse, TableDef def) {
    return Warehouse.open(spark, warehouse.toString()).read(def);
  }

  @Test
  void inventedLinesAreMappedOrSkippedByTheResourceAndAnUnknownSeriesNamesItsLine() {
    List<String> lines = List.of("\uFEFFgso_code,name_ascii_src,year,indicator,unit,value",
        "01,Ha Noi,2020,average_population,thousand persons,100.5",
        "01,Ha Noi,2020,area,km2,3.5",
        "",
        "94,Soc Trang,2020,grdp_per_capita,million VND per person per year (current prices),50.25");
    LongSeriesConversion.Result r = LongSeriesConversion.convert(lines, "in.csv", "third-party:in.csv");
    assertEquals(List.of(LongSeriesConversion.TIDY_HEADER,
        "01,Ha Noi,2020,population_census2019,value,100.5,thousand_persons,final,third-party:in.csv",
        "94,Soc Trang,2020,grdp_per_capita,value,50.25,mn_vnd_per_person,final,third-party:in.csv"), r.tidyLines());
    assertEquals(3, r.read());
    assertEquals(2, r.written());
    assertEquals(Map.of("area", 1L), r.skipped());
    assertTrue(r.balanced());

    InputException unknown = assertThrows(InputException.class, () -> LongSeriesConversion.convert(
        List.of("gso_code,name_ascii_src,year,indicator,unit,value", "01,Ha Noi,2020,average_population,persons,1"),
        "in.csv", "d"));
    assertEquals("in.csv line 2: series 'average_population' in 'persons' is not in "
        + "/io/provstat/ingest/long_series.csv; add a row mapping it to a catalogue indicator, or skipping it",
        unknown.getMessage());
    InputException header = assertThrows(InputException.class, () -> LongSeriesConversion.convert(
        List.of("code,name,year,indicator,unit,value"), "in.csv", "d"));
    assertTrue(header.getMessage().startsWith("in.csv line 1: long-file header lacks gso_code"), header.getMessage());
  }

  @Test
  void theLaterVintageIsASeriesOfItsOwnBesideTheGsoTableWithNoConflictAndNothingOverwritten() throws Exception {
    Path longFile = SharedData.require(LONG_FILE);
    Path gso = SharedData.require(PopulationTableIngestTest.REAL_TABLE);
    LongSeriesConversion.Result converted = LongSeriesConversion.convert(
        Files.readAllLines(longFile, StandardCharsets.UTF_8), longFile.getFileName().toString(),
        LongSeriesConversion.defaultDocument(longFile.getFileName().toString()));
    assertTrue(converted.balanced());
    // SOURCE.txt: 63 provinces x 12 years of area, population and density; GRDP per capita 2018-2022.
    assertEquals(Map.of("area", 63L * 12, "population_density", 63L * 12), converted.skipped());
    assertEquals(63L * 12 + 63L * 5, converted.written());
    Path tidy = dir.resolve("in").resolve("grdp_population_tidy.csv");
    Files.createDirectories(tidy.getParent());
    Files.write(tidy, converted.tidyLines(), StandardCharsets.UTF_8);

    Path warehouse = dir.resolve("wh");
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(warehouse.toString(), gso.toString(),
        tidy.toString()));
    assertTrue(result.balanced());
    assertEquals(0, result.quarantined(), "every transcribed province and year is accepted");
    assertEquals(0, result.conflicts(), "the two vintages are two series, not one series published twice");
    assertEquals(0, table(warehouse, Tables.CONFLICTS).count());
    Row tidyRun = table(warehouse, Tables.INGEST_RUNS).where("format = 'tidy-csv'").first();
    assertEquals(converted.written(), tidyRun.<Long>getAs("lines_accepted"));

    Dataset<Row> o = table(warehouse, Tables.OBSERVATIONS);
    // Hà Nội 2016 in both vintages, as SOURCE.txt quotes them: 7328.4 (GSO 2017 table), 7590.8 (revised).
    Row old = o.where("province_code = '01' AND year = 2016 AND indicator = 'population'").first();
    assertEquals(7328.4, old.<Double>getAs("value"));
    assertEquals("preliminary", old.getAs("status"));
    assertEquals("average_population_by_province_raw.csv", old.getAs("source"));
    Row revised = o.where("province_code = '01' AND year = 2016 AND indicator = 'population_census2019'").first();
    assertEquals(7590.8, revised.<Double>getAs("value"));
    assertEquals("thousand_persons", revised.getAs("unit"));
    assertEquals("third-party:grdp_per_capita_and_population_long.csv", revised.getAs("document"));
    // Every figure of both files is kept: nothing of one vintage replaced the other.
    assertEquals(63L * 12, o.where("indicator = 'population_census2019'").count());
    assertEquals(63L * 6, o.where("indicator = 'population' AND year BETWEEN 2011 AND 2016").count());
    assertEquals(0, o.where("indicator = 'population' AND year > 2016").count());

    Row grdp = o.where("province_code = '01' AND year = 2018 AND indicator = 'grdp_per_capita'").first();
    assertEquals(111.6, grdp.<Double>getAs("value"));
    assertEquals("mn_vnd_per_person", grdp.getAs("unit"));
    assertEquals(63L * 5, o.where("indicator = 'grdp_per_capita'").count());
  }
}
