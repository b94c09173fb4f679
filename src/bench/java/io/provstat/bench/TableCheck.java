package io.provstat.bench;

import java.util.List;
import java.util.function.Function;

/**
 * How one table is compared: its key, and how each compared column agrees. {@code roundedWhen}
 * says, per provstat row, whether a double column was rounded at output (rankings round the value
 * ranked only for growth and attainment, not for levels).
 */
record TableCheck(String table, List<String> key, List<Column> columns) {

  enum Kind { EXACT, CLOSE, ROUNDED }

  record Column(String name, Kind kind, String roundedUnlessColumn, String roundedUnlessValue) {
    static Column exact(String name) {
      return new Column(name, Kind.EXACT, null, null);
    }

    static Column close(String name) {
      return new Column(name, Kind.CLOSE, null, null);
    }

    static Column rounded(String name) {
      return new Column(name, Kind.ROUNDED, null, null);
    }

    /** Rounded at output except on rows where column {@code other} equals {@code value}. */
    static Column roundedUnless(String name, String other, String value) {
      return new Column(name, Kind.ROUNDED, other, value);
    }

    /** The comparison for one row, given the provstat row's values by column name. */
    Kind kindFor(Function<String, Object> provstatRow) {
      if (kind == Kind.ROUNDED && roundedUnlessColumn != null
          && roundedUnlessValue.equals(provstatRow.apply(roundedUnlessColumn))) {
        return Kind.CLOSE;
      }
      return kind;
    }
  }

  /** What the oracle reproduces of provstat's tables: every column of these three. */
  static final List<TableCheck> ALL = List.of(
      new TableCheck("rankings",
          List.of("scope", "indicator", "basis", "year", "period", "province_code"),
          List.of(Column.exact("province_name"), Column.roundedUnless("value", "basis", "value"),
              Column.exact("rank"), Column.exact("n_ranked"), Column.exact("n_in_scope"), Column.exact("complete"),
              Column.exact("prev_rank"), Column.exact("rank_change"), Column.rounded("share_of_scope_pct"))),
      new TableCheck("growth",
          List.of("province_code", "indicator", "period", "year"),
          List.of(Column.exact("province_name"), Column.exact("region_code"), Column.close("value"),
              Column.exact("value_status"), Column.close("prev_value"), Column.exact("prev_basis"),
              Column.rounded("yoy_growth_pct"), Column.exact("growth_basis"), Column.rounded("yoy_growth_reported_pct"),
              Column.rounded("growth_diff_pp"), Column.rounded("cagr_5y_pct"), Column.exact("longest_run_from"),
              Column.exact("longest_run_to"), Column.rounded("cagr_longest_run_pct"), Column.exact("series_break"),
              Column.exact("note"))),
      new TableCheck("contributions",
          List.of("scope", "parent_indicator", "component_set", "year", "period", "component_kind", "component"),
          List.of(Column.close("prev_value"), Column.close("value"), Column.rounded("contribution_pp"),
              Column.rounded("share_of_growth_pct"), Column.close("parent_prev_value"), Column.close("parent_value"),
              Column.rounded("parent_growth_pct"), Column.exact("basis"), Column.exact("note"))));
}
