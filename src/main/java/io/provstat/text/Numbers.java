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
    return finite(Double.parseDouble(t), text);
  }

  private static double finite(double value, String text) throws NumberFormatError {
    if (Double.isInfinite(value)) {
      throw new NumberFormatError("'" + text + "' is too large for a number");
    }
    return value;
  }

  public static double parseVietnamese(String text) throws NumberFormatError {
    return finite(parseVietnameseDecimal(text).doubleValue(), text);
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
