package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ReconciliationTest extends SparkTestBase {

  private Dataset<Row> reconcile(Observations obs, Dataset<Row> aggregates) {
    Dataset<Row> observations = obs.build(spark);
    Dataset<Row> facts = Facts.of(observations);
    Dataset<Row> provinces = ReferenceFrames.provinces(spark);
    Dataset<Row> indicators = ReferenceFrames.indicators(spark);
    Dataset<Row> rankings = Rankings.compute(facts, provinces, indicators);
    return Reconciliation.compute(observations, facts, rankings, aggregates, provinces, indicators);
  }

  @Test
  void growthAndAttainmentChecksWithTheirTolerance() {
    Dataset<Row> checks = reconcile(Observations.builder()
        .add("94", "export_value", "value", 2021, 100).add("94", "export_value", "value", 2022, 110)
        .add("94", "export_value", "yoy_growth_pct", 2022, 10.05)
        .add("94", "import_value", "value", 2021, 100).add("94", "import_value", "value", 2022, 120)
        .add("94", "import_value", "yoy_growth_pct", 2022, 12)
        .add("94", "export_value", "plan", 2022, 100).add("94", "export_value", "plan_attainment_pct", 2022, 111),
        Observations.noAggregates(spark));
    Row ok = checks.where("check = 'growth_vs_levels' AND indicator = 'export_value'").first();
    assertEquals(true, ok.getAs("ok"));
    Row wrong = checks.where("check = 'growth_vs_levels' AND indicator = 'import_value'").first();
    assertEquals(false, wrong.getAs("ok"));
    assertEquals("warning", wrong.getAs("severity"));
    assertEquals(8.0, wrong.<Double>getAs("difference"), 1e-9);
    Row attainment = checks.where("check = 'attainment_vs_levels'").first();
    assertEquals(false, attainment.getAs("ok"));
    assertEquals(110.0, attainment.<Double>getAs("computed"), 1e-9);
  }

  @Test
  void provinceSumsAgainstReportedTotalsOnlyWhereTheScopeIsComplete() {
    Observations obs = Observations.builder();
    String[] centralHighlands = {"62", "64", "66", "67", "68"};
    for (String p : centralHighlands) {
      obs.add(p, "retail_sales_services", "value", 2016, 100);
    }
    obs.add("94", "retail_sales_services", "value", 2016, 50);
    Dataset<Row> checks = reconcile(obs, Observations.aggregates(spark,
        new Object[] {"CH", "retail_sales_services", 2016, 500.05},
        new Object[] {"MRD", "retail_sales_services", 2016, 700.0},
        new Object[] {"VN", "retail_sales_services", 2016, 9000.0})).where("check = 'aggregate_sum'");
    assertEquals(true, checks.where("province_code = 'CH'").first().getAs("ok"));
    Row mrd = checks.where("province_code = 'MRD'").first();
    assertNull(mrd.getAs("ok"));
    assertEquals("1 of 13 provinces published: sum not comparable", mrd.getAs("note"));
    assertNull(checks.where("province_code = 'VN'").first().getAs("ok"));
  }

  @Test
  void aReportedRankIsCheckedOnACompleteScope() {
    Observations obs = Observations.builder();
    String[] centralHighlands = {"62", "64", "66", "67", "68"};
    for (int i = 0; i < centralHighlands.length; i++) {
      obs.add(centralHighlands[i], "retail_sales_services", "value", 2016, 100 + i);
    }
    obs.add("68", "retail_sales_services", "reported_rank", 2016, "Y", 1, "CH");
    obs.add("62", "retail_sales_services", "reported_rank", 2016, "Y", 1, "CH");
    Dataset<Row> ranks = reconcile(obs, Observations.noAggregates(spark)).where("check = 'reported_rank'");
    assertEquals(true, ranks.where("province_code = '68'").first().getAs("ok"));
    Row wrong = ranks.where("province_code = '62'").first();
    assertEquals(false, wrong.getAs("ok"));
    assertEquals(5.0, wrong.<Double>getAs("computed"));
  }
}
