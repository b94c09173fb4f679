package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Every analytic table's {@code status} is the weakest status of the figures its row comes from:
 * one preliminary level, one estimated plan and one estimated growth, and where each one reaches.
 */
class StatusTest extends SparkTestBase {

  private static Analysis analysis;

  @BeforeAll
  static void analyze() {
    Dataset<Row> observations = Observations.builder()
        // Sóc Trăng: its 2022 exports are preliminary, its seafood final.
        .add("94", "export_value", "value", 2021, 100)
        .add("94", "export_value", "value", 2022, 110, "preliminary")
        .add("94", "export_seafood", "value", 2021, 30)
        .add("94", "export_seafood", "value", 2022, 33)
        // An estimated plan, and an estimated reported growth of retail sales beside final levels.
        .add("94", "export_value", "plan", 2022, 105, "estimate")
        .add("94", "retail_sales_services", "value", 2021, 200)
        .add("94", "retail_sales_services", "value", 2022, 220)
        .add("94", "retail_sales_services", "yoy_growth_pct", 2022, 10, "estimate")
        // Bạc Liêu: every figure final.
        .add("95", "export_value", "value", 2021, 50)
        .add("95", "export_value", "value", 2022, 60)
        .add("95", "export_seafood", "value", 2021, 20)
        .add("95", "export_seafood", "value", 2022, 25)
        .add("95", "export_value", "plan", 2022, 55)
        .build(spark);
    analysis = Analyses.published(spark, observations);
  }

  @AfterAll
  static void release() {
    analysis.close();
  }

  private static List<String> statuses(String table, String where) {
    List<Row> rows = analysis.table(table).where(where).select("status").collectAsList();
    assertFalse(rows.isEmpty(), table + " has no row where " + where);
    return rows.stream().map(r -> r.<String>getAs(0)).distinct().sorted().toList();
  }

  private static String status(String table, String where) {
    List<String> found = statuses(table, where);
    assertEquals(1, found.size(), table + " where " + where + ": " + found);
    return found.get(0);
  }

  @Test
  void growthIsAsFinalAsTheLevelsItComesFrom() {
    assertEquals("final", status("growth", "province_code = '94' AND indicator = 'export_value' AND year = 2021"));
    assertEquals("preliminary",
        status("growth", "province_code = '94' AND indicator = 'export_value' AND year = 2022"));
    assertEquals("final", status("growth", "province_code = '95' AND indicator = 'export_value' AND year = 2022"));
    // Computed from two final levels: the estimated reported growth beside it is not an input.
    assertEquals("final",
        status("growth", "province_code = '94' AND indicator = 'retail_sales_services' AND year = 2022"));
  }

  @Test
  void aRankIsAsFinalAsTheLeastFinalFigureItCompares() {
    String mekong2022 = "scope = 'MRD' AND indicator = 'export_value' AND basis = 'value' AND year = 2022";
    assertEquals("preliminary", status("rankings", mekong2022));
    Row bacLieu = analysis.table("rankings").where(mekong2022 + " AND province_code = '95'").first();
    assertEquals("final", bacLieu.getAs("value_status"));
    assertEquals("final",
        status("rankings", "scope = 'MRD' AND indicator = 'export_value' AND basis = 'value' AND year = 2021"));
    assertEquals("estimate", status("rankings", "scope = 'MRD' AND indicator = 'export_value'"
        + " AND basis = 'plan_attainment_pct' AND year = 2022 AND province_code = '94'"));
  }

  @Test
  void contributionsCarryTheWeakestOfComponentAndParent() {
    assertEquals(List.of("preliminary"), statuses("contributions", "scope = '94' AND year = 2022"));
    assertEquals(List.of("final"), statuses("contributions", "scope = '95' AND year = 2022"));
  }

  @Test
  void shiftShareReachesEveryProvinceOfAPreliminaryReference() {
    assertEquals(List.of("preliminary"), statuses("shift_share", "province_code = '95' AND reference_scope = 'MRD'"));
  }

  @Test
  void planGapAndScorecardCarryTheEstimatedPlan() {
    assertEquals("estimate", status("plan_gap", "province_code = '94' AND year = 2022"));
    assertEquals("final", status("plan_gap", "province_code = '95' AND year = 2022"));
    assertEquals("estimate", status("scorecard", "province_code = '94' AND year = 2022"));
    assertEquals("final", status("scorecard", "province_code = '95' AND year = 2022"));
  }

  @Test
  void aCheckIsAsFinalAsTheFiguresItCompares() {
    assertEquals("estimate", status("reconciliation",
        "check = 'growth_vs_levels' AND province_code = '94' AND indicator = 'retail_sales_services'"));
  }

  @Test
  void everyAnalyticTableHasAStatusOfTheThreeCodes() {
    for (var table : Analysis.TABLES) {
      assertTrue(List.of(table.schema().fieldNames()).contains("status"), table.name());
      for (String s : statuses(table.name(), "true")) {
        assertTrue(List.of("final", "preliminary", "estimate").contains(s), table.name() + ": " + s);
      }
    }
  }
}
