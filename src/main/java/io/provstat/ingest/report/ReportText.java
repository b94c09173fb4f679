package io.provstat.ingest.report;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's text cut into tokens that keep their character offsets in the original text. Words
 * are folded (lower case, no diacritics, đ as d) so that phrase matching ignores case and both tone
 * placements ("hoá", "hóa"); folding maps each character to one, so offsets stay exact.
 */
final class ReportText {

  enum Kind { WORD, NUMBER, PUNCT, NEWLINE }

  /** One token: {@code key} is the folded word, the number as written, or the punctuation character. */
  record Token(Kind kind, String key, int start, int end) {}

  /** A Vietnamese number: thousands '.', decimals ','. */
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?");

  private final String text;
  private final List<Token> tokens;
  private final int[] lineStarts;

  ReportText(String text) {
    this.text = text;
    this.tokens = tokenize(text);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  String text() {
    return text;
  }

  List<Token> tokens() {
    return tokens;
  }

  /** The 1-based line of a character offset. */
  int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** The tokens of a phrase, folded as text is; "{n}" and "{year}" stay placeholders. */
  static List<String> phraseKeys(String phrase) {
    List<String> keys = new ArrayList<>();
    String p = phrase.replace("{n}", " \u0001n ").replace("{year}", " \u0001year ");
    for (Token t : tokenize(p)) {
      keys.add(t.key());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equals("\u0001") && i + 1 < keys.size()) {
        out.add("{" + keys.get(++i) + "}");
      } else {
        out.add(keys.get(i));
      }
    }
    return out;
  }

  static char fold(char c) {
    if (c == 'đ' || c == 'Đ') {
      return 'd';
    }
    if (c < 0x80) {
      return Character.toLowerCase(c);
    }
    String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    return Character.toLowerCase(d.charAt(0));
  }

  private static boolean isMark(char c) {
    return Character.getType(c) == Character.NON_SPACING_MARK;
  }

  static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    Matcher number = NUMBER.matcher(text);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.add(new Token(Kind.NEWLINE, "\n", i, i + 1));
        i++;
      } else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\ufeff') {
        i++;
      } else if (Character.isLetter(c)) {
        int start = i;
        StringBuilder key = new StringBuilder();
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || isMark(text.charAt(i)))) {
          if (!isMark(text.charAt(i))) {
            key.append(fold(text.charAt(i)));
          }
          i++;
        }
        out.add(new Token(Kind.WORD, key.toString().toLowerCase(Locale.ROOT), start, i));
      } else if (Character.isDigit(c)) {
        number.region(i, n);
        number.lookingAt();
        int end = number.end();
        // A number glued to a letter ("a1389090", "28122020.jpg") is part of a name, not a figure.
        if (end < n && Character.isLetter(text.charAt(end))) {
          int start = i;
          while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
          }
          out.add(new Token(Kind.WORD, text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
        } else {
          out.add(new Token(Kind.NUMBER, text.substring(i, end), i, end));
          i = end;
        }
      } else if (c == '\u0001') {
        out.add(new Token(Kind.PUNCT, "\u0001", i, i + 1));
        i++;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return out;
  }
}
