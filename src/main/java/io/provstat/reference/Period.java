package io.provstat.reference;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Period codes: {@code Y} a full year; {@code YTD01}..{@code YTD11} January through that month
 * ("6 tháng đầu năm" is YTD06); {@code Q1}..{@code Q4}; {@code M01}..{@code M12} a single month.
 * Lenient spellings ("ytd6", "M1") are normalised; a cumulative period through December is the year.
 */
public final class Period {

  public static final String YEAR = "Y";
  private static final Pattern FORM = Pattern.compile("(YTD|M|Q)(\\d{1,2})");

  private Period() {}

  /** The canonical code, or empty if the text is not a period. */
  public static Optional<String> normalise(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.equals(YEAR)) {
      return Optional.of(YEAR);
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      return Optional.empty();
    }
    int n = Integer.parseInt(m.group(2));
    switch (m.group(1)) {
      case "Q":
        return n >= 1 && n <= 4 ? Optional.of("Q" + n) : Optional.empty();
      case "M":
        return n >= 1 && n <= 12 ? Optional.of(String.format("M%02d", n)) : Optional.empty();
      default:
        if (n == 12) {
          return Optional.of(YEAR);
        }
        return n >= 1 && n <= 11 ? Optional.of(String.format("YTD%02d", n)) : Optional.empty();
    }
  }
}
