package io.provstat.analytics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Observations turned wide: one row per province, indicator, period and year, with every measure
 * as a column and the previous year's level beside it. All analytics start from here.
 *
 * <p>The data is partitioned once by (province, indicator, period); the pivot and the year-over-year
 * window both run on that partitioning, so building the facts costs one shuffle.
 *
 * <p>The previous level is the one published for the previous year ({@code prev_basis = reported})
 * or, failing that, derived from this year's level and its reported growth
 * ({@code derived_from_growth}): {@code prev = value / (1 + g / 100)}. A reported index on the
 * previous year (GSO's IIP tables, previous year = 100) counts as reported growth {@code index - 100}.
 * Reported ranks depend on a scope, not on the province alone: they stay in the observations.
 */
public final class Facts {

  public static final String[] KEY = {"province_code", "indicator", "period", "year"};

  private Facts() {}

  /** The window over one province's series of an indicator and period, in year order. */
  static WindowSpec series() {
    return Window.partitionBy(col("province_code"), col("indicator"), col("period")).orderBy(col("year"));
  }

  private static Column measure(String measure, Column value) {
    return max(when(col("measure").equalTo(measure), value));
  }

  public static Dataset<Row> of(Dataset<Row> observations) {
    Dataset<Row> wide = observations
        .repartition(col("province_code"), col("indicator"), col("period"))
        .groupBy(col("province_code"), col("indicator"), col("period"), col("year"))
        .agg(first(col("province_name")).as("province_name"),
            first(col("region_code")).as("region_code"),
            measure("value", col("value")).as("value"),
            measure("value", col("status")).as("value_status"),
            measure("plan", col("value")).as("plan"),
            measure("yoy_growth_pct", col("value")).as("yoy_reported"),
            measure("index_prev_year", col("value").minus(100)).as("yoy_from_index"),
            measure("plan_attainment_pct", col("value")).as("attainment_reported_pct"),
            measure("plan_growth_pct", col("value")).as("plan_growth_reported_pct"));
    Column previousYearLevel = when(lag(col("year"), 1).over(series()).equalTo(col("year").minus(1)),
        lag(col("value"), 1).over(series()));
    Column growth = col("yoy_growth_reported_pct");
    Column derived = Ratios.divide(col("value"), lit(1.0).plus(growth.divide(100)));
    return wide
        .withColumn("yoy_growth_reported_pct", coalesce(col("yoy_reported"), col("yoy_from_index")))
        .drop("yoy_reported", "yoy_from_index")
        .withColumn("prev_value_reported", previousYearLevel)
        .withColumn("prev_value", coalesce(col("prev_value_reported"), derived))
        .withColumn("prev_basis",
            when(col("prev_value_reported").isNotNull(), lit(Basis.REPORTED))
                .when(col("prev_value").isNotNull(), lit(Basis.DERIVED_FROM_GROWTH)));
  }
}
