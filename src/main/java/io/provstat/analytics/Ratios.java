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
   * cluster run with other partitions. Each value is taken in millionths of its unit as a whole
   * number, the whole numbers are added exactly (a long; ANSI mode fails loudly on overflow, past
   * 9.2e12 units), and the total is turned back into the unit. Published figures carry a few
   * decimals at most, so the millionths lose nothing; and a long sum is an order of magnitude
   * cheaper than the decimal(38, 12) sum used before, whose big-decimal additions showed in profiles.
   */
  public static Column sum(Column values) {
    return org.apache.spark.sql.functions.sum(millionths(values)).divide(MILLION);
  }

  /** {@link #sum} over a window. */
  public static Column sum(Column values, org.apache.spark.sql.expressions.WindowSpec window) {
    return org.apache.spark.sql.functions.sum(millionths(values)).over(window).divide(MILLION);
  }

  private static final double MILLION = 1e6;

  /**
   * An order-independent sum of computed values (ratios, effects) that millionths would round: as
   * exact decimals with 12 places, then back to double. Slower than {@link #sum}; for smaller data.
   */
  public static Column preciseSum(Column values) {
    return org.apache.spark.sql.functions.sum(values.cast(PRECISE)).cast(DataTypes.DoubleType);
  }

  private static final org.apache.spark.sql.types.DecimalType PRECISE = DataTypes.createDecimalType(38, 12);

  private static Column millionths(Column values) {
    return round(values.multiply(MILLION), 0).cast(DataTypes.LongType);
  }

  /** Percentages leave the analytics rounded half-up to two decimals, and only there. */
  public static Column out(Column pct) {
    return round(pct, 2);
  }

  /** Why a ratio of a over b is null, or null when it is not. */
  public static Column whyNull(Column b, String what) {
    return when(b.isNull(), lit("no " + what)).when(b.equalTo(0), lit(what + " is zero"));
  }
}
