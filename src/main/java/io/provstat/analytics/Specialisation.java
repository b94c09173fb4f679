package io.provstat.analytics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code specialisation}: what each province specialises in, on annual figures (period Y),
 * in long form (one row per measure and variant).
 *
 * <p>A province's mix in a component set of the catalogue (exports by commodity, by HS heading,
 * goods and services; population by sex or residence) is its named components x_ik and the rest
 * of the parent, other = X_i - sum_k x_ik, as shares s_ik = x_ik / X_i. A scope's (its region's or
 * the nation's) reference mix is summed over its reference provinces: those with a valid mix (parent
 * above zero, no negative part) that report every component some province of the scope reports
 * that year, so that the reference shares s_rk = sum_i x_ik / sum_i X_i add up to 1 ({@code n} of
 * {@code n_in_scope}; {@code complete} as in rankings).
 * <ul>
 *   <li>location_quotient (mix): LQ_ik = s_ik / s_rk (above 1: the province is more specialised in
 *       k than its scope);
 *   <li>location_quotient (population): for an additive indicator y, (y_i / Y) / (p_i / P) over the
 *       provinces of the scope with both figures, p the average population; the same as the
 *       province's figure per person over the scope's;
 *   <li>krugman: K_i = sum_k |s_ik - s_rk| over the parts of the mix, 0 (the scope's own mix) to 2
 *       (nothing in common), against the whole scope (the province included) or the rest of it
 *       (the province's own parts taken out of the reference sums);
 *   <li>hhi: H_i = sum_k s_ik^2 over the parts of the province's own mix, and normalised
 *       (H_i - 1/K) / (1 - 1/K) with K its parts (other counts where the named components leave a
 *       rest); its rows have the province itself as {@code scope}.
 * </ul>
 * A measure a figure makes undefined (a zero reference share, a mix with a negative part, a
 * province missing a component of its scope) is null with the reason in {@code note}.
 *
 * <p>One grouping per scope: each scope's mixes are collected (at most 63 per group), sorted by
 * province code, and every sum runs over that array in that order, so the result is the same however
 * Spark partitions the rows. The components of a mix are sorted by code, so a reference province's
 * k-th component is the scope's k-th: the reference sums are index-aligned, linear in the mix.
 */
public final class Specialisation {

  public static final String LOCATION_QUOTIENT = "location_quotient";
  public static final String KRUGMAN = "krugman";
  public static final String HHI = "hhi";
  /** The component set of the location quotients of a province's share against its population share. */
  public static final String POPULATION_SHARES = "population_shares";
  public static final String OTHER = Contributions.KIND_OTHER;

  static final String MIX_VARIANT = "share of the parent against the scope's share";
  static final String POPULATION_VARIANT = "share of the scope's total against share of its population";
  static final String WHOLE_SCOPE = "against the scope, the province included";
  static final String REST_OF_SCOPE = "against the rest of the scope";
  static final String RAW = "raw";
  static final String NORMALISED = "normalised by the number of parts";

  static final String INVALID_MIX_NOTE = "the named components add up to more than the parent, or a part is"
      + " negative: the mix has no shares";
  static final String ZERO_PARENT_NOTE = "the province's parent level is zero or negative";
  static final String ZERO_REFERENCE_NOTE = "the scope's reference provinces have none of this component";
  static final String NO_REFERENCE_NOTE = "no province of the scope reports every component of its mix";
  static final String NO_REST_NOTE = "no other reference province in the scope";
  static final String ONE_PART_NOTE = "one part: the normalised index is undefined";
  static final String NO_POPULATION_NOTE = "no population figure for the province that year";
  static final String ZERO_TOTAL_NOTE = "the scope's total or population is zero";

  public static final TableDef OUTPUT = new TableDef("specialisation",
      "What each province specialises in, per component set or against population, on annual figures:"
          + " location quotients, Krugman's index and the Herfindahl index of the mix.",
      new StructType()
          .add("scope", DataTypes.StringType, false,
              "what the province is compared with: its region code or VN; the province's own code for hhi")
          .add("province_code", DataTypes.StringType, false, "GSO province code")
          .add("indicator", DataTypes.StringType, false,
              "the parent whose mix is measured, or the indicator whose shares are set against population")
          .add("component_set", DataTypes.StringType, false,
              "catalogue component set, or population_shares for the quotient against population")
          .add("component", DataTypes.StringType, true,
              "component indicator code, or other (the parent's rest); null for measures of the whole mix and"
                  + " for population_shares")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code: Y (annual figures only)")
          .add("measure", DataTypes.StringType, false, "location_quotient, krugman or hhi")
          .add("variant", DataTypes.StringType, false, "what the measure compares: against what, and how normalised")
          .add("value", DataTypes.DoubleType, true, "the measure, unrounded; null when undefined, with the reason in note")
          .add("measure_unit", DataTypes.StringType, false,
              "ratio (location quotient, 1 = as the scope), index_0_2 (Krugman) or index_0_1 (Herfindahl)")
          .add("province_share", DataTypes.DoubleType, true,
              "location quotients: the component's share of the province's parent, or the province's share of"
                  + " the scope's total (a fraction of 1)")
          .add("reference_share", DataTypes.DoubleType, true,
              "location quotients: the component's share of the scope's parent, or the province's share of the"
                  + " scope's population (a fraction of 1)")
          .add("n_parts", DataTypes.LongType, true,
              "parts of the province's mix: its named components, and other where they leave a rest")
          .add("n", DataTypes.LongType, false,
              "provinces in the reference (with the scope's whole mix, or with the figure and a population); 1 for hhi")
          .add("n_in_scope", DataTypes.LongType, false, "provinces the scope held that year; 1 for hhi")
          .add("complete", DataTypes.BooleanType, false, "every province of the scope is in the reference")
          .add("note", DataTypes.StringType, true, "why value is null")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the province's figures measured and, against a scope, those of its reference provinces")),
      List.of("year"),
      List.of("scope", "province_code", "indicator", "component_set", "year", "period", "measure", "variant",
          "component"));

  private Specialisation() {}

  /**
   * @param facts {@link Facts#of} the observations
   * @param provinces the units of the boundaries ({@link ReferenceFrames})
   * @param indicators the catalogue ({@link ReferenceFrames#indicators})
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> provinces, Dataset<Row> indicators) {
    Dataset<Row> annual = facts.filter(col("period").equalTo("Y").and(col("value").isNotNull()))
        .select(col("province_code"), col("region_code"), col("indicator"), col("year"), col("period"),
            col("value"), Statuses.precedence(col("value_status")).as("_precedence"));
    Dataset<Row> mixes = mixes(annual, indicators);
    return againstScopes(mixes, provinces)
        .unionByName(concentration(mixes))
        .unionByName(againstPopulation(annual, provinces, indicators));
  }

  /**
   * Each province's mix per component set and year: its parent level {@code _X}, its named
   * components {@code _parts} (structs of code c and level x, sorted by code), the rest
   * {@code _other}, whether the mix has shares ({@code _valid}) and its weakest status.
   */
  static Dataset<Row> mixes(Dataset<Row> annual, Dataset<Row> indicators) {
    Dataset<Row> components = Catalogue.attach(annual, indicators, "additive", "parent", "component_set")
        .filter(col("parent").isNotNull().and(col("component_set").isNotNull()).and(col("additive")))
        .select(col("province_code"), col("region_code"), col("year"), col("period"), col("parent"),
            col("component_set"), col("indicator").as("component"), col("value"), col("_precedence"));
    Dataset<Row> parents = Catalogue.parentsOnly(annual, indicators)
        .select(col("province_code"), col("year"), col("period"), col("indicator").as("parent"),
            col("value").as("_parent_value"), col("_precedence").as("_parent_precedence"));
    return components.join(parents, new String[] {"province_code", "year", "period", "parent"})
        .groupBy(col("province_code"), col("region_code"), col("parent"), col("component_set"), col("year"),
            col("period"))
        .agg(first(col("_parent_value")).as("_X"), Ratios.sum(col("value")).as("_named"),
            array_sort(collect_list(struct(col("component").as("c"), col("value").as("x")))).as("_parts"),
            least(functions.min(col("_precedence")), functions.min(col("_parent_precedence"))).as("_precedence"))
        // Exact sums: where the components cover the parent, other is 0, not a rounding residue.
        .withColumn("_other", col("_X").minus(col("_named")))
        .withColumn("_valid", coalesce(col("_X").gt(0).and(col("_other").geq(0))
            .and(not(exists(col("_parts"), p -> p.getField("x").lt(0)))), lit(false)))
        .drop("_named");
  }

  /** Location quotients of each part and Krugman's index, against the province's region and the nation. */
  private static Dataset<Row> againstScopes(Dataset<Row> mixes, Dataset<Row> provinces) {
    Column members = col("_m");
    Dataset<Row> groups = Scopes.withSizes(Scopes.explode(mixes), provinces)
        .groupBy(col("scope"), col("parent"), col("component_set"), col("year"), col("period"), col("n_in_scope"))
        .agg(array_sort(collect_list(struct(col("province_code"), col("_X"), col("_other"), col("_parts"),
            col("_valid"), col("_precedence")))).as("_m"));
    Column codes = col("_codes");
    Column reference = col("_ref");
    Column referenceTotal = col("_ref_X");
    Dataset<Row> referenced = groups
        .withColumn("_codes", array_sort(array_distinct(flatten(transform(members,
            m -> transform(m.getField("_parts"), p -> p.getField("c")))))))
        .withColumn("_ref", filter(members, m -> m.getField("_valid")
            .and(size(m.getField("_parts")).equalTo(size(codes)))))
        .withColumn("_ref_X", Ratios.sumInOrder(reference, m -> m.getField("_X")))
        .withColumn("_ref_other", Ratios.sumInOrder(reference, m -> m.getField("_other")))
        // Every reference province has the scope's components in the scope's order: the k-th is the k-th.
        .withColumn("_ref_levels", transform(codes, (c, k) -> Ratios.sumInOrder(reference,
            m -> element_at(m.getField("_parts"), k.plus(1)).getField("x"))))
        .withColumn("_ref_level_map", map_from_arrays(codes, col("_ref_levels")))
        .withColumn("_ref_shares", map_from_arrays(codes, transform(col("_ref_levels"), x -> Ratios.divide(x, referenceTotal))))
        .withColumn("_ref_precedence", functions.array_min(transform(reference, m -> m.getField("_precedence"))))
        .withColumn("n", size(reference).cast(DataTypes.LongType));

    Dataset<Row> provinceRows = referenced.select(col("scope"), col("parent"), col("component_set"), col("year"),
        col("period"), col("n_in_scope"), col("n"), col("_codes"), col("_ref_shares"), col("_ref_level_map"),
        col("_ref_X"), col("_ref_other"), col("_ref_precedence"), explode(members).as("_i"));
    Column mine = col("_i");
    Column inReference = mine.getField("_valid").and(size(mine.getField("_parts")).equalTo(size(codes)));
    Column hasOther = mine.getField("_other").notEqual(0).or(col("_ref_other").notEqual(0));
    // The parts of the province's mix beside the scope's: (code, own share, reference share, the
    // reference sums without the province's own part (for the rest of the scope)).
    Function<Column, Column> ownOut = x -> when(inReference, x).otherwise(lit(0.0));
    Column named = transform(mine.getField("_parts"), p -> struct(p.getField("c").as("c"),
        Ratios.divide(p.getField("x"), mine.getField("_X")).as("s"),
        element_at(col("_ref_shares"), p.getField("c")).as("r"),
        Ratios.divide(element_at(col("_ref_level_map"), p.getField("c")).minus(ownOut.apply(p.getField("x"))),
            referenceTotal.minus(ownOut.apply(mine.getField("_X")))).as("r_rest")));
    Column other = struct(lit(OTHER).as("c"), Ratios.divide(mine.getField("_other"), mine.getField("_X")).as("s"),
        Ratios.divide(col("_ref_other"), referenceTotal).as("r"),
        Ratios.divide(col("_ref_other").minus(ownOut.apply(mine.getField("_other"))),
            referenceTotal.minus(ownOut.apply(mine.getField("_X")))).as("r_rest"));
    Dataset<Row> withParts = provinceRows
        .withColumn("_all", concat(named, when(hasOther, array(other)).otherwise(functions.array())))
        .withColumn("_in_reference", inReference)
        .withColumn("_status", Statuses.code(least(mine.getField("_precedence"), col("_ref_precedence"))));

    Column referenceReason = when(col("n").equalTo(0), lit(NO_REFERENCE_NOTE));
    Column quotients = transform(col("_all"), p -> {
      Column note = coalesce(referenceReason,
          when(coalesce(mine.getField("_X"), lit(0.0)).leq(0), lit(ZERO_PARENT_NOTE)),
          when(p.getField("s").lt(0), lit(INVALID_MIX_NOTE)),
          when(coalesce(p.getField("r"), lit(0.0)).leq(0), lit(ZERO_REFERENCE_NOTE)));
      return struct(p.getField("c").as("component"), lit(LOCATION_QUOTIENT).as("measure"),
          lit(MIX_VARIANT).as("variant"), when(note.isNull(), Ratios.divide(p.getField("s"), p.getField("r"))).as("value"),
          lit("ratio").as("measure_unit"), p.getField("s").as("province_share"), p.getField("r").as("reference_share"),
          note.as("note"));
    });
    Column whyNoKrugman = coalesce(referenceReason,
        when(not(mine.getField("_valid")), lit(INVALID_MIX_NOTE)),
        when(not(col("_in_reference")), functions.concat(lit("the province reports "),
            size(mine.getField("_parts")).cast(DataTypes.StringType), lit(" of the "),
            size(codes).cast(DataTypes.StringType), lit(" components its scope reports"))));
    Column krugman = Ratios.sumInOrder(col("_all"), p -> abs(p.getField("s").minus(p.getField("r"))));
    Column krugmanRest = Ratios.sumInOrder(col("_all"), p -> abs(p.getField("s").minus(p.getField("r_rest"))));
    Column indices = array(
        struct(lit(null).cast(DataTypes.StringType).as("component"), lit(KRUGMAN).as("measure"),
            lit(WHOLE_SCOPE).as("variant"), when(whyNoKrugman.isNull(), krugman).as("value"),
            lit("index_0_2").as("measure_unit"), lit(null).cast(DataTypes.DoubleType).as("province_share"),
            lit(null).cast(DataTypes.DoubleType).as("reference_share"), whyNoKrugman.as("note")),
        struct(lit(null).cast(DataTypes.StringType).as("component"), lit(KRUGMAN).as("measure"),
            lit(REST_OF_SCOPE).as("variant"),
            when(whyNoKrugman.isNull().and(col("n").gt(1)), krugmanRest).as("value"),
            lit("index_0_2").as("measure_unit"), lit(null).cast(DataTypes.DoubleType).as("province_share"),
            lit(null).cast(DataTypes.DoubleType).as("reference_share"),
            coalesce(whyNoKrugman, when(col("n").leq(1), lit(NO_REST_NOTE))).as("note")));
    return withParts
        .select(col("scope"), mine.getField("province_code").as("province_code"), col("parent").as("indicator"),
            col("component_set"), col("year"), col("period"),
            size(col("_all")).cast(DataTypes.LongType).as("n_parts"), col("n"), col("n_in_scope"), col("_status"),
            explode(concat(quotients, indices)).as("_r"))
        .select(col("scope"), col("province_code"), col("indicator"), col("component_set"),
            col("_r.component").as("component"), col("year"), col("period"), col("_r.measure").as("measure"),
            col("_r.variant").as("variant"), col("_r.value").cast(DataTypes.DoubleType).as("value"),
            col("_r.measure_unit").as("measure_unit"), col("_r.province_share").as("province_share"),
            col("_r.reference_share").as("reference_share"),
            when(col("_r.measure").equalTo(KRUGMAN), col("n_parts")).as("n_parts"), col("n"), col("n_in_scope"),
            col("n").geq(col("n_in_scope")).as("complete"), col("_r.note").cast(DataTypes.StringType).as("note"),
            col("_status").as("status"));
  }

  /** The Herfindahl index of each province's own mix, raw and normalised. */
  private static Dataset<Row> concentration(Dataset<Row> mixes) {
    Column parts = col("_shares");
    Column hhi = Ratios.sumInOrder(parts, s -> pow(s, 2));
    Column k = size(parts).cast(DataTypes.DoubleType);
    Column inverse = Ratios.divide(lit(1.0), k);
    Dataset<Row> shares = mixes.withColumn("_shares", concat(
        transform(col("_parts"), p -> Ratios.divide(p.getField("x"), col("_X"))),
        when(col("_other").notEqual(0), array(Ratios.divide(col("_other"), col("_X")))).otherwise(functions.array())));
    Column whyNot = when(not(col("_valid")), lit(INVALID_MIX_NOTE));
    return shares.select(col("province_code").as("scope"), col("province_code"), col("parent").as("indicator"),
            col("component_set"), lit(null).cast(DataTypes.StringType).as("component"), col("year"), col("period"),
            explode(array(
                struct(lit(RAW).as("variant"), when(whyNot.isNull(), hhi).as("value"), whyNot.as("note")),
                struct(lit(NORMALISED).as("variant"), when(whyNot.isNull().and(size(parts).gt(1)),
                    Ratios.divide(hhi.minus(inverse), lit(1.0).minus(inverse))).as("value"),
                    coalesce(whyNot, when(size(parts).leq(1), lit(ONE_PART_NOTE))).as("note")))).as("_r"),
            size(parts).cast(DataTypes.LongType).as("n_parts"), Statuses.code(col("_precedence")).as("status"))
        .select(col("scope"), col("province_code"), col("indicator"), col("component_set"), col("component"),
            col("year"), col("period"), lit(HHI).as("measure"), col("_r.variant").as("variant"),
            col("_r.value").cast(DataTypes.DoubleType).as("value"), lit("index_0_1").as("measure_unit"),
            lit(null).cast(DataTypes.DoubleType).as("province_share"),
            lit(null).cast(DataTypes.DoubleType).as("reference_share"), col("n_parts"), lit(1L).as("n"),
            lit(1L).as("n_in_scope"), lit(true).as("complete"), col("_r.note").cast(DataTypes.StringType).as("note"),
            col("status"));
  }

  /**
   * Each province's share of its scope's total of an additive indicator against its share of the
   * scope's population, over the provinces with both figures.
   */
  private static Dataset<Row> againstPopulation(Dataset<Row> annual, Dataset<Row> provinces, Dataset<Row> indicators) {
    Dataset<Row> population = annual.filter(col("indicator").equalTo(Disparities.POPULATION))
        .select(col("province_code"), col("year"), col("value").as("p"), col("_precedence").as("_pp"));
    // Population and its breakdowns are what the others are set against, not figures to set against it.
    Dataset<Row> figures = Catalogue.attach(annual, indicators, "additive")
        .filter(coalesce(col("additive"), lit(false)).and(not(col("indicator").startsWith(Disparities.POPULATION))))
        .join(functions.broadcast(population), new String[] {"province_code", "year"}, "left");
    Dataset<Row> groups = Scopes.withSizes(Scopes.explode(figures), provinces)
        .groupBy(col("scope"), col("indicator"), col("year"), col("period"), col("n_in_scope"))
        .agg(array_sort(collect_list(struct(col("province_code"), col("value").as("y"), col("p"),
            least(col("_precedence"), col("_pp")).as("_precedence")))).as("_m"));
    Column withBoth = col("_both");
    Dataset<Row> totals = groups
        .withColumn("_both", filter(col("_m"), m -> m.getField("p").isNotNull()))
        .withColumn("_Y", Ratios.sumInOrder(withBoth, m -> m.getField("y")))
        .withColumn("_P", Ratios.sumInOrder(withBoth, m -> m.getField("p")))
        .withColumn("_ref_precedence", functions.array_min(transform(withBoth, m -> m.getField("_precedence"))))
        .withColumn("n", size(withBoth).cast(DataTypes.LongType));
    Column mine = col("_i");
    Column share = Ratios.divide(mine.getField("y"), col("_Y"));
    Column populationShare = Ratios.divide(mine.getField("p"), col("_P"));
    return totals.select(col("scope"), col("indicator"), col("year"), col("period"), col("n_in_scope"), col("n"),
            col("_Y"), col("_P"), col("_ref_precedence"), explode(col("_m")).as("_i"))
        .select(col("scope"), mine.getField("province_code").as("province_code"), col("indicator"),
            lit(POPULATION_SHARES).as("component_set"), lit(null).cast(DataTypes.StringType).as("component"),
            col("year"), col("period"), lit(LOCATION_QUOTIENT).as("measure"), lit(POPULATION_VARIANT).as("variant"),
            Ratios.divide(share, populationShare).cast(DataTypes.DoubleType).as("value"), lit("ratio").as("measure_unit"),
            when(mine.getField("p").isNotNull(), share).as("province_share"), populationShare.as("reference_share"),
            lit(null).cast(DataTypes.LongType).as("n_parts"), col("n"), col("n_in_scope"),
            col("n").geq(col("n_in_scope")).as("complete"),
            when(mine.getField("p").isNull(), lit(NO_POPULATION_NOTE))
                .when(col("_Y").equalTo(0).or(col("_P").equalTo(0)).or(populationShare.equalTo(0)),
                    lit(ZERO_TOTAL_NOTE)).cast(DataTypes.StringType).as("note"),
            Statuses.code(least(mine.getField("_precedence"), col("_ref_precedence"))).as("status"));
  }
}
