package io.provstat.bench;

import java.util.Map;

/**
 * The oracle's own labelling of a table: names beside its codes and the unit and price basis of its
 * figures, joined from the {@code labels} reference table ({@link ReferenceTables}), written in SQL
 * independently of provstat's analytics.Labels so the cross-check covers those columns too.
 */
final class OracleLabels {

  private static String indicator(String code, String prefix) {
    return "(SELECT name_vi FROM labels WHERE kind = 'indicator' AND code = t." + code + ") AS " + prefix
        + "_name_vi, (SELECT name_en FROM labels WHERE kind = 'indicator' AND code = t." + code + ") AS " + prefix
        + "_name_en";
  }

  private static String name(String kinds, String code, String column) {
    return "(SELECT min(name_vi) FROM labels WHERE kind IN (" + kinds + ") AND code = t." + code + ") AS " + column;
  }

  private static String unitOf(String code) {
    return "(SELECT unit FROM labels WHERE kind = 'indicator' AND code = t." + code + ") AS unit, "
        + "(SELECT price_basis FROM labels WHERE kind = 'indicator' AND code = t." + code + ") AS price_basis";
  }

  static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("rankings", name("'region'", "scope", "scope_name") + ", " + indicator("indicator", "indicator")
          + ", CASE WHEN t.basis = 'value' THEN (SELECT unit FROM labels WHERE kind = 'indicator' AND code = "
          + "t.indicator) ELSE 'percent' END AS unit, (SELECT price_basis FROM labels WHERE kind = 'indicator' "
          + "AND code = t.indicator) AS price_basis"),
      Map.entry("growth", name("'region'", "region_code", "region_name") + ", " + indicator("indicator", "indicator") + ", "
          + unitOf("indicator")),
      Map.entry("contributions", name("'province', 'region'", "scope", "scope_name") + ", "
          + indicator("parent_indicator", "parent_indicator") + ", CASE t.component_kind WHEN 'indicator' THEN "
          + "(SELECT name_vi FROM labels WHERE kind = 'indicator' AND code = t.component) WHEN 'province' THEN "
          + "(SELECT name_vi FROM labels WHERE kind = 'province' AND code = t.component) END AS component_name, "
          + unitOf("parent_indicator")),
      Map.entry("shift_share", name("'province'", "province_code", "province_name") + ", "
          + name("'region'", "reference_scope", "reference_scope_name") + ", "
          + indicator("parent_indicator", "parent_indicator") + ", " + unitOf("parent_indicator")),
      Map.entry("plan_gap", name("'region'", "region_code", "region_name") + ", " + indicator("indicator", "indicator") + ", "
          + unitOf("indicator")),
      Map.entry("scorecard", "'targets' AS unit, 'none' AS price_basis"),
      Map.entry("reconciliation", name("'province', 'region'", "province_code", "province_name") + ", "
          + name("'region'", "scope", "scope_name") + ", " + indicator("indicator", "indicator") + ", "
          + indicator("compared_indicator", "compared_indicator") + ", " + unitOf("indicator")),
      Map.entry("convergence", name("'region'", "scope", "scope_name") + ", " + indicator("indicator", "indicator") + ", "
          + unitOf("indicator")),
      Map.entry("disparities", name("'region'", "scope", "scope_name") + ", " + indicator("indicator", "indicator") + ", "
          + unitOf("indicator")),
      Map.entry("specialisation", name("'province', 'region'", "scope", "scope_name") + ", "
          + name("'province'", "province_code", "province_name") + ", " + indicator("indicator", "indicator")
          + ", " + indicator("component", "component") + ", " + unitOf("indicator")));

  private OracleLabels() {}

  /** The table's query with its label columns appended. */
  static String wrap(String table, String query) {
    String columns = COLUMNS.get(table);
    if (columns == null) {
      throw new IllegalArgumentException("no oracle labels for table " + table);
    }
    return "SELECT t.*, " + columns + " FROM (" + query + ") t";
  }
}
