package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
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
 * Table {@code shift_share}: a province's change in a parent indicator split against a reference
 * (its region, or the nation) over the components of a catalogue set (commodities, with the rest
 * as {@code other}, so the components cover the parent).
 *
 * <p>Classic (Dunn), for a year t-1 to t, with E the province's component levels, R the
 * reference's, g growth rates: national effect {@code sum E_i0 * g_R}, industry-mix effect
 * {@code sum E_i0 * (g_Ri - g_R)}, competitive effect {@code sum (dE_i - E_i0 * g_Ri)}; they add up
 * to the actual change {@code sum dE_i}. Esteban-Marquillas splits the competitive effect with the
 * homothetic levels {@code Ê_i0 = E_0 * R_i0 / R_0}: homothetic {@code sum Ê_i0 * (g_i - g_Ri)} and
 * allocation {@code sum (E_i0 - Ê_i0) * (g_i - g_Ri)}. The dynamic variant sums the yearly effects
 * over each run of consecutive years (two or more).
 *
 * <p>The reference is the sum of the provinces of the scope that publish the components that year;
 * {@code reference_provinces} and {@code reference_complete} say how much of the scope that is.
 */
public final class ShiftShare {

  public static final String CLASSIC = "classic";
  public static final String DYNAMIC = "dynamic";

  public static final TableDef OUTPUT = new TableDef("shift_share",
      "Shift-share of a province's change against its region or the nation, over components.",
      new StructType()
          .add("province_code", DataTypes.StringType, false, "GSO province code (or 2025 unit code)")
          .add("reference_scope", DataTypes.StringType, false, "region code, or VN")
          .add("parent_indicator", DataTypes.StringType, false, "the indicator whose change is split")
          .add("component_set", DataTypes.StringType, false, "catalogue component set")
          .add("period", DataTypes.StringType, false, "period code")
          .add("year_from", DataTypes.IntegerType, false, "base year")
          .add("year_to", DataTypes.IntegerType, false, "end year")
          .add("variant", DataTypes.StringType, false, "classic (one year) or dynamic (sum of yearly effects)")
          .add("actual_change", DataTypes.DoubleType, true, "the province's change, in the indicator's unit")
          .add("national_effect", DataTypes.DoubleType, true, "change had it grown as the reference")
          .add("mix_effect", DataTypes.DoubleType, true, "from its component mix")
          .add("competitive_effect", DataTypes.DoubleType, true, "from its components outgrowing the reference's")
          .add("homothetic_effect", DataTypes.DoubleType, true, "Esteban-Marquillas: competitive effect at the reference's mix")
          .add("allocation_effect", DataTypes.DoubleType, true, "Esteban-Marquillas: from specialisation")
          .add("reference_provinces", DataTypes.LongType, true, "provinces in the reference sum (least over the years)")
          .add("reference_complete", DataTypes.BooleanType, true, "the reference covers its whole scope")
          .add("note", DataTypes.StringType, true, "why an effect is missing")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the component levels of the province and of every province of the reference, in the years covered")),
      List.of(),
      List.of("province_code", "reference_scope", "parent_indicator", "component_set", "period", "variant",
          "year_from", "year_to"));

  private ShiftShare() {}

  private static final String[] GROUP = {"reference_scope", "parent_indicator", "component_set", "year", "period"};
  /** A province's series against one reference: every window and aggregation below is within one. */
  private static final String[] SERIES = {"province_code", "reference_scope", "parent_indicator", "component_set",
      "period"};
  private static final String SERIES_HASH = "_reference_series_hash";
  private static final String[] EFFECTS = {"actual_change", "national_effect", "mix_effect", "competitive_effect",
      "homothetic_effect", "allocation_effect"};

  /**
   * @param components component levels per province (from {@link Contributions#byComponentSet}):
   *     scope (the province), year, period, parent_indicator, component_set, component, prev_value, value
   */
  public static Dataset<Row> compute(Dataset<Row> components, Dataset<Row> provinces) {
    Dataset<Row> located = components
        .join(functions.broadcast(provinces.select(col("province_code"), col("region_code"))),
            components.col("scope").equalTo(col("province_code")))
        .drop("scope");
    // A component that is zero in both years adds nothing, and its zero base would blank every rate.
    Dataset<Row> rows = Scopes.explode(located.filter(functions.not(col("prev_value").equalTo(0)
            .and(col("value").equalTo(0)))))
        .withColumnRenamed("scope", "reference_scope");

    // The reference's levels have no province in their keys: a few rows per scope and year, summed
    // by aggregations (partial sums before their shuffle) and broadcast back to the rows.
    Dataset<Row> componentTotals = rows
        .groupBy(col("reference_scope"), col("parent_indicator"), col("component_set"), col("year"), col("period"),
            col("component"))
        .agg(Ratios.sum(col("prev_value")).as("r_i0"), Ratios.sum(col("value")).as("r_i1"));
    Dataset<Row> referenceTotals = rows.groupBy(columns(GROUP))
        .agg(Ratios.sum(col("prev_value")).as("r_0"), Ratios.sum(col("value")).as("r_1"),
            functions.countDistinct(col("province_code")).as("reference_provinces"),
            functions.min(Statuses.precedence(col("status"))).as("_reference_precedence"));
    // Then one shuffle on the province's series: the province's own sum, the yearly effects, the runs
    // of years and the dynamic sums all run on that partitioning.
    Dataset<Row> withReference = rows
        .join(functions.broadcast(componentTotals), new String[] {"reference_scope", "parent_indicator",
            "component_set", "year", "period", "component"})
        .join(functions.broadcast(referenceTotals), GROUP);
    withReference = Windows.withKeyHash(withReference.repartition(columns(SERIES)), SERIES_HASH, SERIES)
        .withColumn("e_0", Ratios.sum(col("prev_value"), Windows.over(SERIES_HASH,
            "province_code", "reference_scope", "parent_indicator", "component_set", "period", "year")));

    Column e0 = col("prev_value");
    Column change = col("value").minus(e0);
    Column gR = Ratios.divide(col("r_1"), col("r_0")).minus(1);
    Column gRi = Ratios.divide(col("r_i1"), col("r_i0")).minus(1);
    Column gI = Ratios.divide(change, e0);
    Column homotheticLevel = Ratios.divide(col("e_0").multiply(col("r_i0")), col("r_0"));
    Dataset<Row> effects = withReference.select(col(SERIES_HASH), col("province_code"), col("reference_scope"),
        col("parent_indicator"), col("component_set"), col("period"), col("year"),
        col("reference_provinces"),
        functions.least(Statuses.precedence(col("status")), col("_reference_precedence")).as("_precedence"),
        change.as("d"),
        e0.multiply(gR).as("n"),
        e0.multiply(gRi.minus(gR)).as("m"),
        change.minus(e0.multiply(gRi)).as("c"),
        homotheticLevel.multiply(gI.minus(gRi)).as("h"),
        e0.minus(homotheticLevel).multiply(gI.minus(gRi)).as("a"),
        // The reference sums are of non-null levels: null only where an exact sum overflowed.
        when(col("r_0").isNull().or(col("r_1").isNull()).or(col("r_i0").isNull()).or(col("r_i1").isNull())
            .or(col("e_0").isNull()), lit(Ratios.OVERFLOW_NOTE))
            .when(col("r_0").equalTo(0), lit("reference's previous level is zero"))
            .when(col("r_i0").equalTo(0), lit("a component's previous reference level is zero"))
            .when(e0.equalTo(0), lit("a component's previous level is zero: no Esteban-Marquillas split"))
            .as("_note"));

    // Sums that stay null when any term is null: a partial sum would pass for a whole effect.
    // Grouped by the series hash too (a function of the keys), in the window's order: no second sort.
    Dataset<Row> yearly = effects.groupBy(col(SERIES_HASH), col("province_code"), col("reference_scope"),
            col("parent_indicator"), col("component_set"), col("period"), col("year"))
        .agg(Ratios.sum(col("d")).as("actual_change"), strictSum("n").as("national_effect"),
            strictSum("m").as("mix_effect"), strictSum("c").as("competitive_effect"),
            strictSum("h").as("homothetic_effect"), strictSum("a").as("allocation_effect"),
            max(col("reference_provinces")).cast(DataTypes.LongType).as("reference_provinces"),
            Statuses.code(min(col("_precedence"))).as("status"),
            overflowFirst(col("_note")).as("_note"))
        .withColumn("note", when(col("actual_change").isNull(), lit(Ratios.OVERFLOW_NOTE)).otherwise(col("_note")))
        .drop("_note");

    Dataset<Row> classic = Scopes.withSizes(yearly.withColumnRenamed("reference_scope", "scope"), provinces)
        .withColumnRenamed("scope", "reference_scope")
        .withColumn("reference_complete", col("reference_provinces").geq(col("n_in_scope")))
        .drop("n_in_scope")
        .withColumn("year_from", col("year").minus(1))
        .withColumn("year_to", col("year"));

    // Both variants from one pass: each run of consecutive years is one group holding its yearly
    // rows (the classic variant) and, from two years on, their sums (the dynamic one). The yearly
    // effects are computed once, not once per variant.
    WindowSpec series = Windows.over(SERIES_HASH, SERIES).orderBy(col("year"));
    Column[] yearlyFields = java.util.Arrays.stream(OUT).filter(c -> !c.equals("variant")).map(functions::col)
        .toArray(Column[]::new);
    List<Column> runSums = new java.util.ArrayList<>();
    runSums.add(functions.collect_list(functions.struct(yearlyFields)).as("_years"));
    runSums.add(min(col("year_from")).as("year_from"));
    runSums.add(max(col("year_to")).as("year_to"));
    for (String effect : EFFECTS) {
      runSums.add(strictSum(effect).as(effect));
    }
    runSums.add(min(col("reference_provinces")).as("reference_provinces"));
    runSums.add(functions.bool_and(col("reference_complete")).as("reference_complete"));
    runSums.add(overflowFirst(col("note")).as("note"));
    runSums.add(Statuses.weakestOfRows().as("status"));
    Dataset<Row> runs = classic
        .withColumn("_run", col("year").minus(row_number().over(series)))
        .groupBy(col("province_code"), col("reference_scope"), col("parent_indicator"), col("component_set"),
            col("period"), col("_run"))
        .agg(runSums.get(0), runSums.subList(1, runSums.size()).toArray(Column[]::new));
    Column dynamicRow = functions.struct(java.util.Arrays.stream(OUT).filter(c -> !c.equals("variant"))
        .map(functions::col).toArray(Column[]::new));
    Column variants = functions.concat(
        functions.transform(col("_years"), year -> withVariant(year, CLASSIC)),
        when(functions.size(col("_years")).geq(2), functions.array(withVariant(dynamicRow, DYNAMIC)))
            .otherwise(functions.array()));
    return runs.select(functions.explode(variants).as("_row")).select(java.util.Arrays.stream(OUT)
        .map(c -> col("_row." + c).as(c)).toArray(Column[]::new));
  }

  private static final String[] OUT = {"province_code", "reference_scope", "parent_indicator", "component_set",
      "period", "year_from", "year_to", "variant", "actual_change", "national_effect", "mix_effect",
      "competitive_effect", "homothetic_effect", "allocation_effect", "reference_provinces", "reference_complete",
      "note", "status"};

  /** A row of the output, labelled with its variant. */
  private static Column withVariant(Column row, String variant) {
    return functions.struct(java.util.Arrays.stream(OUT)
        .map(c -> c.equals("variant") ? lit(variant).as(c) : row.getField(c).as(c)).toArray(Column[]::new));
  }

  private static Column[] columns(String... names) {
    return java.util.Arrays.stream(names).map(functions::col).toArray(Column[]::new);
  }

  /**
   * The note of a group: an overflow wherever it occurred (it blanks the sums), else the largest
   * note, as before.
   */
  private static Column overflowFirst(Column note) {
    return when(max(note.equalTo(Ratios.OVERFLOW_NOTE)), lit(Ratios.OVERFLOW_NOTE)).otherwise(max(note));
  }

  /**
   * sum() that is null when any term is null.
   */
  private static Column strictSum(String column) {
    return when(count(col(column)).equalTo(count(lit(1))), Ratios.sum(col(column)));
  }
}
