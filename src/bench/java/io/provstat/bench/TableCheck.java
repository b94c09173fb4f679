package io.provstat.bench;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How one table is compared: its key, and how each compared column agrees. A double column may be
 * rounded at output on some rows only, told by another column of the provstat row: rankings round
 * the value ranked only for growth and attainment, not for levels ({@link Column#roundedUnless});
 * reconciliation rounds computed and difference only for its percentage checks
 * ({@link Column#roundedWhen}).
 */
record TableCheck(String table, List<String> key, List<Column> columns) {

  enum Kind { EXACT, CLOSE, ROUNDED }

  /**
   * @param switchColumn the column that tells, per row, whether a ROUNDED column was rounded (null: always)
   * @param switchValues its values that flip the column
   * @param roundedOnSwitch true: rounded only where switchColumn is one of switchValues, else unrounded;
   *     false: unrounded where it is one of them, else rounded
   */
  record Column(String name, Kind kind, String switchColumn, Set<String> switchValues, boolean roundedOnSwitch) {
    static Column exact(String name) {
      return new Column(name, Kind.EXACT, null, Set.of(), false);
    }

    static Column close(String name) {
      return new Column(name, Kind.CLOSE, null, Set.of(), false);
    }

    static Column rounded(String name) {
      return new Column(name, Kind.ROUNDED, null, Set.of(), false);
    }

    /** Rounded at output except on rows where column {@code other} equals {@code value}. */
    static Column roundedUnless(String name, String other, String value) {
      return new Column(name, Kind.ROUNDED, other, Set.of(value), false);
    }

    /** Rounded at output only on rows where column {@code other} is one of {@code values}. */
    static Column roundedWhen(String name, String other, String... values) {
      return new Column(name, Kind.ROUNDED, other, Set.of(values), true);
    }

    /** The comparison for one row, given the provstat row's values by column name. */
    Kind kindFor(Function<String, Object> provstatRow) {
      if (kind == Kind.ROUNDED && switchColumn != null) {
        boolean switched = switchValues.contains(provstatRow.apply(switchColumn));
        return switched == roundedOnSwitch ? Kind.ROUNDED : Kind.CLOSE;
      }
      return kind;
    }
  }

  /** Reconciliation's checks of percentages: their computed and difference are rounded at output. */
  static final String[] PERCENTAGE_CHECKS = {"growth_vs_levels", "attainment_vs_levels", "plan_growth_vs_implied"};

  /** What the oracle reproduces of provstat's tables: every column of all seven. */
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
              Column.rounded("parent_growth_pct"), Column.exact("basis"), Column.exact("note"))),
      new TableCheck("shift_share",
          List.of("province_code", "reference_scope", "parent_indicator", "component_set", "period", "variant",
              "year_from", "year_to"),
          List.of(Column.close("actual_change"), Column.close("national_effect"), Column.close("mix_effect"),
              Column.close("competitive_effect"), Column.close("homothetic_effect"),
              Column.close("allocation_effect"), Column.exact("reference_provinces"),
              Column.exact("reference_complete"), Column.exact("note"))),
      new TableCheck("plan_gap",
          List.of("province_code", "indicator", "year", "period"),
          List.of(Column.exact("province_name"), Column.exact("region_code"), Column.close("actual"),
              Column.exact("actual_status"), Column.close("plan"), Column.exact("plan_basis"),
              Column.rounded("attainment_pct"), Column.exact("attainment_basis"),
              Column.rounded("attainment_reported_pct"), Column.close("gap_abs"), Column.rounded("gap_pct"),
              Column.rounded("growth_pct"), Column.rounded("growth_target_pct"), Column.rounded("growth_gap_pp"),
              Column.close("base_value"), Column.rounded("implied_growth_pct"), Column.exact("status"),
              Column.exact("status_basis"), Column.exact("note"))),
      new TableCheck("scorecard",
          List.of("province_code", "year", "period"),
          List.of(Column.exact("province_name"), Column.exact("targets_set"), Column.exact("targets_met"),
              Column.exact("targets_exceeded"), Column.exact("targets_missed"), Column.exact("targets_pending"),
              Column.rounded("met_pct"))),
      new TableCheck("reconciliation",
          List.of("check", "province_code", "scope", "indicator", "year", "period", "compared_indicator"),
          List.of(Column.exact("severity"), Column.close("reported"),
              Column.roundedWhen("computed", "check", PERCENTAGE_CHECKS),
              Column.roundedWhen("difference", "check", PERCENTAGE_CHECKS), Column.close("tolerance"),
              Column.exact("ok"), Column.exact("note"))));

  /** The table names, in the order they are checked. */
  static List<String> names() {
    return ALL.stream().map(TableCheck::table).toList();
  }
}
