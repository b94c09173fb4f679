package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value no ingest would accept (1e27 million USD) that reached a warehouse another way (an old
 * warehouse, a hand-written Parquet file) must not make analyze fail: every exact sum it enters is
 * null with {@link Ratios#OVERFLOW_NOTE}, and every row it does not enter is as without it.
 */
class StoredValueOverflowTest extends SparkTestBase {

  /** The 13 provinces of the Mekong Delta: a complete region, so region sums and shift-share exist. */
  private static final String[] MRD = {"80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96"};

  private static final double HUGE = 1e27;

  @TempDir Path dir;

  /** Exports and two commodities, 2021-2024, plans for 2022; 94's seafood of 2021 is {@code seafood2021}. */
  private static Observations observations(double seafood2021) {
    Observations obs = Observations.builder();
    for (String p : MRD) {
      for (int year = 2021; year <= 2024; year++) {
        int k = year - 2020;
        obs.add(p, "export_value", "value", year, 100 + 10 * k)
            .add(p, "export_rice", "value", year, 10 + k)
            .add(p, "export_seafood", "value", year, p.equals("94") && year == 2021 ? seafood2021 : 5 + k);
      }
      obs.add(p, "export_value", "plan", 2022, 115);
    }
    return obs;
  }

  private static Dataset<Row> aggregates() {
    return Observations.aggregates(spark, new Object[] {"MRD", "export_seafood", 2021, 80.0},
        new Object[] {"MRD", "export_value", 2022, 1690.0});
  }

  private static Analysis analysis(double seafood2021) {
    return new Analysis(observations(seafood2021).build(spark), aggregates(), ReferenceFrames.provinces(spark),
        ReferenceFrames.indicators(spark), ReferenceFrames.noMergers(spark), Analysis.Settings.withTolerance(0.5));
  }

  /** The rows the huge value cannot reach, per table (a SQL condition). */
  private static final Map<String, String> UNREACHED = Map.of(
      "rankings", "indicator <> 'export_seafood'",
      "growth", "NOT (indicator = 'export_seafood' AND province_code = '94')",
      "contributions", "parent_indicator <> 'export_seafood' AND NOT (scope = '94' AND parent_indicator = 'export_value')",
      "shift_share", "variant = 'classic' AND year_from >= 2022",
      "plan_gap", "true",
      "scorecard", "true",
      "reconciliation", "coalesce(indicator, '') <> 'export_seafood' AND coalesce(compared_indicator, '') <> 'export_seafood'",
      "convergence", "indicator <> 'export_seafood'",
      "disparities", "NOT (indicator = 'export_seafood' AND year = 2021)",
      // 94's 2021 commodity mix has no shares, and leaves the reference every other province's is set against.
      "specialisation", "NOT (component_set = 'commodity' AND year = 2021)");

  private static TreeSet<String> rows(Dataset<Row> table, String where) {
    TreeSet<String> out = new TreeSet<>();
    table.where(where).collectAsList().forEach(r -> out.add(r.toString()));
    return out;
  }

  @Test
  void anOverflowingStoredValueGivesNullsWithTheNoteAndLeavesTheOtherRowsAsTheyWere() {
    try (Analysis clean = analysis(6); Analysis poisoned = analysis(HUGE)) {
      for (TableDef table : Analysis.TABLES) {
        // Every column of every row is computed: before the fix this threw NUMERIC_VALUE_OUT_OF_RANGE.
        List<Row> all = poisoned.table(table.name()).collectAsList();
        assertFalse(all.isEmpty(), table.name());
        String where = UNREACHED.get(table.name());
        TreeSet<String> expected = rows(clean.table(table.name()), where);
        assertFalse(expected.isEmpty(), table.name());
        assertEquals(expected, rows(poisoned.table(table.name()), where), table.name());
      }

      // 94's commodity split of 2022: "other" is exports minus a sum holding 1e27.
      Row other = poisoned.table("contributions").where("scope = '94' AND parent_indicator = 'export_value' "
          + "AND component = 'other' AND year = 2022").first();
      assertNull(other.getAs("prev_value"));
      assertNull(other.getAs("contribution_pp"));
      assertEquals(Ratios.OVERFLOW_NOTE, other.getAs("note"));
      // The region's seafood of 2021 (the base of 2022) is a sum holding 1e27: every province's share is null.
      List<Row> region = poisoned.table("contributions").where("scope = 'MRD' AND parent_indicator = 'export_seafood' "
          + "AND year = 2022").collectAsList();
      assertEquals(MRD.length + 1, region.size());
      for (Row r : region) {
        assertNull(r.getAs("contribution_pp"), r.toString());
        assertEquals(Ratios.OVERFLOW_NOTE, r.getAs("note"), r.toString());
      }
      // Shift-share of 2021-2022 rests on reference sums holding 1e27.
      List<Row> shifts = poisoned.table("shift_share").where("variant = 'classic' AND year_to = 2022").collectAsList();
      assertFalse(shifts.isEmpty());
      for (Row r : shifts) {
        assertNull(r.getAs("national_effect"), r.toString());
        assertEquals(Ratios.OVERFLOW_NOTE, r.getAs("note"), r.toString());
      }
      // The reported MRD seafood total of 2021 cannot be checked against a sum beyond range.
      Row check = poisoned.table("reconciliation").where("check = 'aggregate_sum' AND indicator = 'export_seafood'")
          .first();
      assertNull(check.getAs("computed"));
      assertNull(check.getAs("ok"));
      assertEquals(Ratios.OVERFLOW_NOTE, check.getAs("note"));
      // Its share of the region is null (rankings have no note column); the rank itself stands.
      Row ranked = poisoned.table("rankings").where("scope = 'MRD' AND indicator = 'export_seafood' "
          + "AND basis = 'value' AND year = 2021 AND province_code = '94'").first();
      assertEquals(1, ranked.<Integer>getAs("rank").intValue());
      assertNull(ranked.getAs("share_of_scope_pct"));
    }
  }

  @Test
  void analyzeSucceedsOnAWarehouseHoldingTheValueUnderBothBoundaries() {
    String w = dir.resolve("w").toString();
    Warehouse store = Warehouse.open(spark, w);
    try (Warehouse.Publication publication = store.begin("handwritten")) {
      publication.stage(Tables.OBSERVATIONS, observations(HUGE).build(spark));
      publication.stage(Tables.REPORTED_AGGREGATES, aggregates());
      publication.commit();
    }
    AnalyzeJob.Result result = AnalyzeJob.run(spark, new AnalyzeJob.Config(w,
        List.of(Boundaries.PUBLISHED, Boundaries.UNITS_2025), 0.5));
    assertTrue(result.rows().get("contributions") > 0);
    assertTrue(store.read(Analysis.TABLES.get(2)).where("note = '" + Ratios.OVERFLOW_NOTE + "'").count() > 0);
  }
}
