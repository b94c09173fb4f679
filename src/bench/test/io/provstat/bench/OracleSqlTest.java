package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oracle's SQL for shift_share and plan_gap on hand-made facts, against figures worked out by
 * hand from the documented formulas (ShiftShare's and PlanGap's javadoc). The SQL is read from
 * src/bench/resources (the test class path does not carry the bench resources).
 */
class OracleSqlTest {

  private static final Path SQL = Path.of("src/bench/resources/io/provstat/bench/duckdb");

  private static String sql(String name) throws Exception {
    return DuckDbAnalytics.substitute(Files.readString(SQL.resolve(name), StandardCharsets.UTF_8).strip(),
        Map.of("${tolerance}", "CAST(0.5 AS DOUBLE)"));
  }

  private static Connection database() throws Exception {
    Connection db = DuckDb.open(1, null);
    ReferenceTables.create(db, List.of("export_value", "export_seafood", "export_rice"), true);
    return db;
  }

  @Test
  void shiftShareSplitsTheChangeAsDunnAndEstebanMarquillas() throws Exception {
    try (Connection db = database(); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE facts (province_code VARCHAR, indicator VARCHAR, period VARCHAR, year INTEGER, "
          + "value DOUBLE, prev_value DOUBLE, value_status VARCHAR, prev_value_status VARCHAR)");
      // Two Mekong Delta provinces, the same levels in 2022 and 2023 (prev_value is given).
      // 80: exports 100 -> 120 (seafood 40 -> 50, rice 30 -> 30, other 30 -> 40);
      // 82: exports 200 -> 210 (seafood 100 -> 90, rice 50 -> 60, other 50 -> 60).
      // Every figure final but 82's 2023 rice, preliminary: the reference, and so 80's 2023 row, is too.
      for (int year : new int[] {2022, 2023}) {
        String rice82 = year == 2023 ? "'preliminary'" : "'final'";
        s.execute("INSERT INTO facts VALUES "
            + "('80', 'export_value', 'Y', " + year + ", 120, 100, 'final', 'final'), "
            + "('80', 'export_seafood', 'Y', " + year + ", 50, 40, 'final', 'final'), "
            + "('80', 'export_rice', 'Y', " + year + ", 30, 30, 'final', 'final'), "
            + "('82', 'export_value', 'Y', " + year + ", 210, 200, 'final', 'final'), "
            + "('82', 'export_seafood', 'Y', " + year + ", 90, 100, 'final', 'final'), "
            + "('82', 'export_rice', 'Y', " + year + ", 60, 50, " + rice82 + ", 'final')");
      }
      s.execute("CREATE TABLE out AS " + sql("shift_share.sql"));
      try (ResultSet r = s.executeQuery("SELECT variant, year_from, year_to, actual_change, national_effect, "
          + "mix_effect, competitive_effect, homothetic_effect, allocation_effect, reference_provinces, "
          + "reference_complete, note, status FROM out WHERE province_code = '80' AND reference_scope = 'MRD' "
          + "ORDER BY variant, year_to")) {
        // Reference MRD: seafood 140 -> 140 (g 0), rice 80 -> 90 (0.125), other 80 -> 100 (0.25), all 300 -> 330 (0.1).
        double[][] expected = {
            {2021, 2022, 20, 10, 1.25, 8.75, 95.0 / 9, 8.75 - 95.0 / 9},
            {2022, 2023, 20, 10, 1.25, 8.75, 95.0 / 9, 8.75 - 95.0 / 9},
            {2021, 2023, 40, 20, 2.5, 17.5, 190.0 / 9, 17.5 - 190.0 / 9}};
        String[] variants = {"classic", "classic", "dynamic"};
        for (int row = 0; row < expected.length; row++) {
          r.next();
          assertEquals(variants[row], r.getString(1));
          assertEquals((int) expected[row][0], r.getInt(2));
          assertEquals((int) expected[row][1], r.getInt(3));
          for (int c = 2; c < expected[row].length; c++) {
            assertEquals(expected[row][c], r.getDouble(c + 2), 1e-9, variants[row] + " column " + (c + 2));
          }
          assertEquals(2, r.getLong(10), "two provinces publish the components");
          assertFalse(r.getBoolean(11), "the Mekong Delta has 13 provinces");
          assertNull(r.getString(12));
          assertEquals(row == 0 ? "final" : "preliminary", r.getString(13), variants[row] + " status");
        }
        assertFalse(r.next(), "two classic years and one dynamic run");
      }
    }
  }

  @Test
  void disparitiesAgreeWithTheHandComputation() throws Exception {
    try (Connection db = database(); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE facts (province_code VARCHAR, region_code VARCHAR, indicator VARCHAR, year INTEGER, "
          + "period VARCHAR, value DOUBLE, value_status VARCHAR)");
      // Central Highlands 62 = 3 (population 2), 64 = 2 (population 1); Mekong Delta 94 = 1 (population 1):
      // the example of DisparitiesTest, whose comments work out each figure by hand. One population
      // figure is preliminary: only the population-weighted rows of the nation and CH say so.
      s.execute("INSERT INTO facts VALUES ('62', 'CH', 'export_value', 2021, 'Y', 3, 'final'), "
          + "('64', 'CH', 'export_value', 2021, 'Y', 2, 'final'), ('94', 'MRD', 'export_value', 2021, 'Y', 1, 'final'), "
          + "('62', 'CH', 'population', 2021, 'Y', 2, 'preliminary'), ('64', 'CH', 'population', 2021, 'Y', 1, 'final'), "
          + "('94', 'MRD', 'population', 2021, 'Y', 1, 'final')");
      s.execute("CREATE TABLE out AS " + sql("disparities.sql"));
      try (ResultSet r = s.executeQuery("SELECT count_if(status = 'preliminary'), count_if(status = 'final'), "
          + "count_if(status = 'preliminary' AND NOT variant LIKE 'population_weighted%') FROM out "
          + "WHERE indicator = 'export_value' AND scope = 'VN'")) {
        r.next();
        assertTrue(r.getLong(1) > 0, "population-weighted rows are preliminary");
        assertTrue(r.getLong(2) > 0, "unweighted rows are final");
        assertEquals(0, r.getLong(3), "an unweighted row does not read population");
      }
      Map<String, Double> expected = new java.util.TreeMap<>(Map.ofEntries(
          Map.entry("gini|unweighted", 2.0 / 9), Map.entry("gini|population_weighted", 7.0 / 36),
          Map.entry("theil_t|unweighted; natural log; total", (1.5 * Math.log(1.5) + 0.5 * Math.log(0.5)) / 3),
          Map.entry("theil_t|unweighted; natural log; between regions",
              (2.0 / 3) * 1.25 * Math.log(1.25) + (1.0 / 3) * 0.5 * Math.log(0.5)),
          Map.entry("theil_l|unweighted; natural log; total", (Math.log(2.0 / 3) + Math.log(2)) / 3),
          Map.entry("cv|unweighted; divisor n", Math.sqrt(2.0 / 3) / 2),
          Map.entry("williamson|population_weighted; weights p_i/P", Math.sqrt(0.6875) / 2.25),
          Map.entry("hoover|population_weighted; against population shares", 1.0 / 12),
          Map.entry("hoover|unweighted; against equal shares", 1.0 / 6),
          Map.entry("atkinson|unweighted; epsilon 1", 1 - Math.cbrt(6) / 2),
          Map.entry("hhi|unweighted; raw", 14.0 / 36), Map.entry("hhi|unweighted; normalised", 1.0 / 12),
          Map.entry("max_min_ratio|unweighted", 3.0)));
      for (Map.Entry<String, Double> e : expected.entrySet()) {
        String[] mv = e.getKey().split("\\|");
        try (ResultSet r = s.executeQuery("SELECT value, n, n_in_scope, complete, note FROM out WHERE scope = 'VN' "
            + "AND indicator = 'export_value' AND measure = '" + mv[0] + "' AND variant = '" + mv[1] + "'")) {
          assertTrue(r.next(), e.getKey());
          assertEquals(e.getValue(), r.getDouble(1), 1e-12, e.getKey());
          assertEquals(3, r.getLong(2));
          assertEquals(63, r.getLong(3));
          assertFalse(r.getBoolean(4));
          assertNull(r.getString(5));
        }
      }
      // Between + within = total, for each Theil and weighting.
      try (ResultSet r = s.executeQuery("SELECT measure, split_part(variant, ';', 1), "
          + "max(value) FILTER (WHERE variant LIKE '%total') - sum(value) FILTER (WHERE variant NOT LIKE '%total') "
          + "FROM out WHERE scope = 'VN' AND indicator = 'export_value' AND measure LIKE 'theil%' GROUP BY 1, 2")) {
        int totals = 0;
        while (r.next()) {
          totals++;
          assertEquals(0, r.getDouble(3), 1e-12, r.getString(1) + " " + r.getString(2));
          assertFalse(r.wasNull(), r.getString(1) + " " + r.getString(2));
        }
        assertEquals(4, totals, "theil_t and theil_l, each unweighted and population-weighted");
      }
    }
  }

  @Test
  void planGapJudgesThePrintedAttainmentElseTheGrowthTarget() throws Exception {
    try (Connection db = database(); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE facts (province_code VARCHAR, province_name VARCHAR, region_code VARCHAR, "
          + "year INTEGER, period VARCHAR, indicator VARCHAR, value DOUBLE, value_status VARCHAR, plan DOUBLE, "
          + "attainment_reported_pct DOUBLE, plan_growth_reported_pct DOUBLE, growth_best DOUBLE, "
          + "prev_value DOUBLE, plan_status VARCHAR, attainment_reported_status VARCHAR, "
          + "plan_growth_reported_status VARCHAR, growth_best_status VARCHAR, prev_value_status VARCHAR)");
      s.execute("INSERT INTO facts VALUES "
          // 101 of 100: exceeded by 1 point.
          + "('80', 'Long An', 'MRD', 2022, 'Y', 'export_value', 101, 'final', 100, NULL, NULL, NULL, NULL, "
          + "'final', NULL, NULL, NULL, NULL), "
          // 100.4 of 100: within half a point, met.
          + "('80', 'Long An', 'MRD', 2022, 'Y', 'export_rice', 100.4, 'final', 100, NULL, NULL, NULL, NULL, "
          + "'final', NULL, NULL, NULL, NULL), "
          // Attainment reported as 100.87 % (vượt 0,87%): the plan is derived, 87 / 1.0087.
          // ... an estimated attainment: the row is an estimate.
          + "('80', 'Long An', 'MRD', 2022, 'Y', 'export_seafood', 87, 'final', NULL, 100.87, NULL, NULL, NULL, "
          + "NULL, 'estimate', NULL, NULL, NULL), "
          // A growth target alone: grew 12 % against 16 % planned, missed by 4 points.
          // ... its growth from a preliminary previous level: preliminary.
          + "('82', 'Tiền Giang', 'MRD', 2022, 'Y', 'export_value', 50, 'final', NULL, NULL, 16, 12, 44, "
          + "NULL, NULL, 'final', 'preliminary', 'preliminary'), "
          // Next year's plan, no result yet: 110 against the previous level 100, 10 % implied growth.
          + "('82', 'Tiền Giang', 'MRD', 2023, 'Y', 'export_value', NULL, NULL, 110, NULL, NULL, NULL, 100, "
          + "'final', NULL, NULL, NULL, 'final')");
      s.execute("CREATE TABLE out AS " + sql("plan_gap.sql"));
      try (ResultSet r = s.executeQuery("SELECT province_code, indicator, year, plan, plan_basis, attainment_pct, "
          + "gap_pct, growth_gap_pp, implied_growth_pct, verdict, verdict_basis, note, status FROM out "
          + "ORDER BY province_code, year, indicator")) {
        r.next();
        assertRow(r, "80", "export_rice", 100.0, "reported", 100.4, 0.4, null, null, "met", "attainment", null);
        assertEquals("final", r.getString(13));
        r.next();
        assertRow(r, "80", "export_seafood", 87 * 100 / 100.87, "derived_from_attainment", 100.87, 0.87, null, null,
            "exceeded", "attainment", null);
        assertEquals("estimate", r.getString(13));
        r.next();
        assertRow(r, "80", "export_value", 100.0, "reported", 101.0, 1.0, null, null, "exceeded", "attainment", null);
        r.next();
        assertRow(r, "82", "export_value", null, null, null, null, -4.0, null, "missed", "growth_target",
            "no plan level: only a growth target");
        assertEquals("preliminary", r.getString(13));
        r.next();
        assertRow(r, "82", "export_value", 110.0, "reported", null, null, null, 10.0, null, null,
            "no result yet: target set against the previous year's level");
        assertEquals("final", r.getString(13));
        assertFalse(r.next());
      }
    }
  }

  private static void assertRow(ResultSet r, String province, String indicator, Double plan, String planBasis,
      Double attainment, Double gap, Double growthGap, Double implied, String verdict, String verdictBasis, String note)
      throws Exception {
    String where = province + " " + indicator + " " + r.getInt(3);
    assertEquals(province, r.getString(1), where);
    assertEquals(indicator, r.getString(2), where);
    assertClose(plan, r.getObject(4), where + " plan");
    assertEquals(planBasis, r.getString(5), where);
    assertClose(attainment, r.getObject(6), where + " attainment");
    assertClose(gap, r.getObject(7), where + " gap");
    assertClose(growthGap, r.getObject(8), where + " growth gap");
    assertClose(implied, r.getObject(9), where + " implied growth");
    assertEquals(verdict, r.getString(10), where);
    assertEquals(verdictBasis, r.getString(11), where);
    assertEquals(note, r.getString(12), where);
  }

  private static void assertClose(Double expected, Object actual, String what) {
    if (expected == null) {
      assertNull(actual, what);
    } else {
      assertEquals(expected, ((Number) actual).doubleValue(), 1e-9, what);
    }
  }
}
