package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code contributions}: how much each component added to its parent's growth, in
 * percentage points, {@code C_i = 100 * (X_i,t - X_i,t-1) / X_parent,t-1}, and its share of the
 * growth, {@code 100 * dX_i / dX_parent}.
 *
 * <p>Two breakdowns: by the catalogue's component sets (exports by commodity: seafood, rice,
 * garments; goods vs the rest), within a province; and by geography, each province's contribution
 * to its region's growth, for additive indicators where every province of the region has both
 * years. Whatever the named components do not cover is an explicit {@code other} row, so the
 * contributions of a group always add up to the parent's growth. A component without a previous
 * level cannot be split out and stays inside {@code other}.
 */
public final class Contributions {

  public static final String KIND_INDICATOR = "indicator";
  public static final String KIND_PROVINCE = "province";
  public static final String KIND_OTHER = "other";
  public static final String GEOGRAPHY = "geography";

  public static final TableDef OUTPUT = new TableDef("contributions",
      "Contribution of each component (commodity or province) to its parent's growth, in points.",
      new StructType()
          .add("scope", DataTypes.StringType, false, "province code, or region code for the geographic breakdown")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("parent_indicator", DataTypes.StringType, false, "the indicator whose growth is split")
          .add("component_set", DataTypes.StringType, false, "catalogue component set, or geography")
          .add("component", DataTypes.StringType, false, "indicator code, province code, or other")
          .add("component_kind", DataTypes.StringType, false, "indicator, province or other")
          .add("prev_value", DataTypes.DoubleType, true, "component level a year before")
          .add("value", DataTypes.DoubleType, true, "component level")
          .add("contribution_pp", DataTypes.DoubleType, true, "points of the parent's growth")
          .add("share_of_growth_pct", DataTypes.DoubleType, true, "share of the parent's change")
          .add("parent_prev_value", DataTypes.DoubleType, true, "parent level a year before")
          .add("parent_value", DataTypes.DoubleType, true, "parent level")
          .add("parent_growth_pct", DataTypes.DoubleType, true, "the parent's growth the rows add up to")
          .add("basis", DataTypes.StringType, false, "computed, or derived_from_growth where a previous level was")
          .add("note", DataTypes.StringType, true, "why a share is missing")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the levels of the row: the component's and the parent's, in both years (for other and for a"
                  + " region's sum, those of every component or province in it)")),
      List.of("year"),
      List.of("scope", "parent_indicator", "component_set", "year", "period", "component_kind", "component"));

  private Contributions() {}

  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> indicators, Dataset<Row> aggregates,
      Dataset<Row> provinces) {
    return compute(facts, byComponentSet(facts, indicators), indicators, aggregates, provinces);
  }

  /** As above, with the component levels already computed (shift-share reads them too). */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> components, Dataset<Row> indicators,
      Dataset<Row> aggregates, Dataset<Row> provinces) {
    return finish(components.unionByName(byGeography(facts, indicators, aggregates, provinces)));
  }

  /** The weaker status of a fact's level and previous level, the two a contribution uses. */
  private static Column levelsStatus() {
    return Statuses.weakest(col("value_status"), col("prev_value_status"));
  }

  private static Column derived(String basisColumn) {
    return col(basisColumn).equalTo(Basis.DERIVED_FROM_GROWTH);
  }

  /** Components of a catalogue set within each province, plus the rest as {@code other}. */
  static Dataset<Row> byComponentSet(Dataset<Row> facts, Dataset<Row> indicators) {
    Dataset<Row> withLevels = facts.filter(col("value").isNotNull().and(col("prev_value").isNotNull()));
    Dataset<Row> components = Catalogue.attach(withLevels, indicators, "additive", "parent", "component_set")
        .filter(col("parent").isNotNull().and(col("additive")))
        .select(col("province_code"), col("year"), col("period"), col("parent"), col("component_set"),
            col("indicator").as("component"), col("value"), col("prev_value"), derived("prev_basis").as("derived"),
            levelsStatus().as("_component_status"));
    // Only indicators the catalogue names as a parent can be one: the other facts never reach the join's
    // shuffle (a broadcast semi-join on the few parent codes first).
    Dataset<Row> parents = Catalogue.parentsOnly(withLevels, indicators)
        .select(col("province_code"), col("year"), col("period"),
        col("indicator").as("parent"), col("value").as("parent_value"),
        col("prev_value").as("parent_prev_value"), derived("prev_basis").as("parent_derived"),
        levelsStatus().as("_parent_status"));
    Dataset<Row> joined = components.join(parents, new String[] {"province_code", "year", "period", "parent"});
    Dataset<Row> named = joined.select(col("province_code").as("scope"), col("year"), col("period"),
        col("parent").as("parent_indicator"), col("component_set"), col("component"),
        lit(KIND_INDICATOR).as("component_kind"), col("prev_value"), col("value"), col("parent_prev_value"),
        col("parent_value"), col("derived").or(col("parent_derived")).as("derived"),
        Statuses.weakest(col("_component_status"), col("_parent_status")).as("status"));
    return named.unionByName(other(named));
  }

  /** The parent minus the named components of each group, in both years. */
  private static Dataset<Row> other(Dataset<Row> named) {
    return named.groupBy(col("scope"), col("year"), col("period"), col("parent_indicator"), col("component_set"))
        .agg(Ratios.sum(col("value")).as("_named"), Ratios.sum(col("prev_value")).as("_named_prev"),
            first(col("parent_value")).as("parent_value"), first(col("parent_prev_value")).as("parent_prev_value"),
            max(col("derived")).as("derived"), Statuses.weakestOfRows().as("status"))
        .select(col("scope"), col("year"), col("period"), col("parent_indicator"), col("component_set"),
            lit(KIND_OTHER).as("component"), lit(KIND_OTHER).as("component_kind"),
            col("parent_prev_value").minus(col("_named_prev")).as("prev_value"),
            col("parent_value").minus(col("_named")).as("value"), col("parent_prev_value"), col("parent_value"),
            col("derived"), col("status"));
  }

  /**
   * Each province's part in its region's change, for additive indicators where the whole region
   * has both years. The parent is the region total reported in {@code reported_aggregates} when
   * both years are there (any gap to the province sum shows as {@code other}), else the sum.
   */
  static Dataset<Row> byGeography(Dataset<Row> facts, Dataset<Row> indicators, Dataset<Row> aggregates,
      Dataset<Row> provinces) {
    Dataset<Row> levels = Catalogue.attach(facts, indicators, "additive")
        .filter(col("additive"))
        .drop("additive")
        .filter(col("value").isNotNull().and(col("prev_value").isNotNull()))
        .withColumnRenamed("region_code", "scope");
    // Region totals as window aggregates beside each province's row: one shuffle, where an
    // aggregation joined back to the rows would take three.
    String[] regionKeys = {"scope", "indicator", "year", "period"};
    WindowSpec region = Windows.over("_region_hash", regionKeys);
    Dataset<Row> withTotals = Scopes.withSizes(Windows.withKeyHash(levels, "_region_hash", regionKeys)
        .withColumn("_n", count(lit(1)).over(region))
        .withColumn("_sum", Ratios.sum(col("value"), region))
        .withColumn("_sum_prev", Ratios.sum(col("prev_value"), region))
        .withColumn("_any_derived", max(derived("prev_basis")).over(region))
        .withColumn("_region_precedence", functions.min(Statuses.precedence(levelsStatus())).over(region)), provinces)
        .filter(col("_n").equalTo(col("n_in_scope")));
    // Region totals as reported: a few rows per region and year, broadcast.
    Dataset<Row> reported = aggregates.filter(col("measure").equalTo("value"))
        .select(col("scope"), col("indicator"), col("year"), col("period"), col("value").as("_reported"),
            col("status").as("_reported_status"));
    Dataset<Row> reportedPrev = reported.select(col("scope"), col("indicator"),
        col("year").plus(1).as("year"), col("period"), col("_reported").as("_reported_prev"),
        col("_reported_status").as("_reported_prev_status"));
    Dataset<Row> parents = withTotals
        .join(functions.broadcast(reported), new String[] {"scope", "indicator", "year", "period"}, "left")
        .join(functions.broadcast(reportedPrev), new String[] {"scope", "indicator", "year", "period"}, "left");
    Column bothReported = col("_reported").isNotNull().and(col("_reported_prev").isNotNull());
    Dataset<Row> named = parents
        .withColumn("parent_value", when(bothReported, col("_reported")).otherwise(col("_sum")))
        .withColumn("parent_prev_value", when(bothReported, col("_reported_prev")).otherwise(col("_sum_prev")))
        .select(col("scope"), col("year"), col("period"), col("indicator").as("parent_indicator"),
            lit(GEOGRAPHY).as("component_set"), col("province_code").as("component"),
            lit(KIND_PROVINCE).as("component_kind"), col("prev_value"), col("value"), col("parent_prev_value"),
            col("parent_value"), col("_any_derived").as("derived"),
            Statuses.code(functions.least(col("_region_precedence"),
                when(bothReported, Statuses.leastPrecedence(col("_reported_status"), col("_reported_prev_status")))))
                .as("status"));
    return named.unionByName(other(named));
  }

  private static Dataset<Row> finish(Dataset<Row> rows) {
    Column change = col("value").minus(col("prev_value"));
    Column parentChange = col("parent_value").minus(col("parent_prev_value"));
    return rows.select(col("scope"), col("year"), col("period"), col("parent_indicator"),
        col("component_set"), col("component"), col("component_kind"), col("prev_value"), col("value"),
        Ratios.pct(change, col("parent_prev_value")).as("contribution_pp"),
        Ratios.pct(change, parentChange).as("share_of_growth_pct"),
        col("parent_prev_value"), col("parent_value"),
        Ratios.growthPct(col("parent_value"), col("parent_prev_value")).as("parent_growth_pct"),
        when(col("derived"), lit(Basis.DERIVED_FROM_GROWTH)).otherwise(lit(Basis.COMPUTED)).as("basis"),
        // Levels here are never null but where an exact sum (a group's other, a region's total) overflowed.
        when(change.isNull().or(parentChange.isNull()), lit(Ratios.OVERFLOW_NOTE))
            .when(parentChange.equalTo(0), lit("parent did not change: no share of growth"))
            .when(col("parent_prev_value").equalTo(0), lit("parent's previous level is zero"))
            .as("note"),
        col("status"));
  }
}
