package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The helpers the seven-table oracle added: rounding in DuckDB, placeholders, per-row rounding. */
class OracleHelpersTest {

  @Test
  void duckDbRound2RoundsLikeSparkAndAgreement() throws Exception {
    try (Connection db = DuckDb.open(1, null); Statement s = db.createStatement()) {
      // 2.675 is stored as 2.67499999...: Spark (and Agreement.round2) read its shortest form, 2.675.
      double[] fixed = {2.675, -2.675, 0.005, -0.005, 100.495, 1e-5, 0.0, 12.345, 99.995, 1.23e20, -7.125};
      Random random = new Random(12);
      double[] values = new double[fixed.length + 2000];
      System.arraycopy(fixed, 0, values, 0, fixed.length);
      for (int i = fixed.length; i < values.length; i++) {
        // Values on and near 3-decimal boundaries, where the two kinds of rounding part.
        values[i] = (random.nextInt(2_000_000) - 1_000_000) / 1000.0 + (i % 3 == 0 ? 0.0005 : 0.0);
      }
      for (double x : values) {
        try (ResultSet r = s.executeQuery("SELECT round2(" + x + "::DOUBLE)")) {
          r.next();
          assertEquals(Agreement.round2(x), r.getDouble(1), "round2(" + x + ")");
        }
      }
      try (ResultSet r = s.executeQuery("SELECT round2(NULL::DOUBLE) IS NULL")) {
        r.next();
        assertTrue(r.getBoolean(1), "round2(NULL) is NULL");
      }
    }
  }

  @Test
  void placeholdersAreReplacedAndAnUnknownOneIsNamed() {
    assertEquals("SELECT * FROM read_parquet('/o/plan_gap.parquet') WHERE x <= 0.5",
        DuckDbAnalytics.substitute("SELECT * FROM read_parquet('${plan_gap}') WHERE x <= ${tolerance}",
            Map.of("${plan_gap}", "/o/plan_gap.parquet", "${tolerance}", "0.5")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DuckDbAnalytics.substitute("SELECT ${rankingz}", Map.of("${rankings}", "r")));
    assertTrue(e.getMessage().contains("${rankingz}"), e.getMessage());
  }

  @Test
  void reconciliationRoundsComputedOnlyForItsPercentageChecks() {
    TableCheck.Column computed = TableCheck.Column.roundedWhen("computed", "check",
        TableCheck.PERCENTAGE_CHECKS);
    Map<String, Object> row = new HashMap<>();
    row.put("check", "growth_vs_levels");
    assertEquals(TableCheck.Kind.ROUNDED, computed.kindFor(row::get));
    row.put("check", "aggregate_sum");
    assertEquals(TableCheck.Kind.CLOSE, computed.kindFor(row::get));
    // Rankings' value keeps its meaning: rounded except for levels.
    TableCheck.Column value = TableCheck.Column.roundedUnless("value", "basis", "value");
    assertEquals(TableCheck.Kind.CLOSE, value.kindFor(Map.<String, Object>of("basis", "value")::get));
    assertEquals(TableCheck.Kind.ROUNDED, value.kindFor(Map.<String, Object>of("basis", "yoy_growth_pct")::get));
  }

  @Test
  void theSqlBoundOfASwitchedColumnFollowsTheRowsSwitch() throws Exception {
    String surely = CrossCheck.surelyAgrees(TableCheck.Column.roundedWhen("computed", "check",
        TableCheck.PERCENTAGE_CHECKS));
    try (Connection db = DuckDb.open(1, null); Statement s = db.createStatement()) {
      // A percentage check: 12.344 printed as 12.34 agrees (within 0.0049); a level check does not.
      String sql = "SELECT " + surely + " FROM (SELECT ? AS \"check\", 12.34::DOUBLE AS computed) p, "
          + "(SELECT 12.344::DOUBLE AS computed) d";
      for (List<Object> c : List.<List<Object>>of(List.of("growth_vs_levels", true), List.of("aggregate_sum", false))) {
        try (var ps = db.prepareStatement(sql)) {
          ps.setString(1, (String) c.get(0));
          try (ResultSet r = ps.executeQuery()) {
            r.next();
            assertEquals(c.get(1), r.getBoolean(1), String.valueOf(c.get(0)));
          }
        }
      }
    }
  }

  @Test
  void quotedIdentifiersEscapeQuotes() {
    assertEquals("\"check\"", CrossCheck.quote("check"));
    assertEquals("\"a\"\"b\"", CrossCheck.quote("a\"b"));
  }
}
