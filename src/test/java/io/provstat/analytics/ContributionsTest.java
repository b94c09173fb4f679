package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ContributionsTest extends SparkTestBase {

  private Dataset<Row> contributions(Observations obs, Dataset<Row> aggregates) {
    return Contributions.compute(Facts.of(obs.build(spark)), ReferenceFrames.indicators(spark), aggregates,
        ReferenceFrames.provinces(spark));
  }

  /** The identity on every group: contributions add up to the parent's growth (rounding aside). */
  static void assertGroupsAddUp(Dataset<Row> contributions) {
    List<Row> groups = contributions.groupBy("scope", "year", "period", "parent_indicator", "component_set")
        .agg(org.apache.spark.sql.functions.sum("contribution_pp").as("total"),
            org.apache.spark.sql.functions.first("parent_growth_pct").as("growth"),
            org.apache.spark.sql.functions.count("*").as("n"))
        .collectAsList();
    assertTrue(!groups.isEmpty());
    for (Row g : groups) {
      double tolerance = 0.005 * g.<Long>getAs("n") + 1e-9;
      assertEquals(g.<Double>getAs("growth"), g.<Double>getAs("total"), tolerance, g.toString());
    }
  }

  @Test
  void commodityComponentsAndOtherAddUpAndAComponentWithoutHistoryStaysInOther() {
    Dataset<Row> rows = contributions(Observations.builder()
        .add("94", "export_value", "value", 2021, 1000).add("94", "export_value", "value", 2022, 1200)
        .add("94", "export_seafood", "value", 2021, 600).add("94", "export_seafood", "value", 2022, 650)
        .add("94", "export_rice", "value", 2021, 200).add("94", "export_rice", "value", 2022, 330)
        .add("94", "export_garments", "value", 2022, 80) // no 2021 level: cannot be split out
        .add("94", "export_goods", "value", 2021, 900).add("94", "export_goods", "value", 2022, 1100),
        Observations.noAggregates(spark));
    assertGroupsAddUp(rows);
    Dataset<Row> commodity = rows.where("component_set = 'commodity' AND year = 2022");
    assertEquals(3, commodity.count());
    Row seafood = commodity.where("component = 'export_seafood'").first();
    assertEquals(5.0, seafood.<Double>getAs("contribution_pp"), 1e-9);
    assertEquals(25.0, seafood.<Double>getAs("share_of_growth_pct"), 1e-9);
    assertEquals("computed", seafood.getAs("basis"));
    Row other = commodity.where("component_kind = 'other'").first();
    assertEquals(200.0, other.<Double>getAs("prev_value"), 1e-9);
    assertEquals(220.0, other.<Double>getAs("value"), 1e-9); // includes garments' 80
    assertEquals(2.0, other.<Double>getAs("contribution_pp"), 1e-9);
    assertEquals(20.0, other.<Double>getAs("parent_growth_pct"), 1e-9);
    // goods exports are another component set, with their own other.
    assertEquals(2, rows.where("component_set = 'goods_services'").count());
  }

  @Test
  void membersOfAnIndicatorFamilyAreComponentsOfTheFamilysParent() {
    Dataset<Row> rows = contributions(Observations.builder()
        .add("94", "export_value", "value", 2021, 100).add("94", "export_value", "value", 2022, 120)
        .add("94", "export_hs_0306", "value", 2021, 40).add("94", "export_hs_0306", "value", 2022, 50)
        .add("94", "export_hs_1006", "value", 2021, 30).add("94", "export_hs_1006", "value", 2022, 35),
        Observations.noAggregates(spark));
    assertGroupsAddUp(rows);
    Dataset<Row> hs = rows.where("component_set = 'hs' AND year = 2022");
    assertEquals(3, hs.count());
    assertEquals(10.0, hs.where("component = 'export_hs_0306'").first().<Double>getAs("contribution_pp"), 1e-9);
    assertEquals(5.0, hs.where("component = 'export_hs_1006'").first().<Double>getAs("contribution_pp"), 1e-9);
    Row other = hs.where("component_kind = 'other'").first();
    assertEquals(5.0, other.<Double>getAs("contribution_pp"), 1e-9);
    assertEquals("export_value", other.getAs("parent_indicator"));
  }

  @Test
  void anUnchangedParentHasNoShareOfGrowthAndAZeroBaseNoContribution() {
    Dataset<Row> rows = contributions(Observations.builder()
        .add("94", "export_value", "value", 2021, 100).add("94", "export_value", "value", 2022, 100)
        .add("94", "export_rice", "value", 2021, 40).add("94", "export_rice", "value", 2022, 50)
        .add("40", "export_value", "value", 2021, 0).add("40", "export_value", "value", 2022, 10)
        .add("40", "export_rice", "value", 2021, 0).add("40", "export_rice", "value", 2022, 10),
        Observations.noAggregates(spark));
    Row rice = rows.where("scope = '94' AND component = 'export_rice'").first();
    assertEquals(10.0, rice.<Double>getAs("contribution_pp"), 1e-9);
    assertNull(rice.getAs("share_of_growth_pct"));
    assertEquals("parent did not change: no share of growth", rice.getAs("note"));
    Row zero = rows.where("scope = '40' AND component = 'export_rice'").first();
    assertNull(zero.getAs("contribution_pp"));
    assertEquals("parent's previous level is zero", zero.getAs("note"));
  }

  @Test
  void geographyNeedsTheWholeRegionAndShowsTheGapToTheReportedTotal() {
    Observations obs = Observations.builder();
    String[] centralHighlands = {"62", "64", "66", "67", "68"};
    for (int i = 0; i < centralHighlands.length; i++) {
      obs.add(centralHighlands[i], "retail_sales_services", "value", 2015, 100 + i)
          .add(centralHighlands[i], "retail_sales_services", "value", 2016, 110 + 2 * i);
    }
    obs.add("94", "retail_sales_services", "value", 2015, 50).add("94", "retail_sales_services", "value", 2016, 60);
    Dataset<Row> aggregates = Observations.aggregates(spark,
        new Object[] {"CH", "retail_sales_services", 2015, 510.0},
        new Object[] {"CH", "retail_sales_services", 2016, 571.0});
    Dataset<Row> rows = contributions(obs, aggregates).where(col("component_set").equalTo("geography"));
    assertGroupsAddUp(rows);
    assertEquals(0, rows.where("scope = 'MRD'").count()); // 1 of 13 provinces: no breakdown
    Dataset<Row> ch = rows.where("scope = 'CH' AND year = 2016");
    assertEquals(6, ch.count());
    Row other = ch.where("component_kind = 'other'").first();
    assertEquals(0.0, other.<Double>getAs("prev_value"), 1e-9);
    assertEquals(1.0, other.<Double>getAs("value"), 1e-9); // reported 571 vs province sum 570
    Row first = ch.where("component = '62'").first();
    assertEquals(100.0 * 10 / 510, first.<Double>getAs("contribution_pp"), 1e-12); // 100 * 10 / 510
  }
}
