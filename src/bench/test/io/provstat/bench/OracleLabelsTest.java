package io.provstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle's label columns, computed in DuckDB from the labels reference table. */
class OracleLabelsTest {

  @Test
  void rankingsAndContributionsAreLabelledAndAnUnknownTableIsNamed() throws Exception {
    try (Connection db = DuckDb.open(1, null); Statement s = db.createStatement()) {
      ReferenceTables.create(db, List.of(), false);
      try (ResultSet r = s.executeQuery(OracleLabels.wrap("rankings",
          "SELECT * FROM (VALUES ('MRD', 'export_value', 'value'), ('VN', 'export_value', 'yoy_growth_pct'))"
              + " v(scope, indicator, basis) ORDER BY basis"))) {
        r.next();
        assertEquals("Đồng bằng sông Cửu Long", r.getString("scope_name"));
        assertEquals("Export turnover", r.getString("indicator_name_en"));
        assertEquals("mn_usd", r.getString("unit"));
        assertEquals("current", r.getString("price_basis"));
        r.next();
        assertEquals("Cả nước", r.getString("scope_name"));
        assertEquals("percent", r.getString("unit"));
      }
      try (ResultSet r = s.executeQuery(OracleLabels.wrap("contributions",
          "SELECT * FROM (VALUES ('MRD', 'export_value', '94', 'province'), ('94', 'export_value', 'other', 'other'))"
              + " v(scope, parent_indicator, component, component_kind) ORDER BY component_kind"))) {
        r.next();
        assertNull(r.getString("component_name"));
        assertEquals("Sóc Trăng", r.getString("scope_name"));
        r.next();
        assertEquals("Sóc Trăng", r.getString("component_name"));
        assertEquals("Kim ngạch xuất khẩu", r.getString("parent_indicator_name_vi"));
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OracleLabels.wrap("nope", "SELECT 1"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}
