package io.provstat.ingest.report;

import io.provstat.ingest.report.ReportPhrases.Match;
import io.provstat.ingest.report.ReportPhrases.PhraseKind;
import io.provstat.ingest.report.ReportText.Kind;
import io.provstat.ingest.report.ReportText.Token;
import io.provstat.reference.Indicator;
import io.provstat.reference.Measure;
import io.provstat.reference.Period;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Status;
import io.provstat.reference.Units;
import io.provstat.text.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the quantified statements of a narrative provincial report: a pure function from the text
 * to statements, each with the exact quote and its character offsets.
 *
 * <p>A statement is an indicator name followed, through allowed words only (qualifiers, fillers,
 * periods, the report's own province, parentheses), by figures: a level with its unit, a percentage
 * whose cue and reference say what it measures ("tăng X% so cùng kỳ", "đạt X% kế hoạch", "vượt X%
 * kế hoạch", "tăng X%/Y% kế hoạch"), a plan ("/KH giao N", "(theo kế hoạch N)") or a rank ("đứng
 * thứ N vùng ..."). Any other word ends the statement, and a number that cannot be tied to an
 * indicator, a measure and a period produces nothing: a missed figure costs recall, a wrong one
 * would cost trust. All words come from {@value ReportPhrases#RESOURCE}.
 *
 * <p>Province and year are read from the text unless given: the province is the one named most
 * (at least twice as often as any other); the year is the one every figure-bearing sentence agrees
 * on ("năm 2022", "so với năm 2021" = 2022, "kế hoạch năm 2017"). When either cannot be told, the
 * extraction says why and yields nothing: it never guesses.
 */
public final class ReportExtractor {

  /** First-line marker of a report whose figures are invented (demo and test data). */
  public static final String SYNTHETIC_MARKER = "[synthetic]";

  /** One figure read from the report; offsets are into the text given, quote is text[start, end). */
  public record Statement(String indicator, String measure, String period, int year, double value,
      String unit, String status, String scope, int quoteStart, int quoteEnd, String quote, int line) {}

  /** Why a report yields nothing. */
  public enum Problem { PROVINCE_UNDETERMINED, YEAR_UNDETERMINED }

  /**
   * The result: when {@code problem} is set, {@code statements} is empty and {@code message} says
   * why. {@code nonBlankLines} and {@code figureLines} (lines where a quote starts) are for the
   * per-file accounting.
   */
  public record Extraction(String provinceCode, Integer year, List<Statement> statements, Problem problem,
      String message, int nonBlankLines, Set<Integer> figureLines) {}

  private ReportExtractor() {}

  /** Whether a report marks itself as invented: its first line starts with {@value #SYNTHETIC_MARKER}. */
  public static boolean isSynthetic(String text) {
    String t = text.startsWith("\ufeff") ? text.substring(1) : text;
    int eol = t.indexOf('\n');
    String firstLine = (eol < 0 ? t : t.substring(0, eol)).strip();
    return firstLine.regionMatches(true, 0, SYNTHETIC_MARKER, 0, SYNTHETIC_MARKER.length());
  }

  /** Whether a text mentions any indicator of the phrase file (a cheap test that it is a report). */
  public static boolean mentionsIndicator(String text) {
    ReportPhrases phrases = ReportPhrases.get();
    List<Token> tokens = ReportText.tokenize(text);
    for (int i = 0; i < tokens.size(); i++) {
      Match m = phrases.longest(tokens, i);
      if (m != null && m.kind() == PhraseKind.INDICATOR) {
        return true;
      }
    }
    return false;
  }

  /**
   * Extracts the statements of a report.
   *
   * @param provinceCode the province, or null to detect it from the text
   * @param year the year of the figures, or null to detect it
   */
  public static Extraction extract(String text, String provinceCode, Integer year) {
    return extract(text, provinceCode, year, ReportPhrases.get());
  }

  static Extraction extract(String text, String provinceCode, Integer year, ReportPhrases phrases) {
    ReportText doc = new ReportText(text);
    int nonBlank = (int) text.lines().filter(l -> !l.isBlank()).count();
    List<Target> targets = targets(doc, phrases);

    String province = provinceCode;
    String provinceProblem = null;
    if (province == null) {
      Map<String, Integer> counts = new TreeMap<>();
      List<Token> tokens = doc.tokens();
      for (int i = 0; i < tokens.size(); ) {
        Match m = phrases.longest(tokens, i);
        if (m == null) {
          i++;
          continue;
        }
        if (m.kind() == PhraseKind.PROVINCE) {
          counts.merge(m.phrase().value(), 1, Integer::sum);
        }
        i = m.end();
      }
      List<Map.Entry<String, Integer>> ranked = counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
      if (ranked.isEmpty()) {
        provinceProblem = "no province is named in the report; give --province";
      } else if (ranked.size() > 1 && ranked.get(0).getValue() < 2 * ranked.get(1).getValue()) {
        provinceProblem = "no province is named clearly more often than the others ("
            + ranked.stream().limit(4).map(e -> name(e.getKey()) + " " + e.getValue() + "x")
                .collect(Collectors.joining(", ")) + "); give --province";
      } else {
        province = ranked.get(0).getKey();
      }
    }

    Integer figureYear = year;
    String yearProblem = null;
    if (figureYear == null) {
      // Pass one, year unknown: which years do the sentences that carry figures speak of?
      Scanner first = new Scanner(doc, phrases, province, null, targets);
      first.run();
      Map<Integer, Integer> evidence = first.evidence;
      if (evidence.isEmpty()) {
        yearProblem = "no year is stated next to the report's figures (\"năm 2022\", \"so với năm 2021\"); "
            + "give --year";
      } else if (evidence.size() > 1) {
        yearProblem = "the report's figures speak of several years (" + evidence.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue() + "x").collect(Collectors.joining(", "))
            + "); give --year";
      } else {
        figureYear = evidence.keySet().iterator().next();
      }
    }
    if (provinceProblem != null) {
      return new Extraction(null, figureYear, List.of(), Problem.PROVINCE_UNDETERMINED,
          provinceProblem + (yearProblem == null ? "" : "; also " + yearProblem), nonBlank, Set.of());
    }
    if (yearProblem != null) {
      return new Extraction(province, null, List.of(), Problem.YEAR_UNDETERMINED, yearProblem, nonBlank, Set.of());
    }
    Scanner scanner = new Scanner(doc, phrases, province, figureYear, targets);
    scanner.run();
    List<Statement> statements = scanner.statements.stream()
        .sorted(Comparator.comparingInt(Statement::quoteStart).thenComparingInt(Statement::quoteEnd)).toList();
    Set<Integer> lines = new TreeSet<>();
    statements.forEach(s -> lines.add(s.line()));
    return new Extraction(province, figureYear, statements, null, null, nonBlank, lines);
  }

  private static String name(String code) {
    return ReferenceData.get().provinceByCode(code).map(Province::nameVi).orElse(code);
  }

  /** A block of next-year targets: character range and the year the targets are for. */
  private record Target(int start, int end, int year) {}

  private static final Set<String> BULLETS = Set.of("-", "+", "•", "*", "–", "—", "·");

  /**
   * "Các chỉ tiêu cơ bản năm 2021" opens a block: the rest of its line, then the list items
   * (lines starting with a bullet) that follow it, blank lines between allowed.
   */
  private static List<Target> targets(ReportText doc, ReportPhrases phrases) {
    List<Target> out = new ArrayList<>();
    List<Token> tokens = doc.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      Match m = phrases.longest(tokens, i);
      if (m == null || m.kind() != PhraseKind.TARGET_HEADER) {
        continue;
      }
      int start = tokens.get(m.end() - 1).end();
      int j = m.end();
      while (j < tokens.size() && tokens.get(j).kind() != Kind.NEWLINE) {
        j++;
      }
      int end = j < tokens.size() ? tokens.get(j).start() : doc.text().length();
      while (j < tokens.size()) {
        while (j < tokens.size() && tokens.get(j).kind() == Kind.NEWLINE) {
          j++;
        }
        if (j >= tokens.size() || !BULLETS.contains(tokens.get(j).key())) {
          break;
        }
        while (j < tokens.size() && tokens.get(j).kind() != Kind.NEWLINE) {
          j++;
        }
        end = j < tokens.size() ? tokens.get(j).start() : doc.text().length();
      }
      out.add(new Target(start, end, m.number()));
      i = j - 1;
    }
    return out;
  }

  /** The subject of the statement being read. */
  private static final class Subject {
    final String indicator;
    final int start;
    boolean estimate;

    Subject(String indicator, int start) {
      this.indicator = indicator;
      this.start = start;
    }
  }

  /** What follows a percentage. */
  private enum Reference { NONE, YOY, PLAN, PLAN_DELTA, GROWTH_VS_PLAN }

  /** One pass over the tokens. */
  private static final class Scanner {
    private final ReportText doc;
    private final List<Token> tokens;
    private final ReportPhrases phrases;
    private final String province;
    private final Integer year;
    private final List<Target> targets;
    private final ReferenceData ref = ReferenceData.get();

    final List<Statement> statements = new ArrayList<>();
    final Map<Integer, Integer> evidence = new TreeMap<>();

    private Subject subject;
    private Subject savedSubject;
    private String listParent;
    private String period = Period.YEAR;
    private boolean estimateInClause;
    private Integer pendingGrowth;
    private boolean pendingExceed;
    private boolean pendingAttain;
    private boolean pendingPlan;
    private boolean pendingRank;
    private int wordsInSentence;
    private boolean sentenceHasFigure;
    /** The last year named in the sentence ("Năm 2023, ..."): figures of another year are left out. */
    private Integer sentenceYear;
    /** Whether the subject has had a figure yet (a bare subject followed by "và" is half of a compound). */
    private boolean subjectHasFigure;
    /** "X và Y đạt ...": the figure is of X and Y together, so neither gets it. */
    private boolean compound;
    /** A subject without figure then ",": if an indicator follows directly, the two form a compound. */
    private boolean compoundAfterComma;
    private final List<Integer> sentenceYears = new ArrayList<>();

    Scanner(ReportText doc, ReportPhrases phrases, String province, Integer year, List<Target> targets) {
      this.doc = doc;
      this.tokens = doc.tokens();
      this.phrases = phrases;
      this.province = province;
      this.year = year;
      this.targets = targets;
    }

    void run() {
      int i = 0;
      while (i < tokens.size()) {
        Token t = tokens.get(i);
        if (t.kind() == Kind.NEWLINE || isSentenceEnd(t)) {
          endSentence();
          i++;
          continue;
        }
        Match m = phrases.longest(tokens, i);
        boolean afterComma = compoundAfterComma;
        compoundAfterComma = false;
        if (m != null) {
          if (afterComma && (m.kind() == PhraseKind.INDICATOR || m.kind() == PhraseKind.COMPONENT)) {
            compound = true;
          }
          i = phrase(m);
          wordsInSentence++;
        } else if (t.kind() == Kind.NUMBER) {
          i = number(i);
          wordsInSentence++;
        } else if (t.kind() == Kind.PUNCT) {
          if (t.key().equals(";")) {
            estimateInClause = false;
            compound = false;
            resetCues();
          }
          boolean comma = t.key().equals(",");
          i++;
          compoundAfterComma = comma && subject != null && !subjectHasFigure;
          continue;
        } else {
          kill();
          wordsInSentence++;
          i++;
        }
      }
      endSentence();
    }

    private boolean isSentenceEnd(Token t) {
      if (t.kind() != Kind.PUNCT) {
        return false;
      }
      String k = t.key();
      if (k.equals("…") || k.equals("!") || k.equals("?")) {
        return true;
      }
      String text = doc.text();
      return k.equals(".") && (t.end() >= text.length() || Character.isWhitespace(text.charAt(t.end())));
    }

    private void endSentence() {
      if (sentenceHasFigure) {
        for (int y : sentenceYears) {
          evidence.merge(y, 1, Integer::sum);
        }
      }
      sentenceYears.clear();
      sentenceHasFigure = false;
      sentenceYear = null;
      compound = false;
      compoundAfterComma = false;
      savedSubject = subject;
      subject = null;
      listParent = null;
      period = Period.YEAR;
      estimateInClause = false;
      wordsInSentence = 0;
      resetCues();
    }

    private void resetCues() {
      pendingGrowth = null;
      pendingExceed = false;
      pendingAttain = false;
      pendingPlan = false;
      pendingRank = false;
    }

    /** An unexpected word: the statement ends; its figures must not reach what follows. */
    private void kill() {
      subject = null;
      resetCues();
    }

    private Target target(int offset) {
      for (Target t : targets) {
        if (offset >= t.start() && offset < t.end()) {
          return t;
        }
      }
      return null;
    }

    /** The year a figure at this offset refers to: the target block's, else the report's (null: unknown). */
    private Integer yearAt(int offset) {
      Target t = target(offset);
      return t != null ? Integer.valueOf(t.year()) : year;
    }

    private void newSubject(String indicator, int start) {
      resetCues();
      if (compound) {
        // the second name of "X và Y": the figure that follows belongs to neither alone
        subject = null;
        return;
      }
      subject = new Subject(indicator, start);
      subjectHasFigure = false;
    }

    private int phrase(Match m) {
      int start = tokens.get(m.start()).start();
      String value = m.phrase().value();
      switch (m.kind()) {
        case INDICATOR -> {
          // "Chỉ số sản xuất công nghiệp (IIP)": a name repeated as an abbreviation keeps its statement.
          if (subject == null || !subject.indicator.equals(value)) {
            newSubject(value, start);
          }
        }
        case COMPONENT -> {
          if (m.phrase().extra().equals(listParent)) {
            newSubject(value, start);
          } else {
            kill();
          }
        }
        case CONJUNCTION -> {
          if (subject != null && !subjectHasFigure) {
            compound = true;
          }
          kill();
        }
        case ESTIMATE -> {
          estimateInClause = true;
          if (subject != null) {
            subject.estimate = true;
          }
        }
        case GROWTH -> pendingGrowth = Integer.parseInt(value);
        case CONTINUATION -> {
          if (wordsInSentence == 0 && subject == null && savedSubject != null) {
            subject = savedSubject;
            estimateInClause = savedSubject.estimate;
          }
          pendingGrowth = Integer.parseInt(value);
        }
        case EXCEED -> pendingExceed = true;
        case ATTAIN -> pendingAttain = true;
        case PLAN -> {
          pendingPlan = true;
          if (m.number() != null && target(start) == null) {
            sentenceYear = m.number();
            if (year != null && m.number().intValue() != year) {
              kill();
            }
          }
        }
        case PERIOD -> {
          String code = value.replace("{n}", String.valueOf(m.number()));
          java.util.Optional<String> p = Period.normalise(code);
          if (p.isPresent()) {
            period = p.get();
          } else {
            kill();
          }
        }
        case YEAR -> {
          if (target(start) == null) {
            sentenceYears.add(m.number());
            sentenceYear = m.number();
          }
          Integer expected = yearAt(start);
          if (subject != null && expected != null && m.number().intValue() != expected) {
            kill();
          }
        }
        case TARGET_HEADER, UNIT, REGION -> kill();
        case LIST -> listParent = subject == null ? null : subject.indicator;
        case RANK -> pendingRank = true;
        case PROVINCE -> {
          if (!value.equals(province)) {
            kill();
          }
        }
        default -> {
          // qualifiers, fillers, price basis, spans of years, references without a figure: allowed
        }
      }
      return m.end();
    }

    private int number(int i) {
      Token t = tokens.get(i);
      BigDecimal v;
      try {
        v = Numbers.parseVietnameseDecimal(t.key());
      } catch (Numbers.NumberFormatError e) {
        kill();
        return i + 1;
      }
      if (pendingRank) {
        int j = i + 1;
        Match m = j < tokens.size() ? phrases.longest(tokens, j) : null;
        while (m != null && m.kind() == PhraseKind.FILLER) {
          j = m.end();
          m = j < tokens.size() ? phrases.longest(tokens, j) : null;
        }
        if (m != null && m.kind() == PhraseKind.REGION && v.signum() > 0 && v.stripTrailingZeros().scale() <= 0
            && target(t.start()) == null) {
          emit(Measure.REPORTED_RANK, v, Units.RANK, m.phrase().value(), tokens.get(m.end() - 1).end());
          resetCues();
          return m.end();
        }
        kill();
        return i + 1;
      }
      int j = i + 1;
      if (j < tokens.size()) {
        Match u = phrases.longest(tokens, j);
        if (u != null && u.kind() == PhraseKind.UNIT) {
          int after = u.end();
          if (pendingGrowth != null || pendingExceed || isRate(after)) {
            // "tăng 200 triệu USD" is a change, "150 triệu kWh/năm" a capacity: neither is a level
            kill();
            return after;
          }
          BigDecimal scaled = v.multiply(new BigDecimal(u.phrase().extra()));
          boolean plan = pendingPlan || target(t.start()) != null;
          emit(plan ? Measure.PLAN : Measure.VALUE, scaled, u.phrase().value(), null,
              tokens.get(u.end() - 1).end());
          resetCues();
          compound = false;
          return u.end();
        }
        if (tokens.get(j).kind() == Kind.PUNCT && tokens.get(j).key().equals("%")) {
          return percent(v, i, j + 1);
        }
      }
      kill();
      return i + 1;
    }

    /** "/năm", "/ngày": a rate, unless the slash opens a plan ("/KH giao"). */
    private boolean isRate(int k) {
      if (!isPunct(k, "/") || k + 1 >= tokens.size() || tokens.get(k + 1).kind() != Kind.WORD) {
        return false;
      }
      Match m = phrases.longest(tokens, k + 1);
      return m == null || m.kind() != PhraseKind.PLAN;
    }

    /** Whether a percentage with no reference ends its phrase here (so nothing unread qualifies it). */
    private boolean endsPhrase(int k) {
      if (k >= tokens.size()) {
        return true;
      }
      Token t = tokens.get(k);
      return t.kind() == Kind.NEWLINE
          || (t.kind() == Kind.PUNCT && List.of(",", ";", ".", ")", "…", "!").contains(t.key()));
    }

    private boolean isPunct(int k, String key) {
      return k < tokens.size() && tokens.get(k).kind() == Kind.PUNCT && tokens.get(k).key().equals(key);
    }

    /**
     * What qualifies a percentage, read from the tokens after its "%" (at {@code k}): a plan, a
     * reference period, a growth target; {@code end} is the token after it. {@code refused}: the
     * percentage cannot be tied to one measure, so nothing is emitted.
     */
    private record Qualifier(Reference reference, Integer refYear, BigDecimal planGrowth, int end, boolean refused) {}

    private int percent(BigDecimal x, int numberIndex, int k) {
      Qualifier q = qualifier(k);
      if (q.refused()) {
        kill();
        return q.end();
      }
      emitPercent(x, numberIndex, q);
      resetCues();
      compound = false;
      return q.end();
    }

    private Qualifier qualifier(int k) {
      if (isPunct(k, "/") && k + 2 < tokens.size() && tokens.get(k + 1).kind() == Kind.NUMBER
          && isPunct(k + 2, "%")) {
        return growthAgainstPlan(k);
      }
      int kk = isPunct(k, "/") ? k + 1 : k;
      Match p = kk < tokens.size() ? phrases.longest(tokens, kk) : null;
      if (p != null && p.kind() == PhraseKind.PLAN) {
        return new Qualifier(Reference.PLAN, p.number(), null, p.end(), false);
      }
      if (kk == k && p != null) {
        switch (p.kind()) {
          case PLAN_REF -> {
            return new Qualifier(Reference.PLAN_DELTA, null, null, p.end(), false);
          }
          case YOY_REF -> {
            return new Qualifier(Reference.YOY, null, null, p.end(), false);
          }
          case YOY_REF_YEAR -> {
            return new Qualifier(Reference.YOY, p.number(), null, p.end(), false);
          }
          default -> {
            // nothing that qualifies the percentage
          }
        }
      }
      return new Qualifier(Reference.NONE, null, null, k, false);
    }

    /** "tăng 12%/16% kế hoạch": a growth against a growth target; without the plan word it is refused. */
    private Qualifier growthAgainstPlan(int k) {
      BigDecimal planGrowth;
      try {
        planGrowth = Numbers.parseVietnameseDecimal(tokens.get(k + 1).key());
      } catch (Numbers.NumberFormatError e) {
        return new Qualifier(Reference.NONE, null, null, k, true);
      }
      int end = k + 3;
      Match p = end < tokens.size() ? phrases.longest(tokens, end) : null;
      if (p != null && p.kind() == PhraseKind.PLAN) {
        return new Qualifier(Reference.GROWTH_VS_PLAN, null, planGrowth, p.end(), false);
      }
      // "tăng 12%/16%" without "kế hoạch": the second figure is not known to be the target
      return new Qualifier(Reference.NONE, null, null, end, true);
    }

    /** Emits what a qualified percentage states, if the cues before it and the sentence's year allow. */
    private void emitPercent(BigDecimal x, int numberIndex, Qualifier q) {
      int offset = tokens.get(numberIndex).start();
      int endOffset = tokens.get(q.end() - 1).end();
      boolean inTarget = target(offset) != null;
      Integer figureYear = yearAt(offset);
      switch (q.reference()) {
        case GROWTH_VS_PLAN -> {
          if (pendingGrowth != null && !inTarget) {
            emit(Measure.YOY_GROWTH_PCT, signed(x), Units.PCT, null, endOffset);
            emit(Measure.PLAN_GROWTH_PCT, q.planGrowth(), Units.PCT, null, endOffset);
          }
        }
        case YOY, NONE -> {
          boolean yearFits = q.refYear() == null || figureYear == null || q.refYear() == figureYear - 1;
          // "tăng 10% so với tháng trước": a growth on something else than the same period last year
          boolean qualified = q.reference() == Reference.YOY || endsPhrase(q.end());
          if (pendingGrowth != null && yearFits && qualified) {
            if (q.refYear() != null && !inTarget) {
              sentenceYears.add(q.refYear() + 1);
            }
            emit(inTarget ? Measure.PLAN_GROWTH_PCT : Measure.YOY_GROWTH_PCT, signed(x), Units.PCT, null,
                endOffset);
          }
        }
        case PLAN -> {
          boolean yearFits = q.refYear() == null || figureYear == null || q.refYear().equals(figureYear);
          if (!inTarget && yearFits && pendingGrowth == null) {
            if (q.refYear() != null) {
              sentenceYears.add(q.refYear());
            }
            BigDecimal attainment = pendingExceed ? x.add(BigDecimal.valueOf(100)) : x;
            emit(Measure.PLAN_ATTAINMENT_PCT, attainment, Units.PCT, null, endOffset);
          }
        }
        case PLAN_DELTA -> {
          if (!inTarget && (pendingGrowth != null || pendingExceed)) {
            BigDecimal delta = pendingGrowth != null ? signed(x) : x;
            emit(Measure.PLAN_ATTAINMENT_PCT, delta.add(BigDecimal.valueOf(100)), Units.PCT, null, endOffset);
          }
        }
        default -> throw new IllegalStateException(q.reference().toString());
      }
    }

    private BigDecimal signed(BigDecimal x) {
      return pendingGrowth != null && pendingGrowth < 0 ? x.negate() : x;
    }

    private void emit(Measure measure, BigDecimal value, String unit, String scope, int endOffset) {
      if (subject == null) {
        return;
      }
      Indicator indicator = ref.indicator(subject.indicator).orElseThrow();
      if (!measure.unitFor(indicator).equals(unit)) {
        kill();
        return;
      }
      Target target = target(subject.start);
      Integer figureYear = target != null ? Integer.valueOf(target.year()) : year;
      if (target == null && figureYear != null && sentenceYear != null && !sentenceYear.equals(figureYear)) {
        return;
      }
      subjectHasFigure = true;
      boolean planned = measure == Measure.PLAN || measure == Measure.PLAN_GROWTH_PCT;
      Status status = planned || !estimateInClause ? Status.FINAL : Status.ESTIMATE;
      double stored;
      try {
        stored = Numbers.toDouble(value, value.toPlainString());
      } catch (Numbers.NumberFormatError e) {
        // no double holds it (too small to be anything but 0): as an unreadable number, nothing
        kill();
        return;
      }
      String quote = doc.text().substring(subject.start, endOffset);
      statements.add(new Statement(subject.indicator, measure.code(), period,
          figureYear == null ? 0 : figureYear, stored, unit, status.code(), scope, subject.start,
          endOffset, quote, doc.lineOf(subject.start)));
      if (target == null) {
        sentenceHasFigure = true;
      }
    }
  }
}
