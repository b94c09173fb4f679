package io.provstat.analytics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code reconciliation}: every check of two published numbers against each other, agreeing
 * or not. Declared checks, each with its severity and tolerance, all written as rows (ok = true,
 * false, or null where the check cannot be made, with the reason in {@code note}):
 *
 * <ul>
 *   <li>{@code growth_vs_levels}: reported growth against growth computed from two published levels;
 *   <li>{@code attainment_vs_levels}: reported plan attainment against actual / plan;
 *   <li>{@code plan_growth_vs_implied}: a plan's stated growth against plan / previous level;
 *   <li>{@code plan_implied_base}: the base a plan's stated growth implies, plan / (1 + g), against
 *       the previous level of its indicator and of the catalogue's related indicators (the target
 *       may have been set on a component, e.g. goods exports);
 *   <li>{@code reported_rank}: a reported rank against the computed one, checked on complete scopes;
 *   <li>{@code aggregate_sum}: a reported region or national total against the sum of provinces.
 * </ul>
 */
public final class Reconciliation {

  /** Percentages are published to one or two decimals: 0.1 point absorbs their rounding. */
  public static final double PCT_TOLERANCE = 0.1;
  /** Levels: half a percent of the published level. */
  public static final double LEVEL_RELATIVE_TOLERANCE = 0.005;
  /**
   * Province sums against reported totals: each figure is rounded to 0.1, so n rounded provinces
   * and a rounded total can differ by up to 0.05 * (n + 1) in all.
   */
  public static final double SUM_ROUNDING = 0.05;

  public static final TableDef OUTPUT = new TableDef("reconciliation",
      "Checks of published numbers against each other: reported vs computed, with tolerance and verdict.",
      new StructType()
          .add("check", DataTypes.StringType, false, "which check: growth_vs_levels, attainment_vs_levels, plan_growth_vs_implied, plan_implied_base,"
              + " reported_rank or aggregate_sum (reported figure against the one computed from other published ones)")
          .add("severity", DataTypes.StringType, false, "warning: a published figure disagrees; info: cannot be checked")
          .add("province_code", DataTypes.StringType, false, "province code, or region/VN for aggregate checks")
          .add("scope", DataTypes.StringType, true, "the region or VN a rank or a total refers to")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("indicator", DataTypes.StringType, false, "indicator checked")
          .add("compared_indicator", DataTypes.StringType, true, "the indicator of the computed side when it differs")
          .add("reported", DataTypes.DoubleType, true, "the published number")
          .add("computed", DataTypes.DoubleType, true, "what the other published numbers give")
          .add("difference", DataTypes.DoubleType, true, "computed - reported")
          .add("tolerance", DataTypes.DoubleType, false, "largest difference still ok")
          .add("ok", DataTypes.BooleanType, true, "agree within tolerance; null when not checkable")
          .add("note", DataTypes.StringType, true, "what was compared, or why it could not be")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the figures compared: the reported one and those the computed side comes from")),
      List.of("year"),
      List.of("check", "province_code", "scope", "indicator", "year", "period", "compared_indicator"));

  private Reconciliation() {}

  /**
   * One check's rows: verdicts and figures alike on unrounded numbers (tables store full
   * precision; display rounds).
   */
  private static Dataset<Row> check(Dataset<Row> rows, String check, Column place, Column scope, Column indicator,
      Column compared, Column reported, Column computed, Column tolerance, Column checkable, Column note,
      Column status) {
    Column difference = computed.minus(reported);
    Column ok = when(checkable, abs(difference).leq(tolerance.plus(1e-9)));
    return rows.select(lit(check).as("check"),
        when(ok.isNull(), lit("info")).when(ok, lit("info")).otherwise(lit("warning")).as("severity"),
        place.as("province_code"), scope.cast(DataTypes.StringType).as("scope"), col("year"), col("period"),
        indicator.as("indicator"), compared.cast(DataTypes.StringType).as("compared_indicator"),
        reported.as("reported"), computed.as("computed"),
        difference.as("difference"), tolerance.as("tolerance"), ok.as("ok"),
        when(checkable.isNotNull().and(checkable).and(computed.isNull()), lit("nothing to compare with"))
            .otherwise(note).cast(DataTypes.StringType).as("note"),
        status.as("status"));
  }

  public static Dataset<Row> compute(Dataset<Row> observations, Dataset<Row> facts, Dataset<Row> rankings,
      Dataset<Row> aggregates, Dataset<Row> provinces, Dataset<Row> indicators) {
    Column none = lit(null);
    Column always = lit(true);
    Column pctTolerance = lit(PCT_TOLERANCE);

    Dataset<Row> growth = check(
        facts.filter(col("prev_basis").equalTo(Basis.REPORTED).and(col("yoy_growth_reported_pct").isNotNull())),
        "growth_vs_levels", col("province_code"), none, col("indicator"), none, col("yoy_growth_reported_pct"),
        Ratios.growthPct(col("value"), col("prev_value")), pctTolerance, always,
        lit("reported growth vs growth of the published levels"),
        Statuses.weakest(col("yoy_growth_reported_status"), col("value_status"), col("prev_value_status")));

    Dataset<Row> attainment = check(
        facts.filter(col("plan").isNotNull().and(col("value").isNotNull())
            .and(col("attainment_reported_pct").isNotNull())),
        "attainment_vs_levels", col("province_code"), none, col("indicator"), none,
        col("attainment_reported_pct"), Ratios.pct(col("value"), col("plan")), pctTolerance, always,
        lit("reported attainment vs 100 * actual / plan"),
        Statuses.weakest(col("attainment_reported_status"), col("value_status"), col("plan_status")));

    Dataset<Row> withPlanGrowth = facts.filter(col("plan").isNotNull()
        .and(col("plan_growth_reported_pct").isNotNull()));
    Dataset<Row> planGrowth = check(withPlanGrowth, "plan_growth_vs_implied", col("province_code"), none,
        col("indicator"), none, col("plan_growth_reported_pct"),
        Ratios.growthPct(col("plan"), col("prev_value_reported")), pctTolerance,
        col("prev_value_reported").isNotNull(),
        when(col("prev_value_reported").isNull(), lit("no published level the year before"))
            .otherwise(lit("stated growth of the plan vs plan / previous year's level")),
        Statuses.weakest(col("plan_growth_reported_status"), col("plan_status"),
            when(col("prev_value_reported").isNotNull(), col("prev_value_status"))));

    Dataset<Row> planBase = planBase(withPlanGrowth, facts, indicators);
    Dataset<Row> ranks = reportedRanks(observations, rankings);
    Dataset<Row> sums = aggregateSums(facts, aggregates, provinces);
    return growth.unionByName(attainment).unionByName(planGrowth).unionByName(planBase)
        .unionByName(ranks).unionByName(sums);
  }

  /** The implied base of a plan against the previous levels of its indicator and its relatives. */
  private static Dataset<Row> planBase(Dataset<Row> plans, Dataset<Row> facts, Dataset<Row> indicators) {
    // A plan's own indicator, its parent and its listed components (not a family's thousands of members).
    Dataset<Row> concrete = indicators.filter(functions.not(col("indicator").endsWith("*")));
    Dataset<Row> children = concrete.filter(col("parent").isNotNull())
        .select(col("parent").as("indicator"), col("indicator").as("compared"));
    Dataset<Row> withParent = Catalogue.attach(plans, indicators, "parent");
    Dataset<Row> related = withParent.withColumn("compared", col("indicator"))
        .unionByName(withParent.filter(col("parent").isNotNull()).withColumn("compared", col("parent")))
        .unionByName(withParent.join(functions.broadcast(children), "indicator"))
        .drop("parent");
    Dataset<Row> previousLevels = facts.filter(col("value").isNotNull())
        .select(col("province_code"), col("indicator").as("compared"), col("year").plus(1).as("year"),
            col("period"), col("value").as("base"), col("value_status").as("_base_status"));
    Dataset<Row> candidates = related
        .join(previousLevels, new String[] {"province_code", "compared", "year", "period"});
    Column implied = Ratios.divide(col("plan"), lit(1.0).plus(col("plan_growth_reported_pct").divide(100)));
    return check(candidates, "plan_implied_base", col("province_code"), lit(null), col("indicator"),
        when(col("compared").notEqual(col("indicator")), col("compared")), col("base"), implied,
        abs(col("base")).multiply(LEVEL_RELATIVE_TOLERANCE), lit(true),
        concat(lit("plan / (1 + stated growth) vs the previous year's "), col("compared")),
        Statuses.weakest(col("plan_status"), col("plan_growth_reported_status"), col("_base_status")));
  }

  /** Reported ranks against computed ones; checkable only where the computed ranking is complete. */
  private static Dataset<Row> reportedRanks(Dataset<Row> observations, Dataset<Row> rankings) {
    Dataset<Row> reported = observations.filter(col("measure").equalTo("reported_rank"))
        .select(col("province_code"), col("indicator"), col("year"), col("period"),
            col("value").as("reported_rank"), col("scope"), col("status").as("_reported_status"));
    Dataset<Row> computed = rankings.filter(col("basis").equalTo(Rankings.BASIS_VALUE))
        .select(col("scope"), col("province_code"), col("indicator"), col("year"), col("period"), col("rank"),
            col("rank_among_reporting"), col("complete"), col("n_ranked"), col("n_in_scope"),
            col("status").as("_ranking_status"));
    Dataset<Row> joined = reported.join(computed, new String[] {"scope", "province_code", "indicator", "year", "period"},
        "left");
    Column note = when(col("rank_among_reporting").isNull(), concat(lit("no computed ranking in "), col("scope")))
        .when(functions.not(col("complete")), concat(lit("ranking in "), col("scope"), lit(" incomplete: "),
            col("n_ranked").cast("string"), lit(" of "), col("n_in_scope").cast("string"), lit(" provinces")))
        .otherwise(concat(lit("rank in "), col("scope")));
    return check(joined, "reported_rank", col("province_code"), col("scope"), col("indicator"), lit(null),
        col("reported_rank"), col("rank").cast(DataTypes.DoubleType), lit(0.0), col("complete").equalTo(true), note,
        Statuses.weakest(col("_reported_status"), col("_ranking_status")));
  }

  /** Reported region and national totals against the sums of their provinces. */
  private static Dataset<Row> aggregateSums(Dataset<Row> facts, Dataset<Row> aggregates, Dataset<Row> provinces) {
    Dataset<Row> levels = Scopes.explode(facts.filter(col("value").isNotNull()));
    Dataset<Row> sums = levels.groupBy(col("scope"), col("indicator"), col("year"), col("period"))
        .agg(Ratios.sum(col("value")).as("_sum"), count(lit(1)).as("_n"),
            Statuses.weakestOf(col("value_status")).as("_provinces_status"));
    Dataset<Row> reported = aggregates.filter(col("measure").equalTo("value"))
        .select(col("scope"), col("indicator"), col("year"), col("period"), col("value").as("_reported"),
            col("status").as("_reported_status"));
    Dataset<Row> joined = reported.join(sums, new String[] {"scope", "indicator", "year", "period"}, "left");
    joined = Scopes.withSizes(joined, provinces);
    Column complete = col("_n").equalTo(col("n_in_scope"));
    Column note = when(col("_n").isNull(), lit("no province figures"))
        .when(col("_sum").isNull(), lit(Ratios.OVERFLOW_NOTE))
        .when(functions.not(complete), concat(col("_n").cast("string"), lit(" of "), col("n_in_scope").cast("string"),
            lit(" provinces published: sum not comparable")))
        .otherwise(lit("sum of the provinces vs reported total"));
    Column tolerance = greatest(coalesce(col("_n").plus(1), lit(1L)).multiply(SUM_ROUNDING),
        abs(col("_reported")).multiply(1e-6));
    return check(joined, "aggregate_sum", col("scope"), col("scope"), col("indicator"), lit(null), col("_reported"),
        col("_sum"), tolerance, complete.equalTo(true).and(col("_sum").isNotNull()), note,
        Statuses.weakest(col("_reported_status"), col("_provinces_status")));
  }
}
