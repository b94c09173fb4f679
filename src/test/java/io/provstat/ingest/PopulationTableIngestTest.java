package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GSO tables with a breakdown dimension in their header cells: the invented fixture (with a breakdown
 * nobody maps) and the real average-population table of ../shared, ingested unmodified.
 */
class PopulationTableIngestTest extends SparkTestBase {

  static final String REAL_TABLE = "realdata/gso-province-tables-2017/average_population_by_province_raw.csv";

  @TempDir Path dir;

  private Dataset<Row> table(TableDef def) {
    return Warehouse.open(spark, dir.toString()).read(def);
  }

  private Row one(TableDef def, String where) {
    List<Row> rows = table(def).where(where).collectAsList();
    assertEquals(1, rows.size(), where);
    return rows.get(0);
  }

  private Row observation(String province, String indicator, int year) {
    return one(Tables.OBSERVATIONS, String.format("province_code = '%s' AND indicator = '%s' AND year = %d "
        + "AND measure = 'value' AND period = 'Y'", province, indicator, year));
  }

  private double aggregate(String scope, String indicator, int year) {
    return one(Tables.REPORTED_AGGREGATES, String.format("scope = '%s' AND indicator = '%s' AND year = %d",
        scope, indicator, year)).<Double>getAs("value");
  }

  @Test
  void anInventedTableWithAnUnknownBreakdownKeepsTheKnownOnesAndCountsTheSkippedCells() throws Exception {
    Path fixture = Path.of(getClass().getResource("gso-population-breakdowns-invented.csv").toURI());
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.toString(), fixture.toString()));

    assertEquals(List.of("gso-population-breakdowns-invented.csv line 3: skipped 2 column(s) of breakdown 'Migrants' "
        + "(Migrants 2014 .. Migrants 2015), which /io/provstat/ingest/gso_breakdowns.csv does not map for "
        + "population; their cells are counted in ingest_runs.values_skipped (add a row to keep them)"),
        result.notes());
    Row run = table(Tables.INGEST_RUNS).first();
    assertEquals("population value (thousand_persons) by breakdown: Total=population, Male=population_male, "
        + "Urban=population_urban", run.getAs("content"));
    // Five data lines: four places read, Atlantis quarantined whole.
    assertEquals(5L, run.<Long>getAs("lines_read"));
    assertEquals(4L, run.<Long>getAs("lines_accepted"));
    assertEquals(1L, run.<Long>getAs("lines_quarantined"));
    assertEquals("unknown_province", table(Tables.QUARANTINE).first().getAs("reason_code"));
    // Every cell of an accepted line is a figure, not available, or in a skipped column: 4 lines x 8 cells.
    long staged = run.<Long>getAs("observations_staged") + run.<Long>getAs("aggregates_staged");
    assertEquals(9L, run.<Long>getAs("observations_staged"));
    assertEquals(3L, run.<Long>getAs("values_not_available"));
    assertEquals(8L, run.<Long>getAs("values_skipped"));
    assertEquals(4 * 8L, staged + run.<Long>getAs("values_not_available") + run.<Long>getAs("values_skipped"));
    // The text in Sóc Trăng's skipped Migrants cell did not quarantine its line.
    assertEquals(24.0, observation("94", "population_male", 2014).<Double>getAs("value"));

    Row prel = observation("01", "population_urban", 2015);
    assertEquals(42.0, prel.<Double>getAs("value"));
    assertEquals("preliminary", prel.getAs("status"));
    assertEquals("thousand_persons", prel.getAs("unit"));
    assertEquals("final", observation("01", "population", 2014).getAs("status"));
    assertEquals(155.0, aggregate("VN", "population_male", 2015));
    assertEquals(0, table(Tables.OBSERVATIONS).where("indicator NOT IN ('population', 'population_male', "
        + "'population_urban')").count());
  }

  @Test
  void theRealAveragePopulationTableIngestsUnmodifiedWithItsBreakdowns() {
    Path real = SharedData.require(REAL_TABLE);
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.toString(), real.toString()));
    assertTrue(result.notes().isEmpty(), "every breakdown of the table is mapped: " + result.notes());
    assertEquals(0, result.conflicts());

    Row run = table(Tables.INGEST_RUNS).first();
    // The whole country, 6 regions and 64 provinces (63 and Hà Tây), each with 5 breakdowns x 22 years.
    assertEquals(71L, run.<Long>getAs("lines_read"));
    assertEquals(71L, run.<Long>getAs("lines_accepted"));
    assertEquals(0L, run.<Long>getAs("lines_quarantined"));
    assertEquals(0L, run.<Long>getAs("values_skipped"));
    long cells = run.<Long>getAs("observations_staged") + run.<Long>getAs("aggregates_staged")
        + run.<Long>getAs("values_not_available");
    assertEquals(71L * 5 * 22, cells);
    assertEquals(7L * 5 * 22, run.<Long>getAs("aggregates_staged"));
    assertEquals(table(Tables.OBSERVATIONS).count(), run.<Long>getAs("observations_staged"));
    assertEquals(0, table(Tables.QUARANTINE).count());

    // Hà Nội: the 2016 total as SOURCE.txt quotes it, preliminary; 2015 by sex and by residence.
    Row hanoi2016 = observation("01", "population", 2016);
    assertEquals(7328.4, hanoi2016.<Double>getAs("value"));
    assertEquals("preliminary", hanoi2016.getAs("status"));
    assertEquals("thousand_persons", hanoi2016.getAs("unit"));
    assertEquals(7202.9, observation("01", "population", 2015).<Double>getAs("value"));
    assertEquals("final", observation("01", "population", 2015).getAs("status"));
    assertEquals(3520.0, observation("01", "population_male", 2015).<Double>getAs("value"));
    assertEquals(3682.9, observation("01", "population_female", 2015).<Double>getAs("value"));
    assertEquals(3517.1, observation("01", "population_urban", 2015).<Double>getAs("value"));
    assertEquals(3685.8, observation("01", "population_rural", 2015).<Double>getAs("value"));
    assertEquals("preliminary", observation("01", "population_rural", 2016).getAs("status"));
    // Hồ Chí Minh city, Cà Mau and Kiên Giang (printed "Kien  Giang") in 2010.
    assertEquals(7346.6, observation("79", "population", 2010).<Double>getAs("value"));
    assertEquals(1208.5, observation("96", "population", 2010).<Double>getAs("value"));
    assertEquals(1698.7, observation("91", "population", 2010).<Double>getAs("value"));
    // Hà Tây up to 2007 (its columns are '..' after the merger).
    assertEquals(2773.7, observation("28", "population", 2007).<Double>getAs("value"));
    assertEquals(0, table(Tables.OBSERVATIONS).where("province_code = '28' AND year > 2007").count());
    // Country and region rows are reported aggregates.
    assertEquals(91709.8, aggregate("VN", "population", 2015));
    assertEquals(31067.5, aggregate("VN", "population_urban", 2015));
    assertEquals(13738.6, aggregate("RRD", "population_rural", 2015));
    assertEquals("preliminary", one(Tables.REPORTED_AGGREGATES,
        "scope = 'VN' AND indicator = 'population' AND year = 2016").getAs("status"));

    // Each pair of breakdowns partitions the total to GSO's rounding of 0.1 thousand, province by province.
    for (String[] pair : new String[][] {{"population_male", "population_female"}, {"population_urban", "population_rural"}}) {
      Dataset<Row> o = table(Tables.OBSERVATIONS);
      long off = o.where("indicator = 'population'").alias("t")
          .join(o.where("indicator = '" + pair[0] + "'").alias("a"), new String[] {"province_code", "year"})
          .join(o.where("indicator = '" + pair[1] + "'").alias("b"), new String[] {"province_code", "year"})
          .where("abs(t.value - a.value - b.value) > 0.1 + 1e-9").count();
      assertEquals(0, off, pair[0] + " + " + pair[1]);
    }
    // Điện Biên was split off Lai Châu in 2004 (SOURCE.txt): its series starts then, '..' before.
    assertEquals(2004, table(Tables.OBSERVATIONS).where("province_code = '11' AND indicator = 'population'")
        .agg(org.apache.spark.sql.functions.min("year")).first().getInt(0));
  }
}
