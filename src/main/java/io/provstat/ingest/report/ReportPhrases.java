package io.provstat.ingest.report;

import io.provstat.ingest.report.ReportText.Kind;
import io.provstat.ingest.report.ReportText.Token;
import io.provstat.reference.Indicator;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Region;
import io.provstat.reference.ResourceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The phrase lists of {@value #RESOURCE} (indicator names, units, qualifiers, cue words, periods),
 * plus the province and region names of the reference data, matched longest-first on folded tokens.
 */
final class ReportPhrases {

  static final String RESOURCE = "/io/provstat/ingest/report_phrases.csv";

  enum PhraseKind {
    INDICATOR, COMPONENT, UNIT, ESTIMATE, QUALIFIER, GROWTH, CONTINUATION, EXCEED, ATTAIN, PLAN, PLAN_REF,
    YOY_REF, YOY_REF_YEAR, PERIOD, YEAR, NOT_YEAR, PRICE_BASIS, TARGET_HEADER, LIST, RANK, FILLER, CONJUNCTION,
    // from the reference data, not the phrase file
    PROVINCE, REGION
  }

  /** One phrase: its folded tokens, and what it means. */
  record Phrase(PhraseKind kind, List<String> keys, String value, String extra, String text) {}

  /** A phrase found at token {@code start}; {@code number} is the placeholder's value, if any. */
  record Match(Phrase phrase, int start, int end, Integer number) {
    PhraseKind kind() {
      return phrase.kind();
    }
  }

  private static volatile ReportPhrases instance;

  private final Map<String, List<Phrase>> byFirstKey = new HashMap<>();
  private final Map<String, List<Phrase>> placeholderFirst = new HashMap<>();

  /** The bundled phrases plus more rows in the same format (how a user's extension is tried out). */
  static ReportPhrases with(List<ResourceTable.Row> extra) {
    List<ResourceTable.Row> rows = new ArrayList<>(ResourceTable.load(RESOURCE));
    rows.addAll(extra);
    return new ReportPhrases(rows);
  }

  static ReportPhrases get() {
    ReportPhrases local = instance;
    if (local == null) {
      synchronized (ReportPhrases.class) {
        local = instance;
        if (local == null) {
          local = new ReportPhrases(ResourceTable.load(RESOURCE));
          instance = local;
        }
      }
    }
    return local;
  }

  private ReportPhrases(List<ResourceTable.Row> rows) {
    ReferenceData ref = ReferenceData.get();
    Set<String> indicators = new java.util.HashSet<>(ref.indicators().stream().map(Indicator::code).toList());
    for (ResourceTable.Row row : rows) {
      PhraseKind kind;
      try {
        kind = PhraseKind.valueOf(row.required("kind").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw row.error("unknown kind '" + row.get("kind") + "'");
      }
      if (kind == PhraseKind.PROVINCE || kind == PhraseKind.REGION) {
        throw row.error("places come from the reference data, not from " + RESOURCE);
      }
      String value = row.get("value");
      String extra = row.get("extra");
      switch (kind) {
        case INDICATOR -> checkIndicator(row, indicators, value);
        case COMPONENT -> {
          checkIndicator(row, indicators, value);
          checkIndicator(row, indicators, extra);
        }
        case UNIT -> {
          try {
            new BigDecimal(extra);
          } catch (NumberFormatException e) {
            throw row.error("factor '" + extra + "' is not a number");
          }
        }
        case GROWTH, CONTINUATION -> {
          if (!value.equals("+1") && !value.equals("-1")) {
            throw row.error("growth direction must be +1 or -1, not '" + value + "'");
          }
        }
        default -> {
          // no value to check
        }
      }
      add(new Phrase(kind, ReportText.phraseKeys(row.required("phrase")), value, extra, row.get("phrase")));
    }
    for (Province p : ref.provinces()) {
      List<String> names = new ArrayList<>(List.of(p.nameVi()));
      for (String alias : p.aliases()) {
        // Two- and three-letter capitals (HN, TTH) are too often something else in running text.
        if (!alias.matches("[A-Z]{1,3}")) {
          names.add(alias);
        }
      }
      for (String name : names) {
        add(new Phrase(PhraseKind.PROVINCE, ReportText.phraseKeys(name), p.gsoCode(), null, name));
      }
    }
    for (Region r : ref.regions()) {
      List<String> names = new ArrayList<>(List.of(r.nameVi()));
      names.addAll(r.aliases());
      for (String name : names) {
        add(new Phrase(PhraseKind.REGION, ReportText.phraseKeys(name), r.code(), null, name));
      }
    }
  }

  private static void checkIndicator(ResourceTable.Row row, Set<String> indicators, String code) {
    if (!indicators.contains(code)) {
      throw row.error("'" + code + "' is not in the indicator catalogue");
    }
  }

  private void add(Phrase phrase) {
    if (phrase.keys().isEmpty()) {
      return;
    }
    String first = phrase.keys().get(0);
    Map<String, List<Phrase>> index = first.startsWith("{") ? placeholderFirst : byFirstKey;
    index.computeIfAbsent(first.startsWith("{") ? "" : first, k -> new ArrayList<>()).add(phrase);
  }

  /** The longest phrase starting at token {@code at} that does not cross a line break, or null. */
  Match longest(List<Token> tokens, int at) {
    Token first = tokens.get(at);
    List<Phrase> candidates = new ArrayList<>();
    if (first.kind() == Kind.NUMBER) {
      candidates.addAll(placeholderFirst.getOrDefault("", List.of()));
    } else {
      candidates.addAll(byFirstKey.getOrDefault(first.key(), List.of()));
    }
    Match best = null;
    for (Phrase p : candidates) {
      Match m = matchAt(p, tokens, at);
      if (m != null && (best == null || m.end() > best.end())) {
        best = m;
      }
    }
    return best;
  }

  private static Match matchAt(Phrase p, List<Token> tokens, int at) {
    Integer number = null;
    int i = at;
    for (String key : p.keys()) {
      if (i >= tokens.size()) {
        return null;
      }
      Token t = tokens.get(i);
      if (key.equals("{n}") || key.equals("{year}")) {
        if (t.kind() != Kind.NUMBER || !t.key().matches("\\d{1,4}")) {
          return null;
        }
        int v = Integer.parseInt(t.key());
        if (key.equals("{year}") ? (t.key().length() != 4 || v < 1900 || v > 2100) : (v < 1 || v > 12)) {
          return null;
        }
        number = v;
      } else if (t.kind() == Kind.NEWLINE || !t.key().equals(key)) {
        return null;
      }
      i++;
    }
    return new Match(p, at, i, number);
  }
}
