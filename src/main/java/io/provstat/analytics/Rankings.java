package io.provstat.analytics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code rankings}: where each province stands within its region and within the nation, on
 * an indicator's level, its growth and its plan attainment.
 *
 * <p>Competition ranking, largest first: ties share a rank and the next rank is skipped (1, 2, 2,
 * 4); rows of a tie are listed by province code. {@code rank} is the position among all provinces
 * of the scope, so it is null where some province has no figure: a first among 1 of 13 reporting
 * never reads as first of 13. That position is {@code rank_among_reporting}, with {@code n_ranked}
 * beside {@code n_in_scope}; a rank a report states ({@code measure = reported_rank}) sits beside
 * both. {@code base_rank} and {@code rank_change_since_base} answer "how far has it moved since
 * year Y" in the same row.
 */
public final class Rankings {

  public static final String BASIS_VALUE = "value";
  public static final String BASIS_GROWTH = "yoy_growth_pct";
  public static final String BASIS_ATTAINMENT = "plan_attainment_pct";

  public static final TableDef OUTPUT = new TableDef("rankings",
      "Rank of each province within its region and the nation, per indicator, basis and year.",
      new StructType()
          .add("scope", DataTypes.StringType, false, "region code, or VN for the nation")
          .add("indicator", DataTypes.StringType, false, "indicator code")
          .add("basis", DataTypes.StringType, false, "value, yoy_growth_pct or plan_attainment_pct")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("province_code", DataTypes.StringType, false, "GSO province code (or 2025 unit code)")
          .add("province_name", DataTypes.StringType, true, "Vietnamese name")
          .add("value", DataTypes.DoubleType, false, "the figure ranked")
          .add("rank", DataTypes.IntegerType, true,
              "1 = largest among all provinces of the scope; null when some province of the scope has no figure")
          .add("rank_among_reporting", DataTypes.IntegerType, false,
              "position among the provinces with a figure (n_ranked of them), 1 = largest; ties share a rank")
          .add("reported_rank", DataTypes.IntegerType, true,
              "the rank the province's own report gives for this scope, indicator and year, if it gives one")
          .add("n_ranked", DataTypes.LongType, false, "provinces with a figure")
          .add("n_in_scope", DataTypes.LongType, false, "provinces the scope held that year")
          .add("complete", DataTypes.BooleanType, false, "every province of the scope has a figure")
          .add("prev_rank", DataTypes.IntegerType, true, "rank the year before (both years complete)")
          .add("rank_change", DataTypes.IntegerType, true, "prev_rank - rank: positive = moved up")
          .add("base_year", DataTypes.IntegerType, true,
              "year the rank is compared with: analyze --rank-base-year, else the series' first complete year")
          .add("base_rank", DataTypes.IntegerType, true, "rank in base_year")
          .add("rank_change_since_base", DataTypes.IntegerType, true,
              "base_rank - rank: places gained since base_year, positive = moved up")
          .add("share_of_scope_pct", DataTypes.DoubleType, true,
              "share of the scope's total (additive levels, complete scopes)")
          .add("value_basis", DataTypes.StringType, true,
              "the level's basis: reported, or derived_per_capita (the level divided by the average population)")
          .add("population_vintage", DataTypes.StringType, true,
              "for a derived_per_capita level: the vintage of the population figure it is divided by")
          .add("value_status", DataTypes.StringType, true,
              "final, preliminary or estimate: the weakest status of the figures value is (or is computed from)")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the figures ranked in the scope that year: a rank is as final as the least final figure it compares")),
      List.of("year"),
      List.of("scope", "indicator", "basis", "year", "period", "rank_among_reporting", "province_code"));

  private Rankings() {}

  /**
   * Ranks levels, growth and attainment, all read unrounded from the facts.
   *
   * <p>One pass: each fact yields its (up to) three figures and each figure its two scopes by
   * generators, not unions; scope sizes come from the reference data. Both windows (the ranking
   * of a year and a province's history of ranks) partition by a superset of (scope, indicator,
   * basis, period), so one shuffle on those columns serves both.
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces, Dataset<Row> indicators) {
    return compute(facts, provinces, indicators, null, null);
  }

  /**
   * @param reportedRanks {@link #reportedRanks} of the observations, or null for none
   * @param baseYear the year {@code base_rank} is taken from, or null for each series' first
   *     complete year
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces, Dataset<Row> indicators,
      Dataset<Row> reportedRanks, Integer baseYear) {
    Column figures = array(
        struct(lit(BASIS_VALUE).as("basis"), col("value").as("value"), col("value_status").as("status")),
        struct(lit(BASIS_GROWTH).as("basis"), Growth.best().as("value"), Growth.bestStatus().as("status")),
        struct(lit(BASIS_ATTAINMENT).as("basis"), PlanGap.attainment().as("value"),
            PlanGap.attainmentStatus().as("status")));
    Dataset<Row> values = Catalogue.attach(facts, indicators, "additive")
        .select(col("province_code"), col("province_name"), col("region_code"), col("indicator"), col("year"),
            col("period"), col("additive"), col("value_basis"), col("population_vintage"),
            explode(figures).as("_figure"))
        .filter(col("_figure.value").isNotNull())
        .select(col("province_code"), col("province_name"), col("region_code"), col("indicator"), col("year"),
            col("period"), col("additive"), col("value_basis"), col("population_vintage"),
            col("_figure.basis").as("basis"), col("_figure.value").as("value"),
            col("_figure.status").as("value_status"));
    String[] groupKeys = {"scope", "indicator", "basis", "period", "year"};
    String[] historyKeys = {"scope", "indicator", "basis", "period", "province_code"};
    Dataset<Row> sized = Windows.withKeyHash(Windows.withKeyHash(Scopes.withSizes(Scopes.explode(values), provinces)
            .repartition(col("scope"), col("indicator"), col("basis"), col("period")), "_group_hash", groupKeys),
        "_history_hash", historyKeys);

    WindowSpec group = Windows.over("_group_hash", groupKeys);
    WindowSpec ordered = group.orderBy(col("value").desc());
    WindowSpec history = Windows.over("_history_hash", historyKeys).orderBy(col("year"));
    WindowSpec wholeHistory = history.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column nInScope = col("n_in_scope");
    Dataset<Row> ranked = sized
        .withColumn("rank_among_reporting", rank().over(ordered))
        .withColumn("n_ranked", count(lit(1)).over(group))
        .withColumn("complete", col("n_ranked").geq(nInScope))
        .withColumn("rank", when(col("complete"), col("rank_among_reporting")))
        .withColumn("status", Statuses.code(functions.min(Statuses.precedence(col("value_status"))).over(group)))
        // Only additive levels have a share of their scope: the exact sum is taken for those alone.
        .withColumn("_scope_total", Ratios.sum(when(col("basis").equalTo(BASIS_VALUE).and(col("additive")),
            col("value")), group));
    Column isBase = baseYear == null ? col("rank").isNotNull() : col("year").equalTo(baseYear);
    Dataset<Row> histories = ranked
        .withColumn("prev_rank", when(lag(col("year"), 1).over(history).equalTo(col("year").minus(1)),
            lag(col("rank"), 1).over(history)))
        .withColumn("base_year", first(when(isBase, col("year")), true).over(wholeHistory))
        .withColumn("base_rank", first(when(isBase, col("rank")), true).over(wholeHistory));
    Column share = when(col("basis").equalTo(BASIS_VALUE).and(col("additive")).and(col("complete")),
        Ratios.pct(col("value"), col("_scope_total")));
    // A handful of reported ranks, beside the computed ones (levels only: reports rank levels).
    Dataset<Row> withReported;
    if (reportedRanks == null) {
      withReported = histories.withColumn("reported_rank", lit(null).cast(DataTypes.IntegerType));
    } else {
      String[] reportedKeys = {"scope", "province_code", "indicator", "year", "period", "basis"};
      Dataset<Row> reported = reportedRanks.groupBy(col("scope"), col("province_code"), col("indicator"),
              col("year"), col("period"))
          .agg(functions.min(col("value")).cast(DataTypes.IntegerType).as("reported_rank"))
          .withColumn("basis", lit(BASIS_VALUE));
      withReported = histories.join(functions.broadcast(reported), reportedKeys, "left");
    }
    return withReported.select(col("scope"), col("indicator"), col("basis"), col("year"), col("period"),
            col("province_code"), col("province_name"), col("value"), col("rank"), col("rank_among_reporting"),
            col("reported_rank"), col("n_ranked"), nInScope.as("n_in_scope"), col("complete"), col("prev_rank"),
            col("prev_rank").minus(col("rank")).as("rank_change"), col("base_year"), col("base_rank"),
            col("base_rank").minus(col("rank")).as("rank_change_since_base"), share.as("share_of_scope_pct"),
            col("value_basis"), col("population_vintage"), col("value_status"), col("status"));
  }

  /** The reported ranks of a set of observations: scope, province, indicator, year, period, value. */
  public static Dataset<Row> reportedRanks(Dataset<Row> observations) {
    return observations.filter(col("measure").equalTo("reported_rank"))
        .select(col("scope"), col("province_code"), col("indicator"), col("year"), col("period"), col("value"));
  }
}
