package io.provstat.query;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a stored figure is shown. Tables keep full precision; wherever a figure is printed (sql
 * output, digests, exports) it is rounded here, half-up on the decimal value as printed: the
 * double's shortest decimal form ({@code 0.625} shows as {@code 0.63}, although the binary value
 * behind {@code 0.615} lies below it and a binary half-up would print {@code 0.61} for the second
 * and get the first right by luck).
 */
public final class Display {

  /** Decimals shown by default: percentages and points are published to two. */
  public static final int DEFAULT_DECIMALS = 2;

  /** The option that changes it, and its value for no rounding. */
  public static final String DECIMALS_OPTION = "--decimals";
  public static final String FULL = "full";

  /** No rounding: every digit a double holds (for programs that do their own arithmetic). */
  public static final int FULL_PRECISION = -1;

  private Display() {}

  /** Parses a {@link #DECIMALS_OPTION} value: 0..15, or {@link #FULL}; null when it is neither. */
  public static Integer parseDecimals(String text) {
    if (FULL.equalsIgnoreCase(text)) {
      return FULL_PRECISION;
    }
    try {
      int decimals = Integer.parseInt(text.trim());
      return decimals >= 0 && decimals <= 15 ? decimals : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value rounded half-up to {@code decimals} on its printed form; unchanged for FULL_PRECISION. */
  public static double round(double value, int decimals) {
    if (decimals == FULL_PRECISION || Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  /**
   * The value as text with exactly {@code decimals} decimals (no exponent, no grouping), e.g.
   * {@code 16.37}, {@code -2.10}, {@code 1200000.00}; its shortest form for FULL_PRECISION.
   */
  public static String fixed(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (decimals == FULL_PRECISION) {
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().replaceFirst("^-0$", "0");
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    // -0.001 rounds to -0.00: shown as 0.00, as a reader expects.
    return rounded.signum() == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() : rounded.toPlainString();
  }

  /** {@link #fixed} with a sign always shown, for changes: {@code +1.94}, {@code -2.10}, {@code 0.00}. */
  public static String signed(double value, int decimals) {
    String shown = fixed(value, decimals);
    return shown.startsWith("-") || shown.matches("0(\\.0*)?") || !Character.isDigit(shown.charAt(0))
        ? shown : "+" + shown;
  }
}
