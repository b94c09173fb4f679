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
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

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
 *
 * <p>Where a province absorbed another (Hà Tây into Hà Nội in 2008), its series breaks: the first
 * year after the merger compares with the sum of both provinces' levels the year before for
 * additive indicators ({@code prev_basis = reported}, both parts published), and with nothing for
 * the others; {@code series_break} marks that year, and runs of years (CAGR) stop there.
 *
 * <p>Every figure has its status beside it ({@code value_status}, {@code plan_status},
 * {@code prev_value_status}, ...), for the tables' {@link Statuses weakest-input} status.
 */
public final class Facts {

  public static final String[] KEY = {"province_code", "indicator", "period", "year"};

  private Facts() {}

  /**
   * The hash of a fact's series (province, indicator, period), a column of the facts: every window
   * over a series (here and in growth) partitions by it first, so they share one sort.
   */
  static final String SERIES_HASH = "_series_hash";
  static final String[] SERIES = {"province_code", "indicator", "period"};

  /** The window over one province's series of an indicator and period. */
  static WindowSpec wholeSeries() {
    return Windows.over(SERIES_HASH, SERIES);
  }

  /** The window over one province's series of an indicator and period, in year order. */
  static WindowSpec series() {
    return wholeSeries().orderBy(col("year"));
  }

  private static Column measure(String measure, Column value) {
    return max(when(col("measure").equalTo(measure), value));
  }

  /** Facts on the provinces as published, with the reference data's catalogue and mergers. */
  public static Dataset<Row> of(Dataset<Row> observations) {
    return of(observations, ReferenceFrames.indicators(observations.sparkSession()),
        ReferenceFrames.mergers(observations.sparkSession()));
  }

  public static Dataset<Row> of(Dataset<Row> observations, Dataset<Row> indicators, Dataset<Row> mergers) {
    // The level a former province had in its last year, to add to its successor's previous level.
    Dataset<Row> absorbed = observations.filter(col("measure").equalTo("value"))
        .join(functions.broadcast(mergers), col("province_code").equalTo(col("former_code"))
            .and(col("year").equalTo(col("last_year"))))
        .select(col("successor_code").as("province_code"), col("indicator"), col("period"),
            col("year").plus(1).as("year"), col("value").as("_absorbed"), col("status").as("_absorbed_status"));
    Dataset<Row> breaks = mergers.select(col("successor_code").as("province_code"),
        col("last_year").plus(1).as("year"), lit(true).as("series_break"));
    // Grouped by the series hash too (a function of the keys): the pivot's sort is then the one the
    // year-over-year window needs.
    Dataset<Row> wide = Windows.withKeyHash(observations
            .repartition(col("province_code"), col("indicator"), col("period")), SERIES_HASH, SERIES)
        .groupBy(col(SERIES_HASH), col("province_code"), col("indicator"), col("period"), col("year"))
        .agg(first(col("province_name")).as("province_name"),
            first(col("region_code")).as("region_code"),
            measure("value", col("value")).as("value"),
            measure("value", col("status")).as("value_status"),
            measure("value", when(col("source").equalTo(PerCapita.DERIVED), lit(PerCapita.DERIVED))
                .otherwise(lit(Basis.REPORTED))).as("value_basis"),
            measure("value", when(col("source").equalTo(PerCapita.DERIVED), col("vintage"))).as("population_vintage"),
            measure("plan", col("value")).as("plan"),
            measure("plan", col("status")).as("plan_status"),
            measure("yoy_growth_pct", col("value")).as("yoy_reported"),
            measure("yoy_growth_pct", col("status")).as("yoy_reported_status"),
            measure("index_prev_year", col("value").minus(100)).as("yoy_from_index"),
            measure("index_prev_year", col("status")).as("yoy_from_index_status"),
            measure("plan_attainment_pct", col("value")).as("attainment_reported_pct"),
            measure("plan_attainment_pct", col("status")).as("attainment_reported_status"),
            measure("plan_growth_pct", col("value")).as("plan_growth_reported_pct"),
            measure("plan_growth_pct", col("status")).as("plan_growth_reported_status"));
    Column previousYear = lag(col("year"), 1).over(series()).equalTo(col("year").minus(1));
    Column previousYearLevel = when(previousYear, lag(col("value"), 1).over(series()));
    Column previousYearStatus = when(previousYear, lag(col("value_status"), 1).over(series()));
    Column restated = when(functions.not(col("series_break")), col("_previous_year_level"))
        .when(col("additive"), col("_previous_year_level").plus(col("_absorbed")));
    Column restatedStatus = when(functions.not(col("series_break")), col("_previous_year_status"))
        .when(col("additive"), Statuses.weakest(col("_previous_year_status"), col("_absorbed_status")));
    Column growth = col("yoy_growth_reported_pct");
    Column derived = Ratios.divide(col("value"), lit(1.0).plus(growth.divide(100)));
    // The window first, on the partitioning of the pivot; the joins after it are broadcasts.
    Dataset<Row> withPrevious = wide
        .withColumn("_previous_year_level", previousYearLevel)
        .withColumn("_previous_year_status", previousYearStatus)
        .join(functions.broadcast(breaks), new String[] {"province_code", "year"}, "left")
        .withColumn("series_break", coalesce(col("series_break"), lit(false)))
        .join(functions.broadcast(absorbed), new String[] {"province_code", "indicator", "period", "year"}, "left");
    return Catalogue.attach(withPrevious, indicators, "additive")
        .withColumn("yoy_growth_reported_pct", coalesce(col("yoy_reported"), col("yoy_from_index")))
        .withColumn("yoy_growth_reported_status",
            when(col("yoy_reported").isNotNull(), col("yoy_reported_status")).otherwise(col("yoy_from_index_status")))
        .drop("yoy_reported", "yoy_from_index", "yoy_reported_status", "yoy_from_index_status")
        .withColumn("prev_value_reported", restated)
        .withColumn("_prev_value_reported_status", restatedStatus)
        .drop("_absorbed", "_absorbed_status", "additive", "_previous_year_level", "_previous_year_status")
        .withColumn("prev_value", coalesce(col("prev_value_reported"), derived))
        .withColumn("prev_basis",
            when(col("prev_value_reported").isNotNull(), lit(Basis.REPORTED))
                .when(col("prev_value").isNotNull(), lit(Basis.DERIVED_FROM_GROWTH)))
        // A previous level derived from this year's level and growth is as final as the weaker of them.
        .withColumn("prev_value_status",
            when(col("prev_value_reported").isNotNull(), col("_prev_value_reported_status"))
                .when(col("prev_value").isNotNull(),
                    Statuses.weakest(col("value_status"), col("yoy_growth_reported_status"))))
        .drop("_prev_value_reported_status");
  }
}
