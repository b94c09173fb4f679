package io.provstat.analytics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
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
   *
   * <p>Overflow-safe: a term outside the exact range ({@link #EXACT_LIMIT}) or a total that
   * overflows it makes the sum null, never an exception (under ANSI mode a plain cast or sum
   * raises), and never a partial sum that would pass for the whole: callers write
   * {@link #OVERFLOW_NOTE} beside it. Ingest refuses such magnitudes, but a warehouse may be older
   * or hand-written.
   */
  public static Column sum(Column values) {
    Column exact = exact(values);
    return when(count(values).equalTo(count(exact)), try_sum(exact)).cast(DataTypes.DoubleType);
  }

  /** {@link #sum} over a window. */
  public static Column sum(Column values, org.apache.spark.sql.expressions.WindowSpec window) {
    Column exact = exact(values);
    return when(count(values).over(window).equalTo(count(exact).over(window)), try_sum(exact).over(window))
        .cast(DataTypes.DoubleType);
  }

  private static final org.apache.spark.sql.types.DecimalType EXACT = DataTypes.createDecimalType(38, 12);

  /** Decimal(38, 12) holds 26 integer digits: |x| below this casts, anything else (NaN, infinity) does not. */
  public static final double EXACT_LIMIT = 1e26;

  /** Why a figure built on a sum is null when the sum left the exact range. */
  public static final String OVERFLOW_NOTE =
      "a sum is beyond the exact range (10^26): an implausible stored value, see the observations";

  /** The value as an exact decimal, or null when it does not fit (a guarded cast: ANSI casts raise). */
  private static Column exact(Column values) {
    return when(abs(values).lt(EXACT_LIMIT), values.cast(EXACT));
  }

  /**
   * A percentage as it is printed (half-up, two decimals), for verdicts that must agree with the
   * printed figure. Tables store full precision: rounding for display happens only where a figure
   * is shown (sql output, exports, notebooks, digests).
   */
  public static Column asPrinted(Column pct) {
    return round(pct, 2);
  }

  /**
   * Sum of term(x) over the elements of an array column, in the array's order: with the array
   * sorted, the same bits on every run however Spark partitioned the rows it was collected from.
   */
  public static Column sumInOrder(Column array, java.util.function.Function<Column, Column> term) {
    return functions.aggregate(array, lit(0.0), (acc, x) -> acc.plus(term.apply(x)));
  }

  /** Why a ratio of a over b is null, or null when it is not. */
  public static Column whyNull(Column b, String what) {
    return when(b.isNull(), lit("no " + what)).when(b.equalTo(0), lit(what + " is zero"));
  }
}
