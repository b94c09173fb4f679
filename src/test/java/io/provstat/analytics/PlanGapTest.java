package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PlanGapTest extends SparkTestBase {

  private Dataset<Row> planGap(Observations obs, double tolerance) {
    return PlanGap.compute(Facts.of(obs.build(spark)), tolerance);
  }

  private static Row of(Dataset<Row> rows, String indicator, int year) {
    return rows.where("indicator = '" + indicator + "' AND year = " + year).first();
  }

  @Test
  void statusWithinToleranceDerivedPlansZeroPlansAndNextYearTargets() {
    Dataset<Row> rows = planGap(Observations.builder()
        .add("40", "retail_sales_services", "value", 2020, 100.4).add("40", "retail_sales_services", "plan", 2020, 100)
        .add("40", "export_value", "value", 2020, 90).add("40", "export_value", "plan_attainment_pct", 2020, 90)
        .add("40", "import_value", "value", 2020, 10).add("40", "import_value", "plan", 2020, 0)
        .add("40", "industrial_output_value", "value", 2020, 100)
        .add("40", "industrial_output_value", "plan", 2021, 120)
        .add("40", "industrial_output_value", "plan_growth_pct", 2021, 20), 0.5);

    Row met = of(rows, "retail_sales_services", 2020);
    assertEquals(100.4, met.<Double>getAs("attainment_pct"), 1e-9);
    assertEquals("met", met.getAs("verdict"));
    assertEquals("computed", met.getAs("attainment_basis"));

    Row derived = of(rows, "export_value", 2020);
    assertEquals(100.0, derived.<Double>getAs("plan"), 1e-9);
    assertEquals("derived_from_attainment", derived.getAs("plan_basis"));
    assertEquals("reported", derived.getAs("attainment_basis"));
    assertEquals(-10.0, derived.<Double>getAs("gap_pct"), 1e-9);
    assertEquals(-10.0, derived.<Double>getAs("gap_abs"), 1e-9);
    assertEquals("missed", derived.getAs("verdict"));

    Row zero = of(rows, "import_value", 2020);
    assertNull(zero.getAs("attainment_pct"));
    assertNull(zero.getAs("verdict"));
    assertEquals("plan is zero", zero.getAs("note"));

    Row next = of(rows, "industrial_output_value", 2021);
    assertNull(next.getAs("actual"));
    assertEquals(100.0, next.<Double>getAs("base_value"), 1e-9);
    assertEquals(20.0, next.<Double>getAs("implied_growth_pct"), 1e-9);
    assertNull(next.getAs("verdict"));

    // A stricter tolerance turns 100.4 % into exceeded.
    assertEquals("exceeded", of(planGap(Observations.builder()
        .add("40", "retail_sales_services", "value", 2020, 100.4)
        .add("40", "retail_sales_services", "plan", 2020, 100), 0.1), "retail_sales_services", 2020).getAs("verdict"));
  }

  @Test
  void scorecardCountsJudgedTargets() {
    Dataset<Row> card = Scorecard.compute(planGap(Observations.builder()
        .add("94", "export_value", "plan_attainment_pct", 2017, 104.62).add("94", "export_value", "value", 2017, 680)
        .add("94", "import_value", "plan_attainment_pct", 2017, 66.67).add("94", "import_value", "value", 2017, 100)
        .add("94", "iip", "plan_growth_pct", 2018, 10), 0.5));
    Row y2017 = card.where("year = 2017").first();
    assertEquals(2L, y2017.<Long>getAs("targets_set"));
    assertEquals(1L, y2017.<Long>getAs("targets_met"));
    assertEquals(1L, y2017.<Long>getAs("targets_missed"));
    assertEquals(50.0, y2017.<Double>getAs("met_pct"), 1e-9);
    assertEquals(1L, card.where("year = 2018").first().<Long>getAs("targets_pending"));
  }
}
