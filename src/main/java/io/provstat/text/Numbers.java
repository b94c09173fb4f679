package io.provstat.text;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses numbers as they are written in machine files (decimal point: {@code 1288.99}) and in
 * Vietnamese text (thousands dot, decimal comma: {@code 27.236} is 27236, {@code 0,87} is 0.87,
 * {@code 1.050,5} is 1050.5). Anything else is refused rather than guessed: "27.2" is not a
 * Vietnamese number, and NaN or infinity are not figures.
 */
public final class Numbers {

  private static final Pattern MACHINE = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern VIETNAMESE =
      Pattern.compile("[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");

  private Numbers() {}

  /** Thrown for text that is not a number in the expected convention; the message quotes it. */
  public static final class NumberFormatError extends Exception {
    public NumberFormatError(String message) {
      super(message);
    }
  }

  public static double parseMachine(String text) throws NumberFormatError {
    String t = text == null ? "" : text.strip();
    if (!MACHINE.matcher(t).matches()) {
      throw new NumberFormatError("'" + text + "' is not a number");
    }
    // A nonzero digit before the exponent: the text is not zero, whatever the double became.
    boolean nonZero = t.split("[eE]")[0].chars().anyMatch(c -> c >= '1' && c <= '9');
    return checked(Double.parseDouble(t), nonZero, text);
  }

  /**
   * A double as stored: finite, not silently zero when the text is not (1e-400 underflows to 0),
   * and never -0.0 (it would print, sort and compare apart from 0).
   */
  private static double checked(double value, boolean nonZero, String text) throws NumberFormatError {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      throw new NumberFormatError("'" + text + "' is too large for a number");
    }
    if (value == 0 && nonZero) {
      throw new NumberFormatError("'" + text + "' is too small for a number (it would be stored as 0)");
    }
    return value + 0.0; // -0.0 + 0.0 is 0.0
  }

  /** An exact number as a stored double, refused when it overflows or underflows; {@code text} is for the message. */
  public static double toDouble(BigDecimal value, String text) throws NumberFormatError {
    return checked(value.doubleValue(), value.signum() != 0, text);
  }

  public static double parseVietnamese(String text) throws NumberFormatError {
    return toDouble(parseVietnameseDecimal(text), text);
  }

  /** As {@link #parseVietnamese}, exact, so that unit factors (x1000, x0.001) add no binary noise. */
  public static BigDecimal parseVietnameseDecimal(String text) throws NumberFormatError {
    String t = text == null ? "" : text.strip().replace('\u2212', '-').replace("\u00a0", "");
    if (!VIETNAMESE.matcher(t).matches()) {
      throw new NumberFormatError("'" + text + "' is not a Vietnamese number (thousands '.', decimals ',')");
    }
    return new BigDecimal(t.replace(".", "").replace(',', '.'));
  }
}
