package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.query.Display;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The golden figures of the five reports, through ingest and analyze on sample-data. */
class ReportGoldenTest extends SparkTestBase {

  private static Path warehouse;

  @BeforeAll
  static void pipeline() throws Exception {
    warehouse = Files.createTempDirectory("provstat-golden");
    Ingestion.run(spark, Ingestion.Config.of(warehouse.toString(),
        SharedData.realSampleData()));
    AnalyzeJob.run(spark, AnalyzeJob.Config.of(warehouse.toString()));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try (var paths = Files.walk(warehouse)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Dataset<Row> table(String name) {
    TableDef def = Analysis.TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    return Warehouse.open(spark, warehouse.toString()).read(def).where("boundaries = 'published'");
  }

  private static Row one(Dataset<Row> rows) {
    List<Row> list = rows.collectAsList();
    assertEquals(1, list.size(), list.toString());
    return list.get(0);
  }

  private static double d(Row row, String column) {
    return row.<Double>getAs(column);
  }

  /** A stored (unrounded) figure shows as the report prints it, to two decimals. */
  private static void assertPrinted(double published, double stored) {
    assertEquals(Display.fixed(published, 2), Display.fixed(stored, 2), "stored " + stored);
  }

  /** Every table is plain Parquet: parquet-hadoop's own reader, without Spark, sees the same rows. */
  @Test
  void everyTableIsReadableByAPlainParquetReader() throws Exception {
    List<TableDef> all = new java.util.ArrayList<>(Analysis.TABLES);
    all.addAll(io.provstat.warehouse.Tables.INGEST_TABLES);
    for (TableDef def : all) {
      Path folder = warehouse.resolve(def.name());
      long rows = 0;
      int files = 0;
      // A table is a link to its current version: readers follow it, as Files.walk does when told to.
      try (var paths = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        for (Path file : paths.filter(p -> p.toString().endsWith(".parquet")).toList()) {
          files++;
          try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
              org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
            rows += reader.getRecordCount();
            var columns = reader.getFooter().getFileMetaData().getSchema().getFields().stream()
                .map(org.apache.parquet.schema.Type::getName).toList();
            assertTrue(columns.contains(def.schema().fieldNames()[0]), def.name() + " " + columns);
          }
        }
      }
      assertTrue(files > 0, def.name());
      assertEquals(spark.read().parquet(folder.toString()).count(), rows, def.name());
    }
  }

  @Test
  void socTrang2022ExportsPreviousTotalIsDerivedFromGrowth() {
    Row g = one(table("growth").where("province_code = '94' AND year = 2022 AND indicator = 'export_value'"));
    assertPrinted(1500.0, d(g, "value"));
    assertEquals(1288.99, d(g, "prev_value"), 0.005);
    assertEquals(Basis.DERIVED_FROM_GROWTH, g.getAs("prev_basis"));
    assertPrinted(16.37, d(g, "yoy_growth_pct"));
  }

  @Test
  void socTrang2022ExportContributionsByCommodityAddUp() {
    Dataset<Row> rows = table("contributions").where(
        "scope = '94' AND year = 2022 AND parent_indicator = 'export_value' AND component_set = 'commodity'");
    assertEquals(4, rows.count());
    assertPrinted(4.96, d(one(rows.where("component = 'export_seafood'")), "contribution_pp"));
    assertPrinted(11.56, d(one(rows.where("component = 'export_rice'")), "contribution_pp"));
    assertPrinted(1.94, d(one(rows.where("component = 'export_garments'")), "contribution_pp"));
    Row other = one(rows.where("component_kind = 'other'"));
    assertPrinted(-2.10, d(other, "contribution_pp"));
    double sum = rows.collectAsList().stream().mapToDouble(r -> d(r, "contribution_pp")).sum();
    // Stored unrounded, the parts add up to the whole (rounded, 4.96 + 11.56 + 1.94 - 2.10 = 16.36).
    assertEquals(d(other, "parent_growth_pct"), sum, 1e-9);
    assertPrinted(16.37, d(other, "parent_growth_pct"));
    assertEquals(Basis.DERIVED_FROM_GROWTH, other.getAs("basis"));
  }

  @Test
  void socTrang2022ExportMixIsConcentratedOnSeafood() {
    // Exports 1,500 mn USD (estimate): seafood 1,050, rice 362, garments 85, and 3 of other goods.
    Dataset<Row> own = table("specialisation").where(
        "scope = '94' AND year = 2022 AND indicator = 'export_value' AND component_set = 'commodity'");
    double hhi = (1050.0 * 1050 + 362.0 * 362 + 85.0 * 85 + 3.0 * 3) / (1500.0 * 1500);
    Row raw = one(own.where("measure = 'hhi' AND variant = 'raw'"));
    assertEquals(hhi, d(raw, "value"), 1e-12);
    assertEquals(4L, raw.<Long>getAs("n_parts"));
    assertEquals("estimate", raw.getAs("status"));
    assertEquals((hhi - 0.25) / 0.75, d(one(own.where("measure = 'hhi' AND variant LIKE 'normalised%'")), "value"),
        1e-12);
    // No other Mekong Delta province reports its exports by commodity: Sóc Trăng is its own reference, 1 of 13.
    Row seafood = one(table("specialisation").where("scope = 'MRD' AND province_code = '94' AND year = 2022 "
        + "AND component_set = 'commodity' AND component = 'export_seafood'"));
    assertEquals(1.0, d(seafood, "value"), 1e-12);
    assertEquals(0.7, d(seafood, "province_share"), 1e-12);
    assertEquals(1L, seafood.<Long>getAs("n"));
    assertEquals(13L, seafood.<Long>getAs("n_in_scope"));
    assertFalse(seafood.<Boolean>getAs("complete"));
  }

  @Test
  void socTrang2022SeafoodPlanExceededAndIipGrowthTargetMissed() {
    Row seafood = one(table("plan_gap").where("province_code = '94' AND year = 2022 AND indicator = 'export_seafood'"));
    assertPrinted(950.0, d(seafood, "plan"));
    assertPrinted(110.53, d(seafood, "attainment_pct"));
    assertEquals("exceeded", seafood.getAs("verdict"));
    Row iip = one(table("plan_gap").where("province_code = '94' AND year = 2022 AND indicator = 'iip'"));
    assertPrinted(12.0, d(iip, "growth_pct"));
    assertPrinted(16.0, d(iip, "growth_target_pct"));
    assertPrinted(-4.0, d(iip, "growth_gap_pp"));
    assertEquals("missed", iip.getAs("verdict"));
  }

  @Test
  void socTrang2022ReportedRankIsRecordedButTheComputedRankingIsIncomplete() {
    Row rank = one(table("reconciliation").where("check = 'reported_rank' AND province_code = '94'"));
    assertPrinted(5.0, d(rank, "reported"));
    assertNull(rank.getAs("ok"));
    assertTrue(rank.<String>getAs("note").contains("incomplete: 1 of 13"), rank.<String>getAs("note"));
    Row ranking = one(table("rankings").where(
        "scope = 'MRD' AND indicator = 'export_value' AND basis = 'value' AND year = 2022"));
    assertEquals(false, ranking.getAs("complete"));
    assertEquals(13L, ranking.<Long>getAs("n_in_scope"));
    assertEquals(1L, ranking.<Long>getAs("n_ranked"));
    // First of the one province reporting, of 13: no rank is claimed; the report's own 5th sits beside.
    assertNull(ranking.getAs("rank"));
    assertEquals(1, ranking.<Integer>getAs("rank_among_reporting"));
    assertEquals(5, ranking.<Integer>getAs("reported_rank"));
    // The 2022 report gives the year's exports as an estimate ("ước"): the rank says so; 2017's is final.
    assertEquals("estimate", ranking.getAs("value_status"));
    assertEquals("estimate", ranking.getAs("status"));
    assertEquals("estimate", rank.getAs("status"));
    Row ranking2017 = one(table("rankings").where("scope = 'MRD' AND indicator = 'export_value' AND basis = 'value' "
        + "AND year = 2017 AND province_code = '94'"));
    assertNull(ranking2017.getAs("rank"));
    assertEquals(1, ranking2017.<Integer>getAs("rank_among_reporting"));
    assertNull(ranking2017.getAs("reported_rank"));
    assertEquals("final", ranking2017.getAs("status"));
  }

  @Test
  void socTrang2017PlansAreDerivedFromAttainment() {
    Dataset<Row> plans = table("plan_gap").where("province_code = '94' AND year = 2017");
    double[][] expected = {{650.0}, {580.0}, {150.0}, {27001.1}, {66002.9}};
    String[] indicators = {"export_value", "export_seafood", "import_value", "industrial_output_value",
        "retail_sales_services"};
    for (int i = 0; i < indicators.length; i++) {
      Row row = one(plans.where("indicator = '" + indicators[i] + "'"));
      assertEquals(expected[i][0], d(row, "plan"), 0.05, indicators[i]);
      assertEquals(Basis.DERIVED_FROM_ATTAINMENT, row.getAs("plan_basis"));
    }
    Row imports = one(table("growth").where("province_code = '94' AND year = 2017 AND indicator = 'import_value'"));
    assertEquals(165.0, d(imports, "prev_value"), 0.05);
  }

  @Test
  void ngheAn2020AttainmentsAreAllMissed() {
    Dataset<Row> plans = table("plan_gap").where("province_code = '40' AND year = 2020");
    String[] indicators = {"industrial_output_value", "retail_sales_services", "export_value", "export_goods"};
    double[] attainment = {97.50, 97.80, 93.33, 95.29};
    for (int i = 0; i < indicators.length; i++) {
      Row row = one(plans.where("indicator = '" + indicators[i] + "'"));
      assertEquals(attainment[i], d(row, "attainment_pct"), 0.005, indicators[i]);
      assertEquals("missed", row.getAs("verdict"), indicators[i]);
    }
    Row card = one(table("scorecard").where("province_code = '40' AND year = 2020"));
    assertEquals(4L, card.<Long>getAs("targets_set"));
    assertEquals(0L, card.<Long>getAs("targets_met"));
  }

  @Test
  void ngheAn2021TargetsAgainst2020Levels() {
    Dataset<Row> plans = table("plan_gap").where("province_code = '40' AND year = 2021");
    assertPrinted(16.00, d(one(plans.where("indicator = 'industrial_output_value'")), "implied_growth_pct"));
    assertPrinted(6.63, d(one(plans.where("indicator = 'retail_sales_services'")), "implied_growth_pct"));
    Dataset<Row> checks = table("reconciliation").where("province_code = '40' AND year = 2021");
    Row industry = one(checks.where("check = 'plan_growth_vs_implied' AND indicator = 'industrial_output_value'"));
    assertEquals(true, industry.getAs("ok"));
    Row retail = one(checks.where("check = 'plan_growth_vs_implied' AND indicator = 'retail_sales_services'"));
    assertEquals(false, retail.getAs("ok"));
    assertPrinted(8.8, d(retail, "reported"));
    assertEquals(6.63, d(retail, "computed"), 0.005);
    Dataset<Row> exportBases = checks.where("check = 'plan_implied_base' AND indicator = 'export_value'");
    assertEquals(2, exportBases.count());
    for (Row base : exportBases.collectAsList()) {
      assertEquals(800.0, d(base, "computed"), 1e-6);
      assertEquals(false, base.getAs("ok"));
    }
    assertEquals(List.of(810.0, 1120.0), exportBases.orderBy("reported").collectAsList().stream()
        .map(r -> d(r, "reported")).toList());
  }
}
