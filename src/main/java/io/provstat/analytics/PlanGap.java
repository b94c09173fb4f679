package io.provstat.analytics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Table {@code plan_gap}: each target a province set for an indicator and year, against what it
 * achieved.
 *
 * <p>The plan is the published one, or derived from the published attainment ("vượt 0,87% kế
 * hoạch" is attainment 100.87 %, so plan = actual / 1.0087: {@code plan_basis =
 * derived_from_attainment}). Attainment is computed as {@code 100 * actual / plan} where both are
 * published, else taken as reported. A growth target ("tăng 12%/16% kế hoạch") is compared with
 * the actual growth in points. A plan with no actual yet (next year's target) is set against the
 * previous year's level: {@code implied_growth_pct}. {@code verdict} is {@code exceeded}, {@code met}
 * (within the tolerance, in points) or {@code missed}, judged on attainment where there is one,
 * else on the growth target. {@code status} says how final the figures judged are.
 */
public final class PlanGap {

  public static final double DEFAULT_TOLERANCE_PP = 0.5;

  public static final String EXCEEDED = "exceeded";
  public static final String MET = "met";
  public static final String MISSED = "missed";

  public static final TableDef OUTPUT = new TableDef("plan_gap",
      "Targets against results per province, indicator and year: attainment, gaps and verdict.",
      new StructType()
          .add("province_code", DataTypes.StringType, false, "GSO province code (or 2025 unit code)")
          .add("province_name", DataTypes.StringType, true, "Vietnamese name")
          .add("region_code", DataTypes.StringType, true, "region of the province")
          .add("year", DataTypes.IntegerType, false, "year of the target")
          .add("period", DataTypes.StringType, false, "period code")
          .add("indicator", DataTypes.StringType, false, "indicator code")
          .add("actual", DataTypes.DoubleType, true, "the level achieved (or estimated)")
          .add("actual_status", DataTypes.StringType, true, "final, preliminary or estimate: the status of the actual level as published")
          .add("plan", DataTypes.DoubleType, true, "the target level")
          .add("plan_basis", DataTypes.StringType, true, "reported or derived_from_attainment")
          .add("attainment_pct", DataTypes.DoubleType, true, "100 * actual / plan")
          .add("attainment_basis", DataTypes.StringType, true, "computed or reported")
          .add("attainment_reported_pct", DataTypes.DoubleType, true, "attainment as published")
          .add("gap_abs", DataTypes.DoubleType, true, "actual - plan, in the indicator's unit")
          .add("gap_pct", DataTypes.DoubleType, true, "attainment - 100, points")
          .add("growth_pct", DataTypes.DoubleType, true, "actual growth on the previous year")
          .add("growth_target_pct", DataTypes.DoubleType, true, "planned growth")
          .add("growth_gap_pp", DataTypes.DoubleType, true, "actual minus planned growth, points")
          .add("base_value", DataTypes.DoubleType, true, "previous year's level, the base of the plan")
          .add("implied_growth_pct", DataTypes.DoubleType, true, "100 * (plan / base_value - 1)")
          .add("verdict", DataTypes.StringType, true, "exceeded, met or missed; null with no result yet")
          .add("verdict_basis", DataTypes.StringType, true,
              "what the verdict is judged on: attainment, or growth_target where there is no attainment")
          .add("note", DataTypes.StringType, true, "why a figure is missing")
          .add("status", DataTypes.StringType, true, Statuses.describe(
              "the figures of the row: actual, plan (or the attainment it is derived from), reported attainment,"
                  + " growth, growth target and base_value")),
      List.of(),
      List.of("province_code", "indicator", "year", "period"));

  private PlanGap() {}

  static Column verdict(Column gapPoints, double tolerance) {
    return when(gapPoints.isNull(), lit(null).cast(DataTypes.StringType))
        .when(abs(gapPoints).leq(tolerance), lit(MET))
        .when(gapPoints.gt(0), lit(EXCEEDED))
        .otherwise(lit(MISSED));
  }

  /** Attainment computed from a published plan, else as reported: unrounded, on facts. */
  static Column attainment() {
    return coalesce(computedAttainment(), col("attainment_reported_pct"));
  }

  /** The status of {@link #attainment}: the weaker of actual and plan, or the reported attainment's. */
  static Column attainmentStatus() {
    return when(computedAttainment().isNotNull(), Statuses.weakest(col("value_status"), col("plan_status")))
        .otherwise(col("attainment_reported_status"));
  }

  private static Column computedAttainment() {
    return when(col("plan").isNotNull(), Ratios.pct(col("value"), col("plan")));
  }

  public static Dataset<Row> compute(Dataset<Row> facts, double tolerance) {
    Column actual = col("value");
    Column reportedPlan = col("plan");
    Column derivedPlan = Ratios.divide(actual.multiply(100), col("attainment_reported_pct"));
    Column plan = coalesce(reportedPlan, derivedPlan);
    Column planBasis = when(reportedPlan.isNotNull(), lit(Basis.REPORTED))
        .when(derivedPlan.isNotNull(), lit(Basis.DERIVED_FROM_ATTAINMENT));
    Column computedAttainment = computedAttainment();
    Column attainment = attainment();
    Column growth = Growth.best();
    Column growthGap = growth.minus(col("plan_growth_reported_pct"));
    // Stored unrounded; the verdict is judged on the figures as printed (2 decimals), so a status never
    // disagrees with the gap a reader sees.
    Column gapPoints = attainment.minus(100);
    Column growthPoints = growthGap;
    Column judgedGap = Ratios.asPrinted(Ratios.asPrinted(attainment).minus(100));
    Column judgedGrowthGap = Ratios.asPrinted(growthGap);
    Column base = when(actual.isNull(), col("prev_value"));
    Column planStatus = when(reportedPlan.isNotNull(), col("plan_status"))
        .when(derivedPlan.isNotNull(), Statuses.weakest(col("value_status"), col("attainment_reported_status")));
    Column status = Statuses.weakest(col("value_status"), planStatus, col("attainment_reported_status"),
        when(growth.isNotNull(), Growth.bestStatus()), col("plan_growth_reported_status"),
        when(base.isNotNull(), col("prev_value_status")));
    Column note = when(plan.isNull().and(col("attainment_reported_pct").isNotNull()),
            lit("attainment reported without a level: the plan cannot be derived"))
        .when(plan.isNull(), lit("no plan level: only a growth target"))
        .when(actual.isNull(), lit("no result yet: target set against the previous year's level"))
        .when(reportedPlan.equalTo(0), lit("plan is zero"));
    return facts
        .filter(col("plan").isNotNull().or(col("attainment_reported_pct").isNotNull())
            .or(col("plan_growth_reported_pct").isNotNull()))
        .select(
            col("province_code"), col("province_name"), col("region_code"), col("year"), col("period"),
            col("indicator"),
            actual.as("actual"), col("value_status").as("actual_status"),
            plan.as("plan"), planBasis.as("plan_basis"),
            attainment.as("attainment_pct"),
            when(computedAttainment.isNotNull(), lit(Basis.COMPUTED))
                .when(attainment.isNotNull(), lit(Basis.REPORTED)).as("attainment_basis"),
            col("attainment_reported_pct").as("attainment_reported_pct"),
            actual.minus(plan).as("gap_abs"),
            gapPoints.as("gap_pct"),
            growth.as("growth_pct"),
            col("plan_growth_reported_pct").as("growth_target_pct"),
            growthPoints.as("growth_gap_pp"),
            base.as("base_value"),
            Ratios.growthPct(plan, base).as("implied_growth_pct"),
            coalesce(verdict(judgedGap, tolerance), verdict(judgedGrowthGap, tolerance)).as("verdict"),
            when(gapPoints.isNotNull(), lit("attainment"))
                .when(growthPoints.isNotNull(), lit("growth_target")).as("verdict_basis"),
            note.as("note"),
            status.as("status"));
  }
}
