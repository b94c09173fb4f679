package io.provstat.analytics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Guarded arithmetic shared by the analytics. Spark 4 runs with ANSI mode on, where a division by
 * zero raises; every ratio here goes through {@code try_divide}, so a zero or missing denominator
 * gives null, and the caller writes a reason beside it.
 */
public final class Ratios {

  private Ratios() {}

  /** a / b, or null when b is zero or either is null. */
  public static Column divide(Column a, Column b) {
    return try_divide(a, b);
  }

  /** 100 * (a / b - 1): growth of a over b in percent, null when b is zero or missing. */
  public static Column growthPct(Column a, Column b) {
    return divide(a, b).minus(1).multiply(100);
  }

  /** 100 * a / b: a as a percentage of b. */
  public static Column pct(Column a, Column b) {
    return divide(a, b).multiply(100);
  }

  /**
   * Sum of a double column that does not depend on the order Spark adds the rows in: floating-point
   * addition is not associative, so a plain sum differs in its last bits between a local run and a
   * cluster run with other partitions. Summed as exact decimals (12 places), then back to double.
   * (Millionths of the unit as a long were tried for speed and rejected: previous levels derived
   * from growth have full precision, and the DuckDB cross-check of the benchmark caught the
   * rounding in region totals.)
   */
  public static Column sum(Column values) {
    return org.apache.spark.sql.functions.sum(values.cast(EXACT)).cast(DataTypes.DoubleType);
  }

  /** {@link #sum} over a window. */
  public static Column sum(Column values, org.apache.spark.sql.expressions.WindowSpec window) {
    return org.apache.spark.sql.functions.sum(values.cast(EXACT)).over(window).cast(DataTypes.DoubleType);
  }

  private static final org.apache.spark.sql.types.DecimalType EXACT = DataTypes.createDecimalType(38, 12);

  /** Percentages leave the analytics rounded half-up to two decimals, and only there. */
  public static Column out(Column pct) {
    return round(pct, 2);
  }

  /** Why a ratio of a over b is null, or null when it is not. */
  public static Column whyNull(Column b, String what) {
    return when(b.isNull(), lit("no " + what)).when(b.equalTo(0), lit(what + " is zero"));
  }
}
