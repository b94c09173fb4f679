package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class GrowthTest extends SparkTestBase {

  private Row row(Dataset<Row> growth, String province, String indicator, int year) {
    List<Row> rows = growth.where(String.format("province_code = '%s' AND indicator = '%s' AND year = %d",
        province, indicator, year)).collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  @Test
  void computedReportedDerivedAndMissing() {
    Dataset<Row> growth = Growth.compute(Facts.of(Observations.builder()
        .add("94", "export_value", "value", 2020, 100)
        .add("94", "export_value", "value", 2021, 110)
        .add("94", "export_value", "yoy_growth_pct", 2021, 10.5)
        .add("94", "export_value", "value", 2023, 150)               // 2022 missing: no previous level
        .add("94", "import_value", "value", 2022, 120)
        .add("94", "import_value", "yoy_growth_pct", 2022, 20)      // previous level derived: 100
        .add("94", "retail_sales_services", "value", 2020, 0)
        .add("94", "retail_sales_services", "value", 2021, 50)      // previous level zero
        .add("94", "iip", "index_prev_year", 2021, 108.5)           // index on the previous year
        .build(spark)));

    Row computed = row(growth, "94", "export_value", 2021);
    assertEquals(10.0, computed.<Double>getAs("yoy_growth_pct"), 1e-9);
    assertEquals("computed", computed.getAs("growth_basis"));
    assertEquals(10.5, computed.<Double>getAs("yoy_growth_reported_pct"), 1e-9);
    assertEquals(-0.5, computed.<Double>getAs("growth_diff_pp"), 1e-9);

    Row gap = row(growth, "94", "export_value", 2023);
    assertNull(gap.getAs("yoy_growth_pct"));
    assertNull(gap.getAs("prev_value"));
    assertEquals("no previous level and no reported growth", gap.getAs("note"));

    Row derived = row(growth, "94", "import_value", 2022);
    assertEquals(100.0, derived.<Double>getAs("prev_value"), 1e-9);
    assertEquals("derived_from_growth", derived.getAs("prev_basis"));
    assertEquals("reported", derived.getAs("growth_basis"));
    assertEquals(20.0, derived.<Double>getAs("yoy_growth_pct"), 1e-9);
    assertNull(derived.getAs("growth_diff_pp"));

    Row zero = row(growth, "94", "retail_sales_services", 2021);
    assertNull(zero.getAs("yoy_growth_pct"));
    assertEquals("previous level is zero", zero.getAs("note"));

    Row index = row(growth, "94", "iip", 2021);
    assertEquals(8.5, index.<Double>getAs("yoy_growth_pct"), 1e-9);
    assertEquals("reported", index.getAs("growth_basis"));
  }

  @Test
  void cagrOverFiveYearsAndTheLongestRunWhichMissingYearsBreak() {
    Observations obs = Observations.builder();
    // 2010..2015 consecutive (6 levels, growing 10 % a year), 2017..2019 (3 levels), 2016 missing.
    double level = 100;
    for (int year = 2010; year <= 2015; year++) {
      obs.add("01", "retail_sales_services", "value", year, level);
      level *= 1.1;
    }
    obs.add("01", "retail_sales_services", "value", 2017, 200)
        .add("01", "retail_sales_services", "value", 2018, 220)
        .add("01", "retail_sales_services", "value", 2019, 242);
    Dataset<Row> growth = Growth.compute(Facts.of(obs.build(spark)));
    Row y2015 = row(growth, "01", "retail_sales_services", 2015);
    assertEquals(10.0, y2015.<Double>getAs("cagr_5y_pct"), 1e-9);
    assertEquals(2010, y2015.<Integer>getAs("longest_run_from"));
    assertEquals(2015, y2015.<Integer>getAs("longest_run_to"));
    assertEquals(10.0, y2015.<Double>getAs("cagr_longest_run_pct"), 1e-9);
    assertNull(row(growth, "01", "retail_sales_services", 2014).getAs("cagr_5y_pct"));
    // 2019: its five-year window spans the missing 2016, so no CAGR.
    assertNull(row(growth, "01", "retail_sales_services", 2019).getAs("cagr_5y_pct"));
    assertNull(row(growth, "01", "retail_sales_services", 2017).getAs("yoy_growth_pct"));
  }

  @Test
  void onTiedRunLengthsTheLatestRunIsTheLongest() {
    Dataset<Row> growth = Growth.compute(Facts.of(Observations.builder()
        .add("01", "import_value", "value", 2010, 100).add("01", "import_value", "value", 2011, 110)
        .add("01", "import_value", "value", 2015, 100).add("01", "import_value", "value", 2016, 150)
        .build(spark)));
    Row r = row(growth, "01", "import_value", 2010);
    assertEquals(2015, r.<Integer>getAs("longest_run_from"));
    assertEquals(2016, r.<Integer>getAs("longest_run_to"));
    assertEquals(50.0, r.<Double>getAs("cagr_longest_run_pct"), 1e-9);
  }
}
