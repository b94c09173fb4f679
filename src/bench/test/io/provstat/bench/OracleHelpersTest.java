package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The oracle's helpers: rounding in DuckDB, placeholders, per-row rounding, scripts of statements. */
class OracleHelpersTest {

  @Test
  void aScriptSplitsAtSemicolonsEndingCodeLinesNotComments() {
    String script = "-- a comment; with a semicolon;\nCREATE TEMP TABLE t AS\nSELECT 1 AS x;\nSELECT x FROM t";
    assertEquals(List.of("-- a comment; with a semicolon;\nCREATE TEMP TABLE t AS\nSELECT 1 AS x", "SELECT x FROM t"),
        List.of(DuckDbAnalytics.statements(script)));
    assertEquals(List.of("SELECT 1"), List.of(DuckDbAnalytics.statements("SELECT 1")));
  }

  @Test
  void statusesCombineAsTheWeakestIgnoringMissingOnes() throws Exception {
    try (Connection db = DuckDb.open(1, null); Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT weakest('final', 'estimate'), weakest('preliminary', NULL), "
            + "weakest(NULL, NULL) IS NULL, status_code(least(status_rank('final'), status_rank('preliminary')))")) {
      r.next();
      assertEquals("estimate", r.getString(1));
      assertEquals("preliminary", r.getString(2));
      assertTrue(r.getBoolean(3));
      assertEquals("preliminary", r.getString(4));
    }
  }

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
  void theSqlBoundOfADoubleIsHalfTheTolerance() throws Exception {
    String surely = CrossCheck.surelyAgrees(TableCheck.Column.close("computed"));
    try (Connection db = DuckDb.open(1, null); Statement s = db.createStatement()) {
      // Unrounded on both sides: 12.34 and 12.344 differ, 12.34 and 12.34 + 1e-12 do not.
      for (List<Object> c : List.<List<Object>>of(List.of(12.344, false), List.of(12.34 + 1e-12, true))) {
        try (ResultSet r = s.executeQuery("SELECT " + surely + " FROM (SELECT 12.34::DOUBLE AS computed) p, "
            + "(SELECT " + c.get(0) + "::DOUBLE AS computed) d")) {
          r.next();
          assertEquals(c.get(1), r.getBoolean(1), String.valueOf(c.get(0)));
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
