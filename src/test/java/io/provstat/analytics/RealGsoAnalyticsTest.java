package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real GSO retail and IIP tables (../shared), ingested unmodified and analyzed. */
class RealGsoAnalyticsTest extends SparkTestBase {

  @TempDir Path dir;

  private Dataset<Row> table(String name) {
    return Warehouse.open(spark, dir.toString())
        .read(Analysis.TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow());
  }

  @Test
  void mekongDeltaRankingsAreCompleteAndProvinceSumsReconcile() {
    Path retail = SharedData.require("realdata/gso-province-tables-2017/retail_sales_by_province_current_prices_raw.csv");
    Path iip = SharedData.require("realdata/gso-province-tables-2017/iip_by_province_raw.csv");
    Ingestion.run(spark, Ingestion.Config.of(dir.toString(), retail.toString(), iip.toString()));
    AnalyzeJob.run(spark, AnalyzeJob.Config.of(dir.toString()));

    for (int year : new int[] {2015, 2016}) {
      List<Row> mrd = table("rankings").where("scope = 'MRD' AND indicator = 'retail_sales_services' "
          + "AND basis = 'value' AND year = " + year).orderBy("rank").collectAsList();
      // Complete: rank and the position among the reporting provinces are one and the same.
      assertEquals(13, mrd.size());
      assertEquals(IntStream.rangeClosed(1, 13).boxed().toList(),
          mrd.stream().map(r -> r.<Integer>getAs("rank")).toList());
      // GSO's 2016 column is "Prel. 2016": those ranks are preliminary, 2015's final.
      String status = year == 2016 ? "preliminary" : "final";
      for (Row r : mrd) {
        assertEquals(true, r.getAs("complete"));
        assertEquals(13L, r.<Long>getAs("n_in_scope"));
        assertEquals(status, r.getAs("value_status"), "value_status " + year);
        assertEquals(status, r.getAs("status"), "status " + year);
      }
      double shares = mrd.stream().mapToDouble(r -> r.<Double>getAs("share_of_scope_pct")).sum();
      assertEquals(100.0, shares, 1e-9); // stored unrounded, the shares add up
    }
    // Hà Tây ranks among 12 in the Red River Delta up to 2007, not after.
    assertEquals(12L, table("rankings").where("scope = 'RRD' AND indicator = 'retail_sales_services' "
        + "AND basis = 'value' AND year = 2007").first().<Long>getAs("n_ranked"));

    Dataset<Row> sums = table("reconciliation").where("check = 'aggregate_sum' AND indicator = 'retail_sales_services'");
    for (int year : new int[] {2010, 2015, 2016}) {
      List<Row> rows = sums.where("year = " + year).collectAsList();
      assertEquals(7, rows.size());
      for (Row r : rows) {
        assertEquals(true, r.getAs("ok"), r.toString());
      }
    }
    // Every year reconciles within the rounding of 0.1 figures, 0.05 * (n + 1): the largest gap,
    // NCC 1996 (24,337.0 reported, 24,336.8 summed over 14 provinces), included.
    assertEquals(0, sums.where("ok = false").count());
    Row ncc1996 = sums.where("province_code = 'NCC' AND year = 1996").first();
    assertEquals(-0.2, ncc1996.<Double>getAs("difference"), 1e-6);
    assertEquals(0.75, ncc1996.<Double>getAs("tolerance"), 1e-9);

    // Hà Nội absorbed Hà Tây in 2008: its 2008 growth compares with both provinces' 2007 levels.
    Row hanoi2008 = table("growth").where("province_code = '01' AND indicator = 'retail_sales_services' "
        + "AND year = 2008").first();
    assertEquals(true, hanoi2008.getAs("series_break"));
    assertEquals(67987.9 + 24509.1, hanoi2008.<Double>getAs("prev_value"), 1e-6);
    assertEquals(44.13, hanoi2008.<Double>getAs("yoy_growth_pct"), 0.005); // 44.13 as printed
    // The run of consecutive years stops at the merger: 1995-2007 (13 years) is the longest.
    assertEquals(1995, hanoi2008.<Integer>getAs("longest_run_from"));
    assertEquals(2007, hanoi2008.<Integer>getAs("longest_run_to"));

    // Each Mekong province's contribution to the region's growth adds up to the region's growth.
    Dataset<Row> geography = table("contributions").where(
        "component_set = 'geography' AND scope = 'MRD' AND parent_indicator = 'retail_sales_services' AND year = 2016");
    assertEquals(14, geography.count());
    ContributionsTest.assertGroupsAddUp(geography.drop("boundaries"));

    // IIP: growth from the index on the previous year; national ranking complete for 2016.
    Row hanoi = table("growth").where("province_code = '01' AND indicator = 'iip' AND year = 2016").first();
    assertEquals(7.3, hanoi.<Double>getAs("yoy_growth_pct"), 1e-9);
    assertTrue(table("rankings").where("scope = 'VN' AND indicator = 'iip' AND basis = 'yoy_growth_pct' "
        + "AND year = 2016").first().<Boolean>getAs("complete"));
  }
}
