package io.provstat.bench;

import java.util.List;

/**
 * How one table is compared: its key, and how each compared column agrees. provstat stores every
 * figure unrounded, so doubles agree within a tolerance and everything else exactly.
 */
record TableCheck(String table, List<String> key, List<Column> columns) {

  enum Kind { EXACT, CLOSE }

  record Column(String name, Kind kind) {
    static Column exact(String name) {
      return new Column(name, Kind.EXACT);
    }

    static Column close(String name) {
      return new Column(name, Kind.CLOSE);
    }
  }

  /** What the oracle reproduces of provstat's tables: every column of every table. */
  static final List<TableCheck> ALL = List.of(
      new TableCheck("rankings",
          List.of("scope", "indicator", "basis", "year", "period", "province_code"),
          List.of(Column.exact("province_name"), Column.close("value"),
              Column.exact("rank"), Column.exact("rank_among_reporting"), Column.exact("reported_rank"),
              Column.exact("n_ranked"), Column.exact("n_in_scope"), Column.exact("complete"),
              Column.exact("prev_rank"), Column.exact("rank_change"), Column.exact("base_year"),
              Column.exact("base_rank"), Column.exact("rank_change_since_base"), Column.close("share_of_scope_pct"), Column.exact("value_basis"), Column.exact("population_vintage"), Column.exact("value_status"), Column.exact("status"), Column.exact("scope_name"), Column.exact("indicator_name_vi"), Column.exact("indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("growth",
          List.of("province_code", "indicator", "period", "year"),
          List.of(Column.exact("province_name"), Column.exact("region_code"), Column.close("value"),
              Column.exact("value_status"), Column.exact("value_basis"), Column.exact("population_vintage"),
              Column.close("prev_value"), Column.exact("prev_basis"),
              Column.close("yoy_growth_pct"), Column.exact("growth_basis"), Column.close("yoy_growth_reported_pct"),
              Column.close("growth_diff_pp"), Column.close("cagr_5y_pct"), Column.exact("longest_run_from"),
              Column.exact("longest_run_to"), Column.close("cagr_longest_run_pct"), Column.exact("series_break"),
              Column.exact("note"), Column.exact("status"), Column.exact("longest_run_status"), Column.exact("region_name"), Column.exact("indicator_name_vi"), Column.exact("indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("contributions",
          List.of("scope", "parent_indicator", "component_set", "year", "period", "component_kind", "component"),
          List.of(Column.close("prev_value"), Column.close("value"), Column.close("contribution_pp"),
              Column.close("share_of_growth_pct"), Column.close("parent_prev_value"), Column.close("parent_value"),
              Column.close("parent_growth_pct"), Column.exact("basis"), Column.exact("note"), Column.exact("status"), Column.exact("scope_name"), Column.exact("parent_indicator_name_vi"), Column.exact("parent_indicator_name_en"), Column.exact("component_name"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("shift_share",
          List.of("province_code", "reference_scope", "parent_indicator", "component_set", "period", "variant",
              "year_from", "year_to"),
          List.of(Column.close("actual_change"), Column.close("national_effect"), Column.close("mix_effect"),
              Column.close("competitive_effect"), Column.close("homothetic_effect"),
              Column.close("allocation_effect"), Column.exact("reference_provinces"),
              Column.exact("reference_complete"), Column.exact("note"), Column.exact("status"), Column.exact("province_name"), Column.exact("reference_scope_name"), Column.exact("parent_indicator_name_vi"), Column.exact("parent_indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("plan_gap",
          List.of("province_code", "indicator", "year", "period"),
          List.of(Column.exact("province_name"), Column.exact("region_code"), Column.close("actual"),
              Column.exact("actual_status"), Column.close("plan"), Column.exact("plan_basis"),
              Column.close("attainment_pct"), Column.exact("attainment_basis"),
              Column.close("attainment_reported_pct"), Column.close("gap_abs"), Column.close("gap_pct"),
              Column.close("growth_pct"), Column.close("growth_target_pct"), Column.close("growth_gap_pp"),
              Column.close("base_value"), Column.close("implied_growth_pct"), Column.exact("verdict"),
              Column.exact("verdict_basis"), Column.exact("note"), Column.exact("status"), Column.exact("region_name"), Column.exact("indicator_name_vi"), Column.exact("indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("scorecard",
          List.of("province_code", "year", "period"),
          List.of(Column.exact("province_name"), Column.exact("targets_set"), Column.exact("targets_met"),
              Column.exact("targets_exceeded"), Column.exact("targets_missed"), Column.exact("targets_pending"),
              Column.close("met_pct"), Column.exact("status"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("reconciliation",
          List.of("check", "province_code", "scope", "indicator", "year", "period", "compared_indicator"),
          List.of(Column.exact("severity"), Column.close("reported"),
              Column.close("computed"),
              Column.close("difference"), Column.close("tolerance"),
              Column.exact("ok"), Column.exact("note"), Column.exact("status"), Column.exact("province_name"), Column.exact("scope_name"), Column.exact("indicator_name_vi"), Column.exact("indicator_name_en"), Column.exact("compared_indicator_name_vi"), Column.exact("compared_indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("convergence",
          List.of("scope", "indicator", "period", "measure", "variant", "year_from", "year_to"),
          List.of(Column.close("value"), Column.close("std_error"), Column.close("t_stat"), Column.close("p_value"),
              Column.exact("degrees_of_freedom"), Column.close("r_squared"), Column.close("speed_lambda"),
              Column.close("half_life_years"), Column.exact("n"), Column.exact("n_in_scope"),
              Column.exact("complete"), Column.exact("note"), Column.exact("status"), Column.exact("scope_name"),
              Column.exact("indicator_name_vi"), Column.exact("indicator_name_en"), Column.exact("unit"),
              Column.exact("price_basis"))),
      new TableCheck("disparities",
          List.of("scope", "indicator", "year", "period", "measure", "variant"),
          List.of(Column.close("value"), Column.exact("measure_unit"), Column.exact("n"),
              Column.exact("n_with_population"), Column.exact("n_in_scope"), Column.exact("complete"),
              Column.exact("note"), Column.exact("status"), Column.exact("scope_name"), Column.exact("indicator_name_vi"),
              Column.exact("indicator_name_en"), Column.exact("unit"), Column.exact("price_basis"))),
      new TableCheck("specialisation",
          List.of("scope", "province_code", "indicator", "component_set", "year", "period", "measure", "variant",
              "component"),
          List.of(Column.close("value"), Column.exact("measure_unit"), Column.close("province_share"),
              Column.close("reference_share"), Column.exact("n_parts"), Column.exact("n"),
              Column.exact("n_in_scope"), Column.exact("complete"), Column.exact("note"), Column.exact("status"),
              Column.exact("scope_name"), Column.exact("province_name"), Column.exact("indicator_name_vi"),
              Column.exact("indicator_name_en"), Column.exact("component_name_vi"),
              Column.exact("component_name_en"), Column.exact("unit"), Column.exact("price_basis"))));

  /** The table names, in the order they are checked. */
  static List<String> names() {
    return ALL.stream().map(TableCheck::table).toList();
  }
}
