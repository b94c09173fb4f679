package io.provstat.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Folds a place name to a matching key, so that the spellings real files use meet: "Tỉnh Sóc Trăng",
 * "Soc Trang", "SÓC  TRĂNG" and "Soc-Trang" all give {@code soctrang}; "Thành phố Hồ Chí Minh" and
 * "Ho Chi Minh city" give {@code hochiminh}.
 *
 * <p>Folding drops diacritics (both the old "Hoà" and the new "Hòa" tone placement), case, spacing and
 * punctuation, a leading administrative prefix (Tỉnh, Thành phố, TP) and a trailing English "province"
 * or "city". The reference data checks at load time that no two places fold to the same key.
 */
public final class NameKey {

  private static final List<List<String>> PREFIXES =
      List.of(List.of("thanh", "pho"), List.of("tinh"), List.of("tp"));
  private static final List<String> SUFFIXES = List.of("province", "city");

  private NameKey() {}

  /** The key of a place name: folded, without administrative prefix or English suffix. */
  public static String of(String name) {
    List<String> tokens = tokens(name);
    for (List<String> prefix : PREFIXES) {
      if (tokens.size() > prefix.size() && tokens.subList(0, prefix.size()).equals(prefix)) {
        tokens = new ArrayList<>(tokens.subList(prefix.size(), tokens.size()));
        break;
      }
    }
    if (tokens.size() > 1 && SUFFIXES.contains(tokens.get(tokens.size() - 1))) {
      tokens.remove(tokens.size() - 1);
    }
    return String.join("", tokens);
  }

  /** Any text folded the same way (diacritics, case, spacing, punctuation), keeping every word. */
  public static String fold(String text) {
    return String.join("", tokens(text));
  }

  private static List<String> tokens(String name) {
    if (name == null) {
      return new ArrayList<>();
    }
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
    StringBuilder ascii = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (c == 'đ' || c == 'Đ') {
        c = 'd';
      }
      ascii.append(c);
    }
    List<String> tokens = new ArrayList<>();
    for (String token : ascii.toString().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }
}
