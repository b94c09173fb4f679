package io.provstat.analytics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
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
 * Table {@code growth}: year-over-year growth per province, indicator, year and period, computed
 * from published levels where both years are published, and set beside the reported growth.
 *
 * <p>CAGR: {@code cagr_5y_pct} over the five years ending at the row's year (all six levels
 * published), and {@code cagr_longest_run_pct} over the longest run of consecutive years with
 * published levels in the series (the latest such run on a tie). Missing years break a run; they
 * are never interpolated.
 */
public final class Growth {

  public static final TableDef OUTPUT = new TableDef("growth",
      "Year-over-year growth per province and indicator: computed from levels, reported, and CAGR.",
      new StructType()
          .add("province_code", DataTypes.StringType, false, "GSO province code (or 2025 unit code)")
          .add("province_name", DataTypes.StringType, true, "Vietnamese name")
          .add("region_code", DataTypes.StringType, true, "region of the province")
          .add("indicator", DataTypes.StringType, false, "indicator code")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("value", DataTypes.DoubleType, true, "published level")
          .add("value_status", DataTypes.StringType, true, "final, preliminary or estimate")
          .add("value_basis", DataTypes.StringType, true,
              "reported, or derived_per_capita: the level divided by the average population")
          .add("population_vintage", DataTypes.StringType, true,
              "for a derived_per_capita level: the vintage of the population figure it is divided by")
          .add("prev_value", DataTypes.DoubleType, true, "level of the same period a year before")
          .add("prev_basis", DataTypes.StringType, true, "reported or derived_from_growth")
          .add("yoy_growth_pct", DataTypes.DoubleType, true, "growth on the previous year, percent")
          .add("growth_basis", DataTypes.StringType, true, "computed (from two levels) or reported")
          .add("yoy_growth_reported_pct", DataTypes.DoubleType, true, "growth as published")
          .add("growth_diff_pp", DataTypes.DoubleType, true, "computed minus reported, percentage points")
          .add("cagr_5y_pct", DataTypes.DoubleType, true, "compound annual growth over the 5 years to this year")
          .add("longest_run_from", DataTypes.IntegerType, true, "first year of the series' longest run")
          .add("longest_run_to", DataTypes.IntegerType, true, "last year of that run")
          .add("cagr_longest_run_pct", DataTypes.DoubleType, true, "compound annual growth over that run")
          .add("series_break", DataTypes.BooleanType, false,
              "the province absorbed another the year before (Hà Tây into Hà Nội, 2008): levels compare with their sum")
          .add("note", DataTypes.StringType, true, "why a growth is missing")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the figures of value, yoy_growth_pct and cagr_5y_pct (levels, the previous level or the reported growth)"))
          .add("longest_run_status", DataTypes.StringType, true,
              "final, preliminary or estimate: the weakest status of the levels of the longest run"),
      List.of("year"),
      List.of("province_code", "indicator", "period", "year"));

  private Growth() {}

  /** Growth computed from two published levels, or null. */
  static Column computed() {
    return when(col("prev_basis").equalTo(Basis.REPORTED), Ratios.growthPct(col("value"), col("prev_value")));
  }

  /** The growth to use: computed where possible, else reported. */
  static Column best() {
    return coalesce(computed(), col("yoy_growth_reported_pct"));
  }

  /** The status of {@link #best}: the weaker of the two levels, or the reported growth's. */
  static Column bestStatus() {
    return when(computed().isNotNull(), Statuses.weakest(col("value_status"), col("prev_value_status")))
        .otherwise(col("yoy_growth_reported_status"));
  }

  public static Dataset<Row> compute(Dataset<Row> facts) {
    WindowSpec series = Facts.series();
    WindowSpec lastSixYears = series.rangeBetween(-5, 0);
    WindowSpec wholeSeries = Facts.wholeSeries();
    Column hasLevel = col("value").isNotNull();
    Dataset<Row> withRuns = facts
        .filter(hasLevel.or(col("yoy_growth_reported_pct").isNotNull()))
        // Gaps and islands: among rows with a level, year minus their running count is constant
        // along a run of consecutive years.
        .withColumn("_levels_so_far", sum(when(hasLevel, 1).otherwise(0)).over(series))
        // A merger (series_break) ends a run as a missing year does.
        .withColumn("_breaks_so_far", sum(when(col("series_break"), 1).otherwise(0)).over(series))
        .withColumn("_run", when(hasLevel, functions.concat_ws(":", col("year").minus(col("_levels_so_far")),
            col("_breaks_so_far"))));
    // Led by the series hash: a run lies within its series, so the window over runs sorts once and
    // the whole-series windows after it reuse that order.
    WindowSpec run = Windows.over(Facts.SERIES_HASH, "province_code", "indicator", "period", "_run");
    Dataset<Row> runs = withRuns
        .withColumn("_run_length", when(hasLevel, count(lit(1)).over(run)))
        .withColumn("_run_end", when(hasLevel, max(col("year")).over(run)))
        .withColumn("_longest", max(col("_run_length")).over(wholeSeries))
        .withColumn("longest_run_to", max(when(col("_run_length").equalTo(col("_longest")), col("_run_end")))
            .over(wholeSeries))
        .withColumn("longest_run_from", col("longest_run_to").minus(col("_longest")).plus(1))
        .withColumn("_first_level", max(when(col("year").equalTo(col("longest_run_from")), col("value")))
            .over(wholeSeries))
        .withColumn("_last_level", max(when(col("year").equalTo(col("longest_run_to")), col("value")))
            .over(wholeSeries))
        .withColumn("_run_precedence", functions.min(when(col("year").between(col("longest_run_from"),
            col("longest_run_to")), Statuses.precedence(col("value_status")))).over(wholeSeries))
        .withColumn("_levels_in_six", count(col("value")).over(lastSixYears))
        .withColumn("_six_precedence", functions.min(Statuses.precedence(col("value_status"))).over(lastSixYears))
        .withColumn("_breaks_in_five", sum(when(col("series_break"), 1).otherwise(0)).over(series.rangeBetween(-4, 0)))
        .withColumn("_level_5y_ago", first(col("value")).over(series.rangeBetween(-5, -5)));

    Column years = col("_longest").minus(1);
    Column cagrRun = when(years.geq(1),
        pow(Ratios.divide(col("_last_level"), col("_first_level")), lit(1.0).divide(years)).minus(1).multiply(100));
    Column cagr5 = when(hasLevel.and(col("_levels_in_six").equalTo(6)).and(col("_breaks_in_five").equalTo(0)),
        pow(Ratios.divide(col("value"), col("_level_5y_ago")), lit(0.2)).minus(1).multiply(100));
    Column note = when(best().isNull(),
        when(col("prev_value").isNull(), lit("no previous level and no reported growth"))
            .when(col("prev_value").equalTo(0), lit("previous level is zero")));
    Column status = Statuses.code(functions.least(Statuses.precedence(col("value_status")),
        Statuses.precedence(bestStatus()), when(cagr5.isNotNull(), col("_six_precedence"))));
    return runs.select(
        col("province_code"), col("province_name"), col("region_code"), col("indicator"), col("year"),
        col("period"), col("value"), col("value_status"), col("value_basis"), col("population_vintage"),
        col("prev_value"), col("prev_basis"),
        best().as("yoy_growth_pct"),
        when(computed().isNotNull(), lit(Basis.COMPUTED))
            .when(col("yoy_growth_reported_pct").isNotNull(), lit(Basis.REPORTED)).as("growth_basis"),
        col("yoy_growth_reported_pct").as("yoy_growth_reported_pct"),
        computed().minus(col("yoy_growth_reported_pct")).as("growth_diff_pp"),
        cagr5.as("cagr_5y_pct"),
        when(years.geq(1), col("longest_run_from")).cast(DataTypes.IntegerType).as("longest_run_from"),
        when(years.geq(1), col("longest_run_to")).cast(DataTypes.IntegerType).as("longest_run_to"),
        cagrRun.as("cagr_longest_run_pct"),
        col("series_break"),
        note.as("note"),
        status.as("status"),
        when(cagrRun.isNotNull(), Statuses.code(col("_run_precedence"))).as("longest_run_status"));
  }
}
