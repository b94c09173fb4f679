package io.provstat.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * When a value provstat wrote agrees with the oracle's. Pure functions, unit-tested.
 *
 * <p>Unrounded doubles agree within {@link #TOLERANCE} relative (absolute below magnitude 1, where
 * a relative bound means nothing: an {@code other} row is a difference of two large sums).
 * provstat stores every figure unrounded, so no comparison rounds; {@link #round2} is the rounding
 * plan_gap's verdict is judged on (the oracle's round2 macro is tested against it).
 */
final class Agreement {

  static final double TOLERANCE = 1e-9;

  private Agreement() {}

  /** Spark's round(x, 2) on a double: half-up on the double's shortest decimal form (plan_gap's verdict). */
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

  /** Exact agreement of anything else (strings, booleans, whole numbers of any width). */
  static boolean exact(Object provstat, Object oracle) {
    if (provstat instanceof Number a && oracle instanceof Number b
        && !(a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float)) {
      return a.longValue() == b.longValue();
    }
    return Objects.equals(provstat, oracle);
  }
}
