package io.provstat.ingest;

import io.provstat.reference.ResourceTable;
import io.provstat.text.Numbers;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a quantity as Vietnamese text writes it, "27.236 tỷ đồng", "1,05 tỷ USD", "97,5%", into a
 * value in a canonical unit (27236 bn_vnd, 1050 mn_usd, 97.5 pct). Unit phrases come from the
 * resource {@value #UNITS_RESOURCE}, which users can extend.
 */
public final class Quantities {

  public static final String UNITS_RESOURCE = "/io/provstat/ingest/units.csv";

  /** A value and its canonical unit; unit is null when the text gave none. */
  public record Quantity(double value, String unit) {}

  private record Phrase(String key, String unit, BigDecimal factor) {}

  private static final List<Phrase> PHRASES = loadPhrases();

  private Quantities() {}

  public static Quantity parse(String text) throws Numbers.NumberFormatError {
    String t = normalise(text);
    int end = 0;
    while (end < t.length() && "0123456789.,+-\u2212".indexOf(t.charAt(end)) >= 0) {
      end++;
    }
    String number = t.substring(0, end);
    String rest = t.substring(end).strip();
    BigDecimal value = Numbers.parseVietnameseDecimal(number);
    if (rest.isEmpty()) {
      return new Quantity(Numbers.toDouble(value, text), null);
    }
    for (Phrase phrase : PHRASES) {
      if (rest.equals(phrase.key())) {
        return new Quantity(Numbers.toDouble(value.multiply(phrase.factor()), text), phrase.unit());
      }
    }
    throw new Numbers.NumberFormatError("unknown unit '" + rest + "' in '" + text + "'");
  }

  private static String normalise(String text) {
    String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
    return t.replace('\u00a0', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static List<Phrase> loadPhrases() {
    List<Phrase> phrases = new ArrayList<>();
    for (ResourceTable.Row row : ResourceTable.load(UNITS_RESOURCE)) {
      phrases.add(new Phrase(normalise(row.required("phrase")), row.required("unit"),
          new BigDecimal(row.required("factor"))));
    }
    phrases.sort(Comparator.comparingInt((Phrase p) -> p.key().length()).reversed());
    return List.copyOf(phrases);
  }
}
