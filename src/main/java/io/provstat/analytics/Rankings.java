package io.provstat.analytics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
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
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code rankings}: where each province stands within its region and within the nation, on
 * an indicator's level, its growth and its plan attainment.
 *
 * <p>Competition ranking, largest first: ties share a rank and the next rank is skipped (1, 2, 2,
 * 4); rows of a tie are listed by province code. A ranking over a scope where not every province
 * has a figure is still written, with {@code complete = false} and {@code n_ranked} beside
 * {@code n_in_scope}, so a rank among 4 of 13 never looks like a rank among 13.
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
          .add("rank", DataTypes.IntegerType, false, "1 = largest; ties share a rank, the next is skipped")
          .add("n_ranked", DataTypes.LongType, false, "provinces with a figure")
          .add("n_in_scope", DataTypes.LongType, false, "provinces the scope held that year")
          .add("complete", DataTypes.BooleanType, false, "every province of the scope has a figure")
          .add("prev_rank", DataTypes.IntegerType, true, "rank the year before")
          .add("rank_change", DataTypes.IntegerType, true, "prev_rank - rank: positive = moved up")
          .add("share_of_scope_pct", DataTypes.DoubleType, true,
              "share of the scope's total (additive levels, complete scopes)"),
      List.of("year"),
      List.of("scope", "indicator", "basis", "year", "period", "rank", "province_code"));

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
    Column figures = array(
        struct(lit(BASIS_VALUE).as("basis"), col("value").as("value")),
        struct(lit(BASIS_GROWTH).as("basis"), Growth.best().as("value")),
        struct(lit(BASIS_ATTAINMENT).as("basis"), PlanGap.attainment().as("value")));
    Dataset<Row> values = Catalogue.attach(facts, indicators, "additive")
        .select(col("province_code"), col("province_name"), col("region_code"), col("indicator"), col("year"),
            col("period"), col("additive"), explode(figures).as("_figure"))
        .filter(col("_figure.value").isNotNull())
        .select(col("province_code"), col("province_name"), col("region_code"), col("indicator"), col("year"),
            col("period"), col("additive"), col("_figure.basis").as("basis"), col("_figure.value").as("value"));
    String[] groupKeys = {"scope", "indicator", "basis", "period", "year"};
    String[] historyKeys = {"scope", "indicator", "basis", "period", "province_code"};
    Dataset<Row> sized = Windows.withKeyHash(Windows.withKeyHash(Scopes.withSizes(Scopes.explode(values), provinces)
            .repartition(col("scope"), col("indicator"), col("basis"), col("period")), "_group_hash", groupKeys),
        "_history_hash", historyKeys);

    WindowSpec group = Windows.over("_group_hash", groupKeys);
    WindowSpec ordered = group.orderBy(col("value").desc());
    WindowSpec history = Windows.over("_history_hash", historyKeys).orderBy(col("year"));
    Column nInScope = col("n_in_scope");
    Dataset<Row> ranked = sized
        .withColumn("rank", rank().over(ordered))
        .withColumn("n_ranked", count(lit(1)).over(group))
        .withColumn("complete", col("n_ranked").geq(nInScope))
        // Only additive levels have a share of their scope: the exact sum is taken for those alone.
        .withColumn("_scope_total", Ratios.sum(when(col("basis").equalTo(BASIS_VALUE).and(col("additive")),
            col("value")), group))
        .withColumn("prev_rank", when(lag(col("year"), 1).over(history).equalTo(col("year").minus(1)),
            lag(col("rank"), 1).over(history)));
    Column share = when(col("basis").equalTo(BASIS_VALUE).and(col("additive")).and(col("complete")),
        Ratios.pct(col("value"), col("_scope_total")));
    Column printed = when(col("basis").equalTo(BASIS_VALUE), col("value")).otherwise(Ratios.out(col("value")));
    return ranked.select(col("scope"), col("indicator"), col("basis"), col("year"), col("period"),
        col("province_code"), col("province_name"), printed.as("value"), col("rank"), col("n_ranked"),
        nInScope.as("n_in_scope"), col("complete"), col("prev_rank"),
        col("prev_rank").minus(col("rank")).as("rank_change"), Ratios.out(share).as("share_of_scope_pct"));
  }
}
