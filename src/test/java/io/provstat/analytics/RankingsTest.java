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
    return rank(obs, null);
  }

  private Dataset<Row> rank(Observations obs, Integer baseYear) {
    Dataset<Row> observations = obs.build(spark);
    return Rankings.compute(Facts.of(observations), ReferenceFrames.provinces(spark),
        ReferenceFrames.indicators(spark), Rankings.reportedRanks(observations), baseYear);
  }

  /** Central Highlands (five provinces, all published) in a year, in the order 62, 64, 66, 67, 68. */
  private static Observations centralHighlands(Observations obs, int year, double... values) {
    String[] codes = {"62", "64", "66", "67", "68"};
    for (int i = 0; i < codes.length; i++) {
      obs.add(codes[i], "retail_sales_services", "value", year, values[i]);
    }
    return obs;
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
    assertEquals(List.of(1, 2, 2, 4, 5), rows.stream().map(r -> r.<Integer>getAs("rank_among_reporting")).toList());
    // Stored unrounded: 40 of 130.
    assertEquals(100.0 * 40 / 130, rows.get(0).<Double>getAs("share_of_scope_pct"), 1e-12);
  }

  @Test
  void anIncompleteScopeSaysSoAndHasNoShare() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "value", 2022, 1500).add("92", "export_value", "value", 2022, 2000));
    Row socTrang = ranks.where("scope = 'MRD' AND province_code = '94'").first();
    // Second of the two that report, of 13: no rank among the 13 is claimed.
    assertNull(socTrang.getAs("rank"));
    assertEquals(2, socTrang.<Integer>getAs("rank_among_reporting"));
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
    assertEquals(1, haNoi2007.<Integer>getAs("rank_among_reporting"));
    assertNull(haNoi2007.getAs("prev_rank")); // 2 of 12 reporting: no rank to change
    assertEquals(12L, haNoi2007.<Long>getAs("n_in_scope")); // Hà Tây still counts in 2007
    Row haNoi2009 = ranks.where("scope = 'RRD' AND basis = 'value' AND province_code = '01' AND year = 2009").first();
    assertEquals(11L, haNoi2009.<Long>getAs("n_in_scope"));
    assertNull(haNoi2009.getAs("prev_rank")); // 2008 missing: no previous rank
  }

  @Test
  void rankChangeSinceThePreviousYearAndSinceABaseYearOverCompleteScopes() {
    Observations obs = Observations.builder();
    centralHighlands(obs, 2019, 50, 40, 30, 20, 10);
    centralHighlands(obs, 2020, 50, 40, 30, 20, 10);
    obs.add("62", "retail_sales_services", "value", 2021, 60); // only one reports: incomplete
    centralHighlands(obs, 2022, 10, 20, 30, 40, 50);
    centralHighlands(obs, 2023, 10, 50, 30, 40, 20);

    Dataset<Row> byDefault = rank(obs).where("scope = 'CH' AND basis = 'value' AND province_code = '62'");
    Row y2022 = byDefault.where("year = 2022").first();
    assertEquals(5, y2022.<Integer>getAs("rank"));
    assertNull(y2022.getAs("prev_rank")); // 2021 incomplete
    assertEquals(2019, y2022.<Integer>getAs("base_year")); // the first complete year
    assertEquals(1, y2022.<Integer>getAs("base_rank"));
    assertEquals(-4, y2022.<Integer>getAs("rank_change_since_base"));
    Row y2021 = byDefault.where("year = 2021").first();
    assertNull(y2021.getAs("rank"));
    assertNull(y2021.getAs("rank_change_since_base"));
    Row y2023 = rank(obs, 2020).where("scope = 'CH' AND basis = 'value' AND province_code = '64' AND year = 2023")
        .first();
    assertEquals(1, y2023.<Integer>getAs("rank"));
    assertEquals(4, y2023.<Integer>getAs("prev_rank"));
    assertEquals(3, y2023.<Integer>getAs("rank_change"));
    assertEquals(2020, y2023.<Integer>getAs("base_year"));
    assertEquals(2, y2023.<Integer>getAs("base_rank"));
    assertEquals(1, y2023.<Integer>getAs("rank_change_since_base"));
  }

  @Test
  void aReportedRankSitsBesideTheComputedOne() {
    Observations obs = Observations.builder()
        .add("94", "export_value", "value", 2022, 1500)
        .add("94", "export_value", "reported_rank", 2022, "Y", 5, "MRD");
    Dataset<Row> ranks = rank(obs);
    Row level = ranks.where("scope = 'MRD' AND basis = 'value' AND province_code = '94'").first();
    assertNull(level.getAs("rank"));
    assertEquals(1, level.<Integer>getAs("rank_among_reporting"));
    assertEquals(5, level.<Integer>getAs("reported_rank"));
    // The report ranked its level in the region, not nationally.
    assertNull(ranks.where("scope = 'VN' AND basis = 'value' AND province_code = '94'").first()
        .getAs("reported_rank"));
  }

  @Test
  void ranksAreTakenOnUnroundedFigures() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "yoy_growth_pct", 2022, 10.004).add("92", "export_value", "yoy_growth_pct", 2022, 10.001));
    Row first = ranks.where("scope = 'MRD' AND basis = 'yoy_growth_pct' AND rank_among_reporting = 1").first();
    assertEquals("94", first.getAs("province_code"));
    assertEquals(10.004, first.<Double>getAs("value"));
    assertEquals(2, ranks.where("scope = 'MRD' AND province_code = '92'").first()
        .<Integer>getAs("rank_among_reporting"));
  }

  @Test
  void growthAndAttainmentAreRankedToo() {
    Dataset<Row> ranks = rank(Observations.builder()
        .add("94", "export_value", "yoy_growth_pct", 2022, 16.37).add("92", "export_value", "yoy_growth_pct", 2022, 20)
        .add("94", "export_value", "plan_attainment_pct", 2022, 125).add("92", "export_value", "plan_attainment_pct", 2022, 90));
    assertEquals(2, ranks.where("scope = 'MRD' AND basis = 'yoy_growth_pct' AND province_code = '94'").first()
        .<Integer>getAs("rank_among_reporting"));
    assertEquals(1, ranks.where("scope = 'MRD' AND basis = 'plan_attainment_pct' AND province_code = '94'").first()
        .<Integer>getAs("rank_among_reporting"));
  }
}
