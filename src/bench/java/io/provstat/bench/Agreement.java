package io.provstat.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * When a value provstat wrote agrees with the oracle's. Pure functions, unit-tested.
 *
 * <p>Unrounded doubles agree within {@link #TOLERANCE} relative (absolute below magnitude 1, where
 * a relative bound means nothing: an {@code other} row is a difference of two large sums).
 *
 * <p>Percentages provstat rounds at output (half-up, 2 decimals, {@code Ratios.out}); the oracle
 * leaves them unrounded and they are compared after the same rounding, exactly. A rounded value may
 * still differ by one unit in the last place when the two engines' unrounded values straddle a
 * rounding boundary (…xx5) by their last bits: that is accepted only when the oracle's unrounded
 * value lies within {@link #TOLERANCE} of such a boundary, and counted as a boundary case.
 */
final class Agreement {

  static final double TOLERANCE = 1e-9;

  enum Outcome { EQUAL, AT_BOUNDARY, DIFFERENT }

  private Agreement() {}

  /** Spark's round(x, 2) on a double: half-up on the double's shortest decimal form. */
  static double round2(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  /** Two unrounded doubles (either may be null). */
  static boolean close(Double provstat, Double oracle) {
    if (provstat == null || oracle == null) {
      return provstat == null && oracle == null;
    }
    double a = provstat;
    double b = oracle;
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b) == 0;
    }
    return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }

  /** A value provstat rounded to 2 decimals against the oracle's unrounded one. */
  static Outcome rounded(Double provstatRounded, Double oracleUnrounded) {
    if (provstatRounded == null || oracleUnrounded == null) {
      return provstatRounded == null && oracleUnrounded == null ? Outcome.EQUAL : Outcome.DIFFERENT;
    }
    double expected = round2(oracleUnrounded);
    if (Double.compare(expected, provstatRounded) == 0 || expected == provstatRounded) {
      return Outcome.EQUAL;
    }
    boolean oneUnit = Math.abs(expected - provstatRounded) <= 0.01 + 1e-12 * Math.max(1.0, Math.abs(expected));
    return oneUnit && nearBoundary(oracleUnrounded) ? Outcome.AT_BOUNDARY : Outcome.DIFFERENT;
  }

  /** Whether x is within the tolerance of a half-way point between two 2-decimal values. */
  static boolean nearBoundary(double x) {
    double hundredths = x * 100;
    double boundary = Math.floor(hundredths) + 0.5;
    double distance = Math.abs(hundredths - boundary) / 100;
    return distance <= TOLERANCE * Math.max(1.0, Math.abs(x));
  }

  /** Exact agreement of anything else (strings, booleans, whole numbers of any width). */
  static boolean exact(Object provstat, Object oracle) {
    if (provstat instanceof Number a && oracle instanceof Number b
        && !(a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float)) {
      return a.longValue() == b.longValue();
    }
    return Objects.equals(provstat, oracle);
  }
}
