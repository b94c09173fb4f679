package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.Analyses;
import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-capita figures derived from a level and the average population, then ranked like any other. */
class PerCapitaTest extends SparkTestBase {

  private static Analysis analysis;

  @BeforeAll
  static void analyze() {
    Dataset<Row> observations = Observations.builder()
        // Sóc Trăng: 30,000 bn VND of retail sales for 1,200 thousand people is 25 mn VND a person.
        .add("94", "retail_sales_services", "value", 2020, 30000)
        .add("94", "population", "value", 2020, 1200, "preliminary")
        .add("94", "retail_sales_services", "value", 2021, 33000)
        .add("94", "population", "value", 2021, 1100)
        // Bạc Liêu: 20,000 for 800 is 25 as well (a tie); no population in 2021, so no figure.
        .add("95", "retail_sales_services", "value", 2020, 20000)
        .add("95", "population", "value", 2020, 800)
        .add("95", "retail_sales_services", "value", 2021, 21000)
        // Exports: 500 mn USD for 1,200 thousand people is 416.67 USD a person (factor 1000).
        .add("94", "export_value", "value", 2020, 500)
        .build(spark);
    analysis = Analyses.published(spark, observations);
  }

  @AfterAll
  static void release() {
    analysis.close();
  }

  private static Row growth(String province, String indicator, int year) {
    List<Row> rows = analysis.table("growth").where(String.format(
        "province_code = '%s' AND indicator = '%s' AND year = %d", province, indicator, year)).collectAsList();
    assertEquals(1, rows.size(), province + " " + indicator + " " + year);
    return rows.get(0);
  }

  @Test
  void aLevelOverThePopulationIsAPerCapitaFigureWithItsUnitBasisAndStatus() {
    Row socTrang = growth("94", "retail_sales_services_per_capita", 2020);
    assertEquals(25.0, socTrang.<Double>getAs("value"), 1e-12);
    assertEquals("mn_vnd_per_person", socTrang.getAs("unit"));
    assertEquals("derived_per_capita", socTrang.getAs("value_basis"));
    assertEquals("preliminary", socTrang.getAs("value_status"), "the population is preliminary");
    assertEquals(500.0 / 1200 * 1000, growth("94", "export_value_per_capita", 2020).<Double>getAs("value"), 1e-9);
    assertEquals("usd_per_person", growth("94", "export_value_per_capita", 2020).getAs("unit"));
    // 33000 / 1100 = 30 against 25: 20 % growth per person, computed from the two derived levels.
    Row next = growth("94", "retail_sales_services_per_capita", 2021);
    assertEquals(20.0, next.<Double>getAs("yoy_growth_pct"), 1e-9);
    assertEquals("preliminary", next.getAs("status"));
    assertEquals("reported", growth("94", "retail_sales_services", 2020).getAs("value_basis"));
  }

  @Test
  void noPopulationNoPerCapitaFigure() {
    assertEquals(0, analysis.table("growth").where("province_code = '95' AND year = 2021 "
        + "AND indicator = 'retail_sales_services_per_capita'").count());
  }

  @Test
  void perCapitaFiguresAreRanked() {
    List<Row> ranked = analysis.table("rankings").where("scope = 'MRD' AND year = 2020 AND basis = 'value' "
        + "AND indicator = 'retail_sales_services_per_capita'").orderBy("province_code").collectAsList();
    assertEquals(2, ranked.size());
    for (Row r : ranked) {
      assertEquals(1, r.<Integer>getAs("rank_among_reporting"), "25 and 25 tie");
      assertEquals("derived_per_capita", r.getAs("value_basis"));
    }
    assertTrue(analysis.table("rankings").where("indicator = 'retail_sales_services_per_capita'")
        .select("unit").distinct().collectAsList().stream().anyMatch(r -> "mn_vnd_per_person".equals(r.getString(0))));
  }
}
