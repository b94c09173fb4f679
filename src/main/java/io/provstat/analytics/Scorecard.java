package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.provstat.warehouse.TableDef;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Table {@code scorecard}: per province and year, the targets met out of the targets judged. */
public final class Scorecard {

  public static final TableDef OUTPUT = new TableDef("scorecard",
      "Per province and year: targets judged, met (or exceeded) and missed.",
      new StructType()
          .add("province_code", DataTypes.StringType, false, "GSO province code (or 2025 unit code)")
          .add("province_name", DataTypes.StringType, true, "Vietnamese name")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("targets_set", DataTypes.LongType, false, "targets with a result to judge")
          .add("targets_met", DataTypes.LongType, false, "met or exceeded")
          .add("targets_exceeded", DataTypes.LongType, false, "exceeded beyond the tolerance")
          .add("targets_missed", DataTypes.LongType, false, "missed beyond the tolerance")
          .add("targets_pending", DataTypes.LongType, false, "targets without a result yet")
          .add("met_pct", DataTypes.DoubleType, true, "100 * met / set")
          .add("status", DataTypes.StringType, true, Statuses.describe("the figures of the province's targets that year")),
      List.of(),
      List.of("province_code", "year", "period"));

  private Scorecard() {}

  public static Dataset<Row> compute(Dataset<Row> planGap) {
    return planGap.groupBy(col("province_code"), col("year"), col("period"))
        .agg(first(col("province_name")).as("province_name"),
            count(col("verdict")).as("targets_set"),
            count(when(col("verdict").isin(PlanGap.MET, PlanGap.EXCEEDED), 1)).as("targets_met"),
            count(when(col("verdict").equalTo(PlanGap.EXCEEDED), 1)).as("targets_exceeded"),
            count(when(col("verdict").equalTo(PlanGap.MISSED), 1)).as("targets_missed"),
            sum(when(col("verdict").isNull(), 1).otherwise(0)).cast(DataTypes.LongType).as("targets_pending"),
            Statuses.weakestOfRows().as("status"))
        .withColumn("met_pct", Ratios.pct(col("targets_met"), col("targets_set")));
  }
}
