package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables store full precision, so the identities a reader checks hold on the stored values, within
 * 1e-9: contributions add up to the parent's growth, shift-share effects to the actual change, and
 * the shares of a complete region to 100, Krugman's index to the reference-weighted gaps of the
 * location quotients; the Theil indices' between and within regions add up to the
 * national total within 1e-12. Checked on the real figures keyed from the seeds and on
 * the synthetic panel of sample-data.
 */
class StoredIdentitiesTest extends SparkTestBase {

  private static final double TOLERANCE = 1e-9;
  private static Path root;
  private static final Map<String, Path> WAREHOUSES = new java.util.HashMap<>();

  @BeforeAll
  static void analyze() throws Exception {
    root = Files.createTempDirectory("provstat-identities");
    Map<String, String[]> inputs = Map.of("seeds", SharedData.realSampleData(),
        "synthetic", new String[] {SharedData.project().resolve("sample-data/synthetic").toString()});
    for (Map.Entry<String, String[]> input : inputs.entrySet()) {
      Path warehouse = root.resolve(input.getKey());
      Ingestion.run(spark, Ingestion.Config.of(warehouse.toString(), input.getValue()));
      AnalyzeJob.run(spark, AnalyzeJob.Config.of(warehouse.toString()));
      WAREHOUSES.put(input.getKey(), warehouse);
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void view(String warehouse, String table) {
    TableDef def = Analysis.TABLES.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow();
    Warehouse.open(spark, WAREHOUSES.get(warehouse).toString()).read(def).createOrReplaceTempView(table);
  }

  /** Rows checked and rows off by more than the tolerance (relative above magnitude 1). */
  private static void assertHolds(String what, String checkedSql) {
    Row r = spark.sql("SELECT count(*), count_if(abs(whole - parts) > " + TOLERANCE
        + " * greatest(1.0, abs(whole))), max(abs(whole - parts)) FROM (" + checkedSql + ")").first();
    assertTrue(r.getLong(0) > 0, what + ": nothing to check");
    assertEquals(0L, r.getLong(1), what + ": " + r.getLong(1) + " of " + r.getLong(0)
        + " do not add up; largest gap " + r.get(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeds", "synthetic"})
  void contributionsAddUpToTheParentsGrowth(String warehouse) {
    view(warehouse, "contributions");
    assertHolds(warehouse + " contributions", "SELECT first(parent_growth_pct) AS whole, sum(contribution_pp) AS parts "
        + "FROM contributions GROUP BY boundaries, scope, parent_indicator, component_set, year, period "
        + "HAVING count(contribution_pp) = count(*) AND first(parent_growth_pct) IS NOT NULL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeds", "synthetic"})
  void shiftShareEffectsAddUpToTheActualChange(String warehouse) {
    view(warehouse, "shift_share");
    assertHolds(warehouse + " shift-share", "SELECT actual_change AS whole, "
        + "national_effect + mix_effect + competitive_effect AS parts FROM shift_share "
        + "WHERE competitive_effect IS NOT NULL");
    assertHolds(warehouse + " Esteban-Marquillas", "SELECT competitive_effect AS whole, "
        + "homothetic_effect + allocation_effect AS parts FROM shift_share WHERE allocation_effect IS NOT NULL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"synthetic"})
  void theSharesOfACompleteRegionAddUpTo100(String warehouse) {
    // The seeds' four provinces complete no region; the panel completes every one.
    view(warehouse, "rankings");
    assertHolds(warehouse + " region shares", "SELECT 100.0 AS whole, sum(share_of_scope_pct) AS parts "
        + "FROM rankings WHERE share_of_scope_pct IS NOT NULL "
        + "GROUP BY boundaries, scope, indicator, basis, year, period");
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeds", "synthetic"})
  void theilBetweenAndWithinRegionsAddUpToTheTotal(String warehouse) {
    view(warehouse, "disparities");
    Row r = spark.sql("SELECT count(*), count_if(abs(whole - parts) > 1e-12 * greatest(1.0, abs(whole))), "
        + "max(abs(whole - parts)) FROM (SELECT max(value) FILTER (WHERE variant LIKE '%; total') AS whole, "
        + "sum(value) FILTER (WHERE variant LIKE '%; between regions' OR variant LIKE '%; within regions') AS parts "
        + "FROM disparities WHERE measure IN ('theil_t', 'theil_l') AND scope = 'VN' "
        + "GROUP BY boundaries, indicator, year, period, measure, split_part(variant, ';', 1)) "
        + "WHERE whole IS NOT NULL").first();
    assertTrue(r.getLong(0) > 0, warehouse + ": no Theil index to check");
    assertEquals(0L, r.getLong(1), warehouse + ": " + r.getLong(1) + " of " + r.getLong(0)
        + " Theil indices are not between + within within 1e-12; largest gap " + r.get(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"seeds", "synthetic"})
  void krugmanIsTheReferenceWeightedGapOfTheLocationQuotients(String warehouse) {
    view(warehouse, "specialisation");
    String keys = "boundaries, scope, province_code, indicator, component_set, year, period";
    // K = sum_k |s_ik - s_rk| = sum_k s_rk |LQ_ik - 1|, and a mix's own and reference shares add up to 1.
    String quotients = "SELECT " + keys + ", sum(reference_share * abs(value - 1)) AS weighted, "
        + "sum(province_share) AS own, sum(reference_share) AS ref FROM specialisation "
        + "WHERE measure = 'location_quotient' AND component_set <> 'population_shares' GROUP BY " + keys;
    String joined = "SELECT k.value AS whole, q.weighted, q.own, q.ref FROM specialisation k JOIN (" + quotients
        + ") q USING (" + keys + ") WHERE k.measure = 'krugman' AND k.variant LIKE '%province included' "
        + "AND k.value IS NOT NULL";
    assertHolds(warehouse + " Krugman", "SELECT whole, weighted AS parts FROM (" + joined + ")");
    assertHolds(warehouse + " own shares", "SELECT 1.0 AS whole, own AS parts FROM (" + joined + ")");
    assertHolds(warehouse + " reference shares", "SELECT 1.0 AS whole, ref AS parts FROM (" + joined + ")");
  }
}
