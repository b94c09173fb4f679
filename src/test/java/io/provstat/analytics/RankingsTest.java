package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RankingsTest extends SparkTestBase {

  private Dataset<Row> rank(Observations obs) {
    Dataset<Row> facts = Facts.of(obs.build(spark));
    return Rankings.compute(facts, ReferenceFrames.provinces(spark), ReferenceFrames.indicators(spark));
  }

  @Test
  void competitionRankingWithTiesOverACompleteScope() {
    Observations obs = Observations.builder();
    // Central Highlands: five provinces, all published; two tie for second place.
    obs.add("62", "retail_sales_services", "value", 2021, 10)
        .add("64", "retail_sales_services", "value", 2021, 40)
        .add("66", "retail_sales_services", "value", 2021, 30)
        .add("67", "retail_sales_services", "value", 2021, 30)
        .add("68", "retail_sales_services", "value", 2021, 20);
    Dataset<Row> ranks = rank(obs).where("scope = 'CH' AND basis = 'value'").orderBy("rank", "province_code");
    List<Row> rows = ranks.collectAsList();
    assertEquals(List.of(1, 2, 2, 4, 5), rows.stream().map(r -> r.<Integer>getAs("rank")).toList());
    assertEquals(List.of("64", "66", "67", "68", "62"), rows.stream().map(r -> r.<String>getAs("province_code")).toList());
    for (Row r : rows) {
      assertEquals(true, r.getAs("complete"));
      assertEquals(5L, r.<Long>getAs("n_in_scope"));
    }
    assertEquals(30.77, rows.get(0).<Double>getAs("share_of_scope_pct"));
  }

  @Test
  void anIncompleteScopeSaysSoAndHasNoShare() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "value", 2022, 1500).add("92", "export_value", "value", 2022, 2000));
    Row socTrang = ranks.where("scope = 'MRD' AND province_code = '94'").first();
    assertEquals(2, socTrang.<Integer>getAs("rank"));
    assertEquals(2L, socTrang.<Long>getAs("n_ranked"));
    assertEquals(13L, socTrang.<Long>getAs("n_in_scope"));
    assertEquals(false, socTrang.getAs("complete"));
    assertNull(socTrang.getAs("share_of_scope_pct"));
    Row national = ranks.where("scope = 'VN' AND province_code = '94'").first();
    assertEquals(63L, national.<Long>getAs("n_in_scope"));
  }

  @Test
  void rankChangeAgainstThePreviousYearAndAFormerProvinceInItsTime() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("01", "retail_sales_services", "value", 2006, 100).add("28", "retail_sales_services", "value", 2006, 200)
        .add("01", "retail_sales_services", "value", 2007, 300).add("28", "retail_sales_services", "value", 2007, 250)
        .add("01", "retail_sales_services", "value", 2009, 400));
    Row haNoi2007 = ranks.where("scope = 'RRD' AND basis = 'value' AND province_code = '01' AND year = 2007").first();
    assertEquals(1, haNoi2007.<Integer>getAs("rank"));
    assertEquals(2, haNoi2007.<Integer>getAs("prev_rank"));
    assertEquals(1, haNoi2007.<Integer>getAs("rank_change"));
    assertEquals(12L, haNoi2007.<Long>getAs("n_in_scope")); // Hà Tây still counts in 2007
    Row haNoi2009 = ranks.where("scope = 'RRD' AND basis = 'value' AND province_code = '01' AND year = 2009").first();
    assertEquals(11L, haNoi2009.<Long>getAs("n_in_scope"));
    assertNull(haNoi2009.getAs("prev_rank")); // 2008 missing: no previous rank
  }

  @Test
  void ranksAreTakenOnUnroundedFigures() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "yoy_growth_pct", 2022, 10.004).add("92", "export_value", "yoy_growth_pct", 2022, 10.001));
    Row first = ranks.where("scope = 'MRD' AND basis = 'yoy_growth_pct' AND rank = 1").first();
    assertEquals("94", first.getAs("province_code"));
    assertEquals(10.0, first.<Double>getAs("value"));
    assertEquals(2, ranks.where("scope = 'MRD' AND province_code = '92'").first().<Integer>getAs("rank"));
  }

  @Test
  void growthAndAttainmentAreRankedToo() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "yoy_growth_pct", 2022, 16.37).add("92", "export_value", "yoy_growth_pct", 2022, 20)
        .add("94", "export_value", "plan_attainment_pct", 2022, 125).add("92", "export_value", "plan_attainment_pct", 2022, 90));
    assertEquals(2, ranks.where("scope = 'MRD' AND basis = 'yoy_growth_pct' AND province_code = '94'").first()
        .<Integer>getAs("rank"));
    assertEquals(1, ranks.where("scope = 'MRD' AND basis = 'plan_attainment_pct' AND province_code = '94'").first()
        .<Integer>getAs("rank"));
  }
}
