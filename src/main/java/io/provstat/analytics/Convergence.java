package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ln;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Region;
import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code convergence}: are the provinces of a scope (the nation, each region) drawing
 * together or apart on an indicator's level (per-capita indicators are ordinary indicators)?
 *
 * <ul>
 *   <li>{@code sigma}: per year, the standard deviation of the natural log of the provinces'
 *       positive levels, divisor n (population SD);
 *   <li>{@code sigma_ratio}: sigma of the first year over sigma of the last (above 1: converged);
 *   <li>{@code sigma_trend}: the OLS slope of sigma on year, with its standard error, t, p, R^2;
 *   <li>{@code beta}: OLS of the annualised log growth {@code ln(y_T / y_0) / T} on the log initial
 *       level {@code ln y_0} over the provinces with both years, for every span of {@value #SPAN}
 *       years and the longest span between two complete years: beta, standard error, t, two-sided
 *       p (Student's t, n - 2 degrees of freedom), R^2, the speed {@code lambda = -ln(1 + T beta)
 *       / T} and the half-life {@code ln 2 / lambda} in years;
 *   <li>{@code beta_conditional} (the nation): the same regression with a dummy per region (the
 *       within-region slope, by Frisch-Waugh-Lovell; n - 1 - regions degrees of freedom).
 * </ul>
 *
 * <p>Regressions use Spark's regr_ aggregates (numerically stable central moments). Only positive
 * levels have a log: a province with a zero or negative figure is left out, and {@code n} says how
 * many took part, beside {@code n_in_scope} and {@code complete}.
 */
public final class Convergence {

  /** The length of the rolling beta spans, in years. */
  public static final int SPAN = 5;

  public static final String SIGMA = "sigma";
  public static final String SIGMA_RATIO = "sigma_ratio";
  public static final String SIGMA_TREND = "sigma_trend";
  public static final String BETA = "beta";
  public static final String BETA_CONDITIONAL = "beta_conditional";
  public static final String SPAN_5Y = "span_5y";
  public static final String LONGEST_COMPLETE_SPAN = "longest_complete_span";

  public static final TableDef OUTPUT = new TableDef("convergence",
      "Sigma and beta convergence of the provinces of each scope on an indicator's level.",
      new StructType()
          .add("scope", DataTypes.StringType, false, "region code, or VN for the nation")
          .add("indicator", DataTypes.StringType, false, "indicator code")
          .add("period", DataTypes.StringType, false, "period code")
          .add("measure", DataTypes.StringType, false,
              "sigma, sigma_ratio, sigma_trend, beta or beta_conditional (with region dummies, the nation only)")
          .add("variant", DataTypes.StringType, false,
              "how it is computed: sd_of_ln_divisor_n (sigma), first_over_last, ols_on_year, or the beta span:"
                  + " span_5y, longest_complete_span or given_span (analyze --beta-span)")
          .add("year_from", DataTypes.IntegerType, false, "first year (the initial year of a beta span)")
          .add("year_to", DataTypes.IntegerType, false, "last year (the final year of a beta span)")
          .add("value", DataTypes.DoubleType, true,
              "the measure: sigma in log points, a ratio, the slope per year of sigma, or beta per log point")
          .add("std_error", DataTypes.DoubleType, true, "standard error of the slope (regressions only)")
          .add("t_stat", DataTypes.DoubleType, true, "slope over its standard error")
          .add("p_value", DataTypes.DoubleType, true, "two-sided p of t under Student's t with degrees_of_freedom")
          .add("degrees_of_freedom", DataTypes.LongType, true, "n minus the regression's parameters")
          .add("r_squared", DataTypes.DoubleType, true, "share of the variance the regression explains")
          .add("speed_lambda", DataTypes.DoubleType, true,
              "beta's speed of convergence per year, -ln(1 + T * beta) / T, T = year_to - year_from")
          .add("half_life_years", DataTypes.DoubleType, true, "years to close half the gap, ln 2 / speed_lambda")
          .add("n", DataTypes.LongType, false,
              "provinces (for sigma_trend and sigma_ratio: years) with a positive level taking part")
          .add("n_in_scope", DataTypes.LongType, false, "provinces the scope held in year_to")
          .add("complete", DataTypes.BooleanType, false,
              "every province of the scope took part (sigma_trend and sigma_ratio: in every year used)")
          .add("note", DataTypes.StringType, true, "why a figure is missing")
          .add("status", DataTypes.StringType, true, Statuses.describe("the levels the measure is computed from")),
      List.of(),
      List.of("scope", "indicator", "period", "measure", "variant", "year_from", "year_to"));

  public static final String GIVEN_SPAN = "given_span";

  private static final String[] SERIES = {"scope", "indicator", "period"};

  private Convergence() {}

  /** A beta span asked for by name (analyze --beta-span 2010-2016), beside the default ones. */
  public record Span(int from, int to) implements java.io.Serializable {
    public Span {
      if (to <= from) {
        throw new IllegalArgumentException("a beta span ends after it starts, not " + from + "-" + to);
      }
    }

    /** {@code FROM-TO}, e.g. {@code 2010-2016}. */
    public static Span parse(String text) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{4})").matcher(text.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("a beta span is FROM-TO in years, e.g. 2010-2016, not '" + text + "'");
      }
      return new Span(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
  }

  /** Two-sided p of a t statistic with the given degrees of freedom; null where undefined. */
  static Double twoSidedP(Double t, Long degreesOfFreedom) {
    if (t == null || degreesOfFreedom == null || degreesOfFreedom < 1 || t.isNaN()) {
      return null;
    }
    if (t.isInfinite()) {
      return 0.0;
    }
    TDistribution distribution = new TDistribution(null, degreesOfFreedom);
    return 2 * distribution.cumulativeProbability(-Math.abs(t));
  }

  private static final UserDefinedFunction P_VALUE = functions.udf(
      (UDF2<Double, Long, Double>) Convergence::twoSidedP, DataTypes.DoubleType).withName("two_sided_p");

  /**
   * @param facts the wide facts ({@link Facts#of})
   * @param provinces the units of the boundaries at hand, for the scopes' sizes
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces) {
    return compute(facts, provinces, List.of());
  }

  /** As above, with beta over the given spans too (variant given_span) wherever both years have levels. */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces, List<Span> givenSpans) {
    Dataset<Row> levels = Scopes.explode(facts.filter(col("value").gt(0))
        .select(col("province_code"), col("region_code"), col("indicator"), col("period"), col("year"),
            ln(col("value")).as("_ln"), Statuses.precedence(col("value_status")).as("_precedence")));

    Dataset<Row> sigma = Scopes.withSizes(levels
        .groupBy(col("scope"), col("indicator"), col("period"), col("year"))
        .agg(functions.array_sort(functions.collect_list(struct(col("province_code"), col("_ln").as("x"),
                lit(0.0).as("y")))).as("_pts"),
            functions.min(col("_precedence")).as("_precedence"))
        .transform(Convergence::withMoments)
        .withColumn("value", sqrt(col("_sxx").divide(col("_n"))))
        .withColumn("n", col("_n"))
        .drop("_pts", "_n", "_mx", "_my", "_sxx", "_syy", "_sxy", "_slope"), provinces)
        .withColumn("complete", col("n").geq(col("n_in_scope")));
    Dataset<Row> sigmaRows = sigma.select(col("scope"), col("indicator"), col("period"), lit(SIGMA).as("measure"),
        lit("sd_of_ln_divisor_n").as("variant"), col("year").as("year_from"), col("year").as("year_to"),
        col("value"), col("n"), col("n_in_scope"), col("complete"),
        when(col("n").lt(2), lit("fewer than 2 provinces: sigma is 0 by construction")).as("note"),
        col("_precedence"));

    // Over the years with a sigma of two or more provinces: the trend and the first/last ratio.
    Dataset<Row> overYears = sigma.filter(col("n").geq(2))
        .groupBy(columns(SERIES))
        .agg(functions.min(col("year")).as("year_from"), functions.max(col("year")).as("year_to"),
            count(lit(1)).as("_years"), functions.min_by(col("value"), col("year")).as("_first"),
            functions.max_by(col("value"), col("year")).as("_last"),
            functions.max_by(col("n_in_scope"), col("year")).as("n_in_scope"),
            functions.bool_and(col("complete")).as("complete"),
            functions.min(col("_precedence")).as("_precedence"),
            functions.array_sort(functions.collect_list(struct(col("year"),
                col("year").cast(DataTypes.DoubleType).as("x"), col("value").as("y")))).as("_pts"))
        .transform(Convergence::withMoments);
    Dataset<Row> ratioRows = overYears.filter(col("_years").geq(2))
        .select(col("scope"), col("indicator"), col("period"), lit(SIGMA_RATIO).as("measure"),
            lit("first_over_last").as("variant"), col("year_from"), col("year_to"),
            Ratios.divide(col("_first"), col("_last")).as("value"), col("_years").as("n"), col("n_in_scope"),
            col("complete"), when(col("_last").equalTo(0), lit("sigma of the last year is 0")).as("note"),
            col("_precedence"));
    Dataset<Row> trendRows = fitted(overYears.filter(col("_years").geq(2)).withColumn("_n", col("_years")), 2)
        .select(col("scope"), col("indicator"), col("period"), lit(SIGMA_TREND).as("measure"),
            lit("ols_on_year").as("variant"), col("year_from"), col("year_to"), col("_slope").as("value"),
            col("std_error"), col("t_stat"), col("p_value"), col("degrees_of_freedom"), col("r_squared"),
            col("_years").as("n"), col("n_in_scope"), col("complete"), col("note"), col("_precedence"));

    Dataset<Row> betaRows = beta(levels, sigma, provinces, givenSpans);
    return sigmaRows.unionByName(ratioRows, true).unionByName(trendRows, true).unionByName(betaRows, true)
        .withColumn("status", Statuses.code(col("_precedence")))
        .drop("_precedence");
  }

  /**
   * The beta regressions: the spans (every {@value #SPAN} years with both ends observed, and the
   * longest between two complete years), each province's two levels, the fits.
   */
  private static Dataset<Row> beta(Dataset<Row> levels, Dataset<Row> sigma, Dataset<Row> provinces,
      List<Span> givenSpans) {
    Dataset<Row> years = sigma.select(col("scope"), col("indicator"), col("period"), col("year"), col("complete"));
    Dataset<Row> rolling = years.as("a").join(years.as("b"), col("a.scope").equalTo(col("b.scope"))
            .and(col("a.indicator").equalTo(col("b.indicator"))).and(col("a.period").equalTo(col("b.period")))
            .and(col("b.year").equalTo(col("a.year").plus(SPAN))))
        .select(col("a.scope").as("scope"), col("a.indicator").as("indicator"), col("a.period").as("period"),
            col("a.year").as("year_from"), col("b.year").as("year_to"), lit(SPAN_5Y).as("variant"));
    Dataset<Row> longest = years.filter(col("complete"))
        .groupBy(columns(SERIES))
        .agg(functions.min(col("year")).as("year_from"), functions.max(col("year")).as("year_to"))
        .filter(col("year_to").gt(col("year_from")))
        .withColumn("variant", lit(LONGEST_COMPLETE_SPAN));
    Dataset<Row> spans = rolling.unionByName(longest);
    for (Span span : givenSpans) {
      Dataset<Row> series = years.filter(col("year").equalTo(span.from())).select(columns(SERIES))
          .join(years.filter(col("year").equalTo(span.to())).select(columns(SERIES)), SERIES);
      spans = spans.unionByName(series.withColumn("year_from", lit(span.from()))
          .withColumn("year_to", lit(span.to())).withColumn("variant", lit(GIVEN_SPAN)));
    }

    Dataset<Row> start = levels.select(col("province_code"), col("region_code"), col("scope"), col("indicator"),
        col("period"), col("year").as("year_from"), col("_ln").as("_ln0"), col("_precedence").as("_p0"));
    Dataset<Row> end = levels.select(col("province_code"), col("scope"), col("indicator"), col("period"),
        col("year").as("year_to"), col("_ln").as("_ln1"), col("_precedence").as("_p1"));
    Column years_ = col("year_to").minus(col("year_from"));
    Dataset<Row> pairs = start
        .join(functions.broadcast(spans), new String[] {"scope", "indicator", "period", "year_from"})
        .join(end, new String[] {"province_code", "scope", "indicator", "period", "year_to"})
        .withColumn("_x", col("_ln0"))
        .withColumn("_y", col("_ln1").minus(col("_ln0")).divide(years_))
        .withColumn("_precedence", functions.least(col("_p0"), col("_p1")));
    String[] spanKeys = {"scope", "indicator", "period", "variant", "year_from", "year_to"};

    Dataset<Row> absolute = fitted(pairs.groupBy(columns(spanKeys))
            .agg(functions.array_sort(functions.collect_list(struct(col("province_code"), col("_x").as("x"),
                    col("_y").as("y")))).as("_pts"),
                functions.min(col("_precedence")).as("_precedence"))
            .transform(Convergence::withMoments), 2)
        .withColumn("measure", lit(BETA));

    // Region dummies: the slope within regions, on values less their region's means; each region's
    // central sums, then their sums over the regions (total Syy = within + between regions).
    Dataset<Row> byRegion = pairs.filter(col("scope").equalTo(Region.NATION))
        .groupBy(regionKeys(spanKeys))
        .agg(functions.array_sort(functions.collect_list(struct(col("province_code"), col("_x").as("x"),
                col("_y").as("y")))).as("_pts"),
            functions.min(col("_precedence")).as("_precedence"))
        .transform(Convergence::withMoments);
    Dataset<Row> conditional = byRegion.groupBy(columns(spanKeys))
        .agg(functions.array_sort(functions.collect_list(struct(col("region_code"), col("_n").as("n"),
                col("_my").as("my"), col("_sxx").as("sxx"), col("_sxy").as("sxy"), col("_syy").as("syy"))))
                .as("_regions_list"),
            functions.min(col("_precedence")).as("_precedence"))
        .withColumn("_regions", functions.size(col("_regions_list")).cast(DataTypes.LongType))
        .withColumn("_n", functions.aggregate(col("_regions_list"), lit(0L), (acc, r) -> acc.plus(r.getField("n"))))
        .withColumn("_sxx", Ratios.sumInOrder(col("_regions_list"), r -> r.getField("sxx")))
        .withColumn("_sxy", Ratios.sumInOrder(col("_regions_list"), r -> r.getField("sxy")))
        .withColumn("_syy_within", Ratios.sumInOrder(col("_regions_list"), r -> r.getField("syy")))
        .withColumn("_my", Ratios.sumInOrder(col("_regions_list"), r -> r.getField("n").multiply(r.getField("my")))
            .divide(col("_n")))
        .withColumn("_syy", col("_syy_within").plus(Ratios.sumInOrder(col("_regions_list"),
            r -> r.getField("n").multiply(r.getField("my").minus(col("_my"))).multiply(r.getField("my").minus(col("_my"))))))
        .withColumn("_slope", Ratios.divide(col("_sxy"), col("_sxx")));
    Dataset<Row> conditionalFit = fittedWithin(conditional).withColumn("measure", lit(BETA_CONDITIONAL));

    Dataset<Row> fits = absolute.unionByName(conditionalFit, true);
    Column beta = col("_slope");
    Column t = years_;
    Column growthFactor = lit(1.0).plus(t.multiply(beta));
    Column lambda = when(growthFactor.gt(0), functions.negate(ln(growthFactor)).divide(t));
    Column halfLife = when(lambda.gt(0), lit(Math.log(2)).divide(lambda));
    Dataset<Row> sized = Scopes.withSizes(fits.withColumn("year", col("year_to")), provinces);
    return sized.select(col("scope"), col("indicator"), col("period"), col("measure"), col("variant"),
        col("year_from"), col("year_to"), beta.as("value"), col("std_error"), col("t_stat"), col("p_value"),
        col("degrees_of_freedom"), col("r_squared"), lambda.as("speed_lambda"), halfLife.as("half_life_years"),
        col("_n").as("n"), col("n_in_scope"), col("_n").geq(col("n_in_scope")).as("complete"),
        functions.coalesce(col("note"), when(beta.isNotNull().and(growthFactor.leq(0)),
            lit("1 + T * beta is not positive: no speed"))).as("note"),
        col("_precedence"));
  }

  private static Column[] regionKeys(String[] spanKeys) {
    Column[] keys = new Column[spanKeys.length + 1];
    for (int i = 0; i < spanKeys.length; i++) {
      keys[i] = col(spanKeys[i]);
    }
    keys[spanKeys.length] = col("region_code");
    return keys;
  }

  /**
   * n, the means and the central sums Sxx, Syy, Sxy of the points in {@code _pts} (structs with x
   * and y, sorted by a key first), two passes in array order, and the slope Sxy / Sxx. Sums in a
   * fixed order give the same bits whatever the partitioning (Spark's own moment aggregates merge
   * partial buffers in the order tasks finish, so a re-run task could change the last bits).
   */
  private static Dataset<Row> withMoments(Dataset<Row> grouped) {
    Column pts = col("_pts");
    Column n = col("_n").cast(DataTypes.DoubleType);
    return grouped
        .withColumn("_n", functions.size(pts).cast(DataTypes.LongType))
        .withColumn("_mx", Ratios.sumInOrder(pts, p -> p.getField("x")).divide(n))
        .withColumn("_my", Ratios.sumInOrder(pts, p -> p.getField("y")).divide(n))
        .withColumn("_sxx", Ratios.sumInOrder(pts, p -> p.getField("x").minus(col("_mx")).multiply(p.getField("x").minus(col("_mx")))))
        .withColumn("_syy", Ratios.sumInOrder(pts, p -> p.getField("y").minus(col("_my")).multiply(p.getField("y").minus(col("_my")))))
        .withColumn("_sxy", Ratios.sumInOrder(pts, p -> p.getField("x").minus(col("_mx")).multiply(p.getField("y").minus(col("_my")))))
        .withColumn("_slope", when(col("_sxx").gt(0), col("_sxy").divide(col("_sxx"))));
  }

  /**
   * Standard error, t, p and R^2 of a simple regression from its sums ({@code _n}, {@code _slope},
   * {@code _sxx}, {@code _syy}, {@code _sxy}) with {@code parameters} fitted.
   */
  private static Dataset<Row> fitted(Dataset<Row> sums, int parameters) {
    Column df = col("_n").minus(parameters);
    Column sse = functions.greatest(col("_syy").minus(col("_slope").multiply(col("_sxy"))), lit(0.0));
    return withInference(sums, df, sse, col("_syy"));
  }

  /** As {@link #fitted}, for the within-region regression: one parameter per region besides the slope. */
  private static Dataset<Row> fittedWithin(Dataset<Row> sums) {
    Column df = col("_n").minus(1).minus(col("_regions"));
    Column sse = functions.greatest(col("_syy_within").minus(col("_slope").multiply(col("_sxy"))), lit(0.0));
    return withInference(sums, df, sse, col("_syy"));
  }

  private static Dataset<Row> withInference(Dataset<Row> sums, Column df, Column sse, Column sst) {
    Column hasDf = df.geq(1).and(col("_sxx").gt(0));
    Column stdError = when(hasDf, sqrt(Ratios.divide(Ratios.divide(sse, df), col("_sxx"))));
    Column tStat = Ratios.divide(col("_slope"), col("std_error"));
    return sums
        .withColumn("_slope", when(col("_sxx").gt(0), col("_slope")))
        .withColumn("degrees_of_freedom", when(df.geq(1), df).cast(DataTypes.LongType))
        .withColumn("std_error", stdError)
        .withColumn("t_stat", when(col("std_error").gt(0), tStat))
        .withColumn("p_value", when(col("t_stat").isNotNull(), P_VALUE.apply(col("t_stat"), col("degrees_of_freedom"))))
        .withColumn("r_squared", when(sst.gt(0).and(col("_slope").isNotNull()), lit(1.0).minus(Ratios.divide(sse, sst))))
        .withColumn("note", when(col("_sxx").isNull().or(col("_sxx").equalTo(0)),
                lit("the initial levels (or years) do not vary: no slope"))
            .when(df.lt(1), lit("too few points for a standard error")));
  }

  private static Column[] columns(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }
}
