package io.provstat.analytics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Region;
import io.provstat.warehouse.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code disparities}: how unequal the provinces of a scope are on an indicator in a year,
 * by the measures regional economists use, in long form (one row per measure and variant).
 *
 * <p>Over the provinces with a figure ({@code n} of {@code n_in_scope}; {@code complete} as in
 * rankings). With y_i the figure of province i, weights w_i are 1/n (unweighted) or p_i/P
 * (population_weighted: p_i the province's average population that year, indicator
 * {@code population}, period Y; only where every province with a figure has one), and
 * mu = sum w_i y_i:
 * <ul>
 *   <li>gini: 1 - sum_i w_i (L_{i-1} + L_i) over the provinces sorted by y, each with its own
 *       weight, L_i the cumulative share sum_{j<=i} w_j y_j / mu (unweighted: sum_ij |y_i - y_j| / (2 n^2 mu));
 *   <li>theil_t: sum w_i (y_i/mu) ln(y_i/mu); theil_l (mean log deviation): sum w_i ln(mu/y_i);
 *       for the nation also between regions g (W_g = sum_{i in g} w_i, mu_g their weighted mean):
 *       T_B = sum W_g (mu_g/mu) ln(mu_g/mu), L_B = sum W_g ln(mu/mu_g), and within:
 *       T_W = sum W_g (mu_g/mu) T_g, L_W = sum W_g L_g (T_g, L_g over region g with weights w_i/W_g);
 *   <li>cv: sqrt(sum (y_i - mu)^2 / n) / mu (divisor n); williamson: the same with weights p_i/P;
 *   <li>hoover: 0.5 sum |y_i/Y - p_i/P| (against population) or |y_i/Y - 1/n| (unweighted), Y = sum y_i;
 *   <li>atkinson: 1 - (sum (1/n) (y_i/mu)^0.5)^2 (epsilon 0.5), 1 - exp(sum (1/n) ln y_i) / mu (epsilon 1);
 *   <li>hhi (additive indicators): H = sum (y_i/Y)^2 and (H - 1/n) / (1 - 1/n);
 *   <li>max_min_ratio: max y / min y.
 * </ul>
 * A measure a figure makes undefined (a log of a value <= 0, a negative share, a zero mean,
 * missing population) is null with the reason in {@code note}.
 *
 * <p>One grouping: each scope's figures are collected (at most 63 per group), sorted by province
 * code, and every sum runs over that array in that order, so the result is the same however Spark
 * partitions the rows; the Gini sorts the array by value once more, each value keeping its weight.
 */
public final class Disparities {

  /** The indicator whose figures weight the others. */
  public static final String POPULATION = "population";

  public static final String UNWEIGHTED = "unweighted";
  public static final String POPULATION_WEIGHTED = "population_weighted";

  static final String LOG_NOTE = "a value is zero or negative: the logarithm is undefined";
  static final String NEGATIVE_NOTE = "a value is negative: the measure needs non-negative figures";
  static final String ZERO_MEAN_NOTE = "the mean is zero";
  static final String ZERO_MIN_NOTE = "the smallest value is zero";
  static final String ONE_PROVINCE_NOTE = "one province: the normalised index is undefined";
  static final String ZERO_POPULATION_NOTE = "the population of the provinces with a figure adds up to zero";

  public static final TableDef OUTPUT = new TableDef("disparities",
      "Inequality among the provinces of each scope, per indicator, year and period: one row per measure and variant.",
      new StructType()
          .add("scope", DataTypes.StringType, false, "region code, or VN for the nation")
          .add("indicator", DataTypes.StringType, false, "indicator code: the measures are over its levels")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("measure", DataTypes.StringType, false,
              "gini, theil_t, theil_l (mean log deviation), cv, williamson, hoover, atkinson, hhi or max_min_ratio")
          .add("variant", DataTypes.StringType, false,
              "weights (unweighted or population_weighted), then what else tells the variant apart: divisor n,"
                  + " natural log with component total, between regions or within regions, epsilon, raw or normalised")
          .add("value", DataTypes.DoubleType, true, "the measure, unrounded; null when undefined, with the reason in note")
          .add("measure_unit", DataTypes.StringType, false,
              "index_0_1 (0 = equal), index_natural_log (Theil, 0 = equal, in nats) or ratio")
          .add("n", DataTypes.LongType, false, "provinces with a figure, which the measure is over")
          .add("n_with_population", DataTypes.LongType, false, "of those, provinces with a population figure that year")
          .add("n_in_scope", DataTypes.LongType, false, "provinces the scope held that year")
          .add("complete", DataTypes.BooleanType, false, "every province of the scope has a figure")
          .add("note", DataTypes.StringType, true, "why value is null")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the figures measured (and, for population_weighted variants, of their population figures)")),
      List.of("year"),
      List.of("scope", "indicator", "year", "period", "measure", "variant"));

  private Disparities() {}

  /** How the provinces are weighted: a weight per element of the figures array, and when it can be. */
  private record Weights(String name, String prefix, Function<Column, Column> weight, Column usable, Column whyNot) {}

  /** One measure's row, before it is exploded. */
  private record Measure(String measure, String variant, Column value, String unit, boolean nationalOnly,
      Column[] guards) {

    /**
     * The measure as a struct: its value where every guard holds, else null with the first failed
     * guard's reason; {@code emitted} says whether the group has the measure at all.
     */
    Column row(Column emitted) {
      Column holds = lit(true);
      Column note = null;
      for (int i = 0; i < guards.length; i += 2) {
        Column guard = coalesce(guards[i], lit(false));
        holds = holds.and(guard);
        note = note == null ? when(not(guard), guards[i + 1]) : note.when(not(guard), guards[i + 1]);
      }
      return struct(lit(measure).as("measure"), lit(variant).as("variant"),
          when(holds, value).cast(DataTypes.DoubleType).as("value"), lit(unit).as("measure_unit"),
          (note == null ? lit(null) : note).cast(DataTypes.StringType).as("note"),
          lit(nationalOnly).as("national_only"), emitted.as("emitted"));
    }
  }

  /** Guards (condition, reason, condition, reason, ...) of several groups, in order. */
  private static Column[] guards(Column[]... groups) {
    List<Column> out = new ArrayList<>();
    for (Column[] g : groups) {
      out.addAll(List.of(g));
    }
    return out.toArray(Column[]::new);
  }

  private static Column[] guard(Column... conditionAndReason) {
    return conditionAndReason;
  }

  /**
   * @param facts {@link Facts#of} the observations
   * @param provinces the units of the boundaries ({@link ReferenceFrames})
   * @param indicators the catalogue ({@link ReferenceFrames#indicators})
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces, Dataset<Row> indicators) {
    Dataset<Row> population = facts
        .filter(col("indicator").equalTo(POPULATION).and(col("period").equalTo("Y")).and(col("value").isNotNull()))
        .select(col("province_code"), col("year"), col("value").as("_pop"),
            Statuses.precedence(col("value_status")).as("_pop_precedence"));
    Dataset<Row> figures = Catalogue.attach(facts.filter(col("value").isNotNull())
            .select(col("province_code"), col("region_code"), col("indicator"), col("year"), col("period"),
                col("value"), Statuses.precedence(col("value_status")).as("_precedence")), indicators, "additive")
        // A few rows per province and year: broadcast, so the figures are not shuffled for it.
        .join(functions.broadcast(population), new String[] {"province_code", "year"}, "left")
        .withColumn("_additive", coalesce(col("additive"), lit(false)));
    Dataset<Row> groups = Scopes.withSizes(Scopes.explode(figures), provinces)
        .groupBy(col("scope"), col("indicator"), col("year"), col("period"), col("n_in_scope"), col("_additive"))
        .agg(array_sort(collect_list(struct(col("province_code"), col("region_code"), col("value").as("y"),
            col("_pop").as("p")))).as("_p"),
            functions.min(col("_precedence")).as("_y_precedence"),
            functions.min(col("_pop_precedence")).as("_p_precedence"));

    Column figuresArray = col("_p");
    Dataset<Row> scalars = groups
        .withColumn("_n", size(figuresArray).cast(DataTypes.LongType))
        .withColumn("_n_pop", size(filter(figuresArray, x -> x.getField("p").isNotNull())).cast(DataTypes.LongType))
        .withColumn("_total", sum(figuresArray, x -> x.getField("y")))
        .withColumn("_pop_total", when(col("_n_pop").equalTo(col("_n")), sum(figuresArray, x -> x.getField("p"))))
        .withColumn("_min", array_min(transform(figuresArray, x -> x.getField("y"))))
        .withColumn("_max", array_max(transform(figuresArray, x -> x.getField("y"))))
        .withColumn("_by_value", array_sort(transform(figuresArray, x -> struct(x.getField("y").as("y"),
            x.getField("province_code").as("province_code"), x.getField("region_code").as("region_code"),
            x.getField("p").as("p")))))
        .withColumn("_regions", array_sort(array_distinct(transform(figuresArray, x -> x.getField("region_code")))));

    Weights unweighted = new Weights(UNWEIGHTED, "_u", x -> Ratios.divide(lit(1.0), col("_n").cast(DataTypes.DoubleType)),
        lit(true), lit(null).cast(DataTypes.StringType));
    Weights weighted = new Weights(POPULATION_WEIGHTED, "_w", x -> Ratios.divide(x.getField("p"), col("_pop_total")),
        col("_n_pop").equalTo(col("_n")).and(col("_pop_total").gt(0)),
        when(col("_n_pop").lt(col("_n")), concat(lit("population is missing for "),
            col("_n").minus(col("_n_pop")).cast(DataTypes.StringType), lit(" of the "),
            col("_n").cast(DataTypes.StringType), lit(" provinces with a figure")))
            .otherwise(lit(ZERO_POPULATION_NOTE)));

    Dataset<Row> measured = scalars;
    List<Measure> measures = new ArrayList<>();
    for (Weights w : List.of(unweighted, weighted)) {
      measured = withWeightedMeasures(measured, w);
      measures.addAll(weightedMeasures(w));
    }
    measured = measured
        .withColumn("_hoover_pop", lit(0.5).multiply(sum(figuresArray, x -> abs(
            Ratios.divide(x.getField("y"), col("_total")).minus(weighted.weight().apply(x))))))
        .withColumn("_hoover_u", lit(0.5).multiply(sum(figuresArray, x -> abs(
            Ratios.divide(x.getField("y"), col("_total")).minus(unweighted.weight().apply(x))))))
        .withColumn("_atkinson_05", lit(1.0).minus(pow(sum(figuresArray, x -> unweighted.weight().apply(x)
            .multiply(sqrt(Ratios.divide(x.getField("y"), col("_u_mean"))))), 2)))
        .withColumn("_atkinson_1", lit(1.0).minus(Ratios.divide(exp(sum(figuresArray,
            x -> unweighted.weight().apply(x).multiply(log(x.getField("y"))))), col("_u_mean"))))
        .withColumn("_hhi", sum(figuresArray, x -> pow(Ratios.divide(x.getField("y"), col("_total")), 2)))
        .withColumn("_hhi_norm", Ratios.divide(col("_hhi").minus(unweighted.weight().apply(null)),
            lit(1.0).minus(unweighted.weight().apply(null))));

    Column nonNegative = col("_min").geq(0);
    Column positive = col("_min").gt(0);
    Column totalPositive = col("_total").gt(0);
    Column[] weightsKnown = guard(weighted.usable(), weighted.whyNot());
    Column[] sharesDefined = guard(nonNegative, lit(NEGATIVE_NOTE), totalPositive, lit(ZERO_MEAN_NOTE));
    measures.add(new Measure("hoover", POPULATION_WEIGHTED + "; against population shares", col("_hoover_pop"),
        "index_0_1", false, guards(weightsKnown, sharesDefined)));
    measures.add(new Measure("hoover", UNWEIGHTED + "; against equal shares", col("_hoover_u"), "index_0_1", false,
        sharesDefined));
    measures.add(new Measure("atkinson", UNWEIGHTED + "; epsilon 0.5", col("_atkinson_05"), "index_0_1", false,
        guard(nonNegative, lit(NEGATIVE_NOTE), col("_u_mean").gt(0), lit(ZERO_MEAN_NOTE))));
    measures.add(new Measure("atkinson", UNWEIGHTED + "; epsilon 1", col("_atkinson_1"), "index_0_1", false,
        guard(positive, lit(LOG_NOTE))));
    measures.add(new Measure("max_min_ratio", UNWEIGHTED, Ratios.divide(col("_max"), col("_min")), "ratio", false,
        guard(nonNegative, lit(NEGATIVE_NOTE), positive, lit(ZERO_MIN_NOTE))));
    List<Measure> additiveOnly = List.of(
        new Measure("hhi", UNWEIGHTED + "; raw", col("_hhi"), "index_0_1", false, sharesDefined),
        new Measure("hhi", UNWEIGHTED + "; normalised", col("_hhi_norm"), "index_0_1", false,
            guards(sharesDefined, guard(col("_n").gt(1), lit(ONE_PROVINCE_NOTE)))));

    List<Column> rows = new ArrayList<>();
    for (Measure m : measures) {
      rows.add(m.row(lit(true)));
    }
    for (Measure m : additiveOnly) {
      rows.add(m.row(col("_additive")));
    }
    return measured
        .select(col("scope"), col("indicator"), col("year"), col("period"), col("_n").as("n"),
            col("_n_pop").as("n_with_population"), col("n_in_scope"), col("_y_precedence"), col("_p_precedence"),
            explode(array(rows.toArray(Column[]::new))).as("_m"))
        .filter(col("_m.emitted").and(not(col("_m.national_only")).or(col("scope").equalTo(Region.NATION))))
        .select(col("scope"), col("indicator"), col("year"), col("period"), col("_m.measure").as("measure"),
            col("_m.variant").as("variant"), col("_m.value").as("value"), col("_m.measure_unit").as("measure_unit"),
            col("n"), col("n_with_population"), col("n_in_scope"), col("n").geq(col("n_in_scope")).as("complete"),
            col("_m.note").as("note"),
            // The figures' weakest status, and the population's too where it weights them.
            Statuses.code(when(col("_m.variant").startsWith(POPULATION_WEIGHTED),
                functions.least(col("_y_precedence"), col("_p_precedence"))).otherwise(col("_y_precedence")))
                .as("status"));
  }

  /** The mean, Gini, Theil T and L (with their regional components), and CV under one weighting. */
  private static Dataset<Row> withWeightedMeasures(Dataset<Row> rows, Weights w) {
    String p = w.prefix();
    Column figures = col("_p");
    Column mean = col(p + "_mean");
    Function<Column, Column> ratio = x -> Ratios.divide(x.getField("y"), mean);
    StructType cumulative = new StructType().add("l", DataTypes.DoubleType, true).add("acc", DataTypes.DoubleType, true);
    Dataset<Row> withMean = rows.withColumn(p + "_mean",
        when(w.usable(), sum(figures, x -> w.weight().apply(x).multiply(x.getField("y")))));
    return withMean
        .withColumn(p + "_gini", lit(1.0).minus(aggregate(col("_by_value"),
            struct(lit(0.0).as("l"), lit(0.0).as("acc")).cast(cumulative),
            (acc, x) -> {
              Column l = acc.getField("l").plus(Ratios.divide(w.weight().apply(x).multiply(x.getField("y")), mean));
              return struct(l.as("l"), acc.getField("acc").plus(w.weight().apply(x)
                  .multiply(acc.getField("l").plus(l))).as("acc"));
            },
            acc -> acc.getField("acc"))))
        .withColumn(p + "_theil_t", sum(figures, x -> w.weight().apply(x).multiply(ratio.apply(x))
            .multiply(log(ratio.apply(x)))))
        .withColumn(p + "_theil_l", sum(figures, x -> w.weight().apply(x).multiply(log(Ratios.divide(mean,
            x.getField("y"))))))
        .withColumn(p + "_cv", Ratios.divide(sqrt(sum(figures, x -> w.weight().apply(x)
            .multiply(pow(x.getField("y").minus(mean), 2)))), mean))
        // Each region's weight and weighted mean, then its own Theil T and L about that mean.
        .withColumn(p + "_region_means", transform(col("_regions"), r -> {
          Column members = filter(figures, x -> x.getField("region_code").equalTo(r));
          Column weight = sum(members, w.weight());
          return struct(r.as("region"), weight.as("w"),
              Ratios.divide(sum(members, x -> w.weight().apply(x).multiply(x.getField("y"))), weight).as("mean"));
        }))
        .withColumn(p + "_region_stats", transform(col(p + "_region_means"), g -> {
          Column members = filter(figures, x -> x.getField("region_code").equalTo(g.getField("region")));
          Function<Column, Column> share = x -> Ratios.divide(w.weight().apply(x), g.getField("w"));
          Function<Column, Column> within = x -> Ratios.divide(x.getField("y"), g.getField("mean"));
          return struct(g.getField("w").as("w"), g.getField("mean").as("mean"),
              sum(members, x -> share.apply(x).multiply(within.apply(x)).multiply(log(within.apply(x)))).as("t"),
              sum(members, x -> share.apply(x).multiply(log(Ratios.divide(g.getField("mean"), x.getField("y")))))
                  .as("l"));
        }))
        .withColumn(p + "_theil_t_between", sum(col(p + "_region_stats"), g -> g.getField("w")
            .multiply(Ratios.divide(g.getField("mean"), mean)).multiply(log(Ratios.divide(g.getField("mean"), mean)))))
        .withColumn(p + "_theil_t_within", sum(col(p + "_region_stats"), g -> g.getField("w")
            .multiply(Ratios.divide(g.getField("mean"), mean)).multiply(g.getField("t"))))
        .withColumn(p + "_theil_l_between", sum(col(p + "_region_stats"), g -> g.getField("w")
            .multiply(log(Ratios.divide(mean, g.getField("mean"))))))
        .withColumn(p + "_theil_l_within", sum(col(p + "_region_stats"), g -> g.getField("w").multiply(g.getField("l"))));
  }

  private static List<Measure> weightedMeasures(Weights w) {
    String p = w.prefix();
    Column mean = col(p + "_mean");
    Column[] weights = guard(w.usable(), w.whyNot());
    Column[] logs = guards(weights, guard(col("_min").gt(0), lit(LOG_NOTE)));
    List<Measure> out = new ArrayList<>();
    out.add(new Measure("gini", w.name(), col(p + "_gini"), "index_0_1", false,
        guards(weights, guard(col("_min").geq(0), lit(NEGATIVE_NOTE), mean.gt(0), lit(ZERO_MEAN_NOTE)))));
    for (String theil : List.of("theil_t", "theil_l")) {
      for (String component : List.of("total", "between regions", "within regions")) {
        String suffix = component.equals("total") ? "" : "_" + component.substring(0, component.indexOf(' '));
        out.add(new Measure(theil, w.name() + "; natural log; " + component, col(p + "_" + theil + suffix),
            "index_natural_log", !component.equals("total"), logs));
      }
    }
    boolean unweighted = w.name().equals(UNWEIGHTED);
    out.add(new Measure(unweighted ? "cv" : "williamson", w.name() + (unweighted ? "; divisor n" : "; weights p_i/P"),
        col(p + "_cv"), "ratio", false, guards(weights, guard(mean.gt(0), lit(ZERO_MEAN_NOTE)))));
    return out;
  }

  private static Column sum(Column array, Function<Column, Column> term) {
    return Ratios.sumInOrder(array, term);
  }
}
