package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BoundariesTest extends SparkTestBase {

  @Test
  void mergedUnitsSumAdditiveLevelsOnlyWhenEveryFormerProvincePublished() {
    Dataset<Row> observations = Observations.builder()
        // Cần Thơ (92) took Cần Thơ, Hậu Giang and Sóc Trăng: all three in 2021, two in 2022.
        .add("92", "retail_sales_services", "value", 2021, 100).add("93", "retail_sales_services", "value", 2021, 50)
        .add("94", "retail_sales_services", "value", 2021, 70).add("92", "retail_sales_services", "value", 2022, 110)
        .add("94", "retail_sales_services", "value", 2022, 80)
        .add("94", "retail_sales_services", "yoy_growth_pct", 2021, 9)   // a rate of a merged unit: left out
        .add("92", "iip", "index_prev_year", 2021, 105)                 // an index of a merged unit: left out
        .add("40", "retail_sales_services", "yoy_growth_pct", 2021, 7.5) // Nghệ An stayed whole: kept
        .add("40", "retail_sales_services", "value", 2021, 68000)
        .add("40", "retail_sales_services", "reported_rank", 2021, "Y", 5, "VN") // a rank among 63: dropped
        .build(spark);
    Dataset<Row> units = Boundaries.observations2025(observations, ReferenceFrames.indicators(spark));
    Row canTho = units.where("province_code = '92' AND year = 2021").first();
    assertEquals(220.0, canTho.<Double>getAs("value"));
    assertEquals("Cần Thơ", canTho.getAs("province_name"));
    assertEquals("MRD", canTho.getAs("region_code"));
    assertEquals(0, units.where("province_code = '92' AND year = 2022").count());
    assertEquals(0, units.where("province_code = '92' AND measure <> 'value'").count());
    assertEquals(2, units.where("province_code = '40'").count());
    assertEquals(3, units.count());

    Dataset<Row> ranks = Rankings.compute(Facts.of(units, ReferenceFrames.indicators(spark), ReferenceFrames.noMergers(spark)), ReferenceFrames.units2025(spark), ReferenceFrames.indicators(spark));
    Row national = ranks.where("scope = 'VN' AND province_code = '92' AND basis = 'value'").first();
    assertEquals(34L, national.<Long>getAs("n_in_scope"));
  }
}
