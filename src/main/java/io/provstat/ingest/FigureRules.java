package io.provstat.ingest;

import io.provstat.reference.Indicator;
import io.provstat.reference.Measure;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule set every figure passes before it is stored, whatever format it came in (tidy CSV,
 * GSO table, report). Each rule is declared once, as data, in the manner of Deequ's constraints: a
 * name, the quarantine reason code, the field it blames, a message template and a severity, with
 * the predicate that must hold. Parsers only read a figure into a {@link Candidate}; {@link #check}
 * applies the rules in the order declared (a later rule may rely on an earlier one holding: the unit
 * rule on the indicator being known) and returns the first one broken. So a figure refused in one
 * format is refused with the same reason code and message in the others; only where the figure sat
 * (a CSV column, a GSO year column, a report's quote) is the format's own, as a prefix.
 *
 * <p>Message templates name the figure's values in braces ({@code {year}}, {@code {value}}, ...,
 * see {@link #bindings}); a value is written as Java writes it ({@code 1.0E27}, {@code -5.0}).
 */
public final class FigureRules {

  /** What breaking a rule does. Every figure rule quarantines the figure alone (the file goes on). */
  public enum Severity { QUARANTINE }

  /** The field a broken rule blames, as the tidy-CSV column of that name; formats may locate it otherwise. */
  public enum Field {
    YEAR("year"), INDICATOR("indicator"), UNIT("unit"), VALUE("value"), DOCUMENT("document");

    private final String column;

    Field(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }
  }

  /**
   * A figure as a parser read it, before any rule: {@code province} null for a region's or the
   * nation's figure, {@code unit} as given or implied by the format, {@code document} as given (may be
   * empty or null).
   */
  public record Candidate(Province province, int year, String indicator, Measure measure, double value,
      String unit, String document) {}

  /** What applies to every figure of a file: the run's options and the file's provenance. */
  public record Context(ParseOptions options, boolean syntheticFile) implements Serializable {}

  /** One rule: declared once, applied to every format. */
  public record Rule(String name, QuarantineReason reason, Field field, String template, Severity severity,
      BiPredicate<Candidate, Context> holds) {}

  /** A broken rule and its message, the template filled with the figure's values. */
  public record Violation(Rule rule, String message) {
    public QuarantineReason reason() {
      return rule.reason();
    }

    public Field field() {
      return rule.field();
    }
  }

  private static final Severity Q = Severity.QUARANTINE;

  /** The rules, in the order they are checked. */
  public static final List<Rule> RULES = List.of(
      new Rule("year_in_run_range", QuarantineReason.YEAR_OUT_OF_RANGE, Field.YEAR,
          "year {year} is outside {min_year}..{max_year}", Q,
          (f, c) -> f.year() >= c.options().minYear() && f.year() <= c.options().maxYear()),
      new Rule("province_in_force", QuarantineReason.PROVINCE_NOT_IN_FORCE, Field.YEAR,
          "{province} ceased to be a province after {valid_to}, so has no figure for {year}", Q,
          (f, c) -> f.province() == null || f.province().existedIn(f.year())),
      new Rule("indicator_in_catalogue", QuarantineReason.UNKNOWN_INDICATOR, Field.INDICATOR,
          "unknown indicator '{indicator}'", Q,
          (f, c) -> ReferenceData.get().indicator(f.indicator()).isPresent()),
      new Rule("unit_of_indicator", QuarantineReason.UNIT_MISMATCH, Field.UNIT,
          "{indicator} {measure} is stated in {expected_unit}, not {unit}", Q,
          (f, c) -> f.unit().equals(expectedUnit(f))),
      new Rule("level_not_negative", QuarantineReason.BAD_VALUE, Field.VALUE,
          "a level cannot be negative: {value}", Q,
          (f, c) -> !(f.measure() == Measure.VALUE || f.measure() == Measure.PLAN) || !(f.value() < 0)),
      new Rule("rank_whole_from_one", QuarantineReason.BAD_VALUE, Field.VALUE,
          "a rank is a whole number from 1: {value}", Q,
          (f, c) -> f.measure() != Measure.REPORTED_RANK || (f.value() >= 1 && f.value() == Math.rint(f.value()))),
      new Rule("ratio_not_negative", QuarantineReason.BAD_VALUE, Field.VALUE,
          "{measure} cannot be negative: {value}", Q,
          (f, c) -> !(f.measure() == Measure.PLAN_ATTAINMENT_PCT || f.measure() == Measure.INDEX_PREV_YEAR)
              || !(f.value() < 0)),
      // Also keeps every stored value within what the analytics' exact sums hold.
      new Rule("magnitude_within_unit", QuarantineReason.IMPLAUSIBLE_MAGNITUDE, Field.VALUE,
          "{measure} {value} {unit} is beyond what a figure in {unit} can be (at most {max_abs}; see "
              + ReferenceData.UNITS_RESOURCE + ")", Q,
          (f, c) -> Math.abs(f.value()) <= ReferenceData.get().maxAbs(f.unit())),
      new Rule("provenance_of_file", QuarantineReason.MIXED_PROVENANCE, Field.DOCUMENT,
          "a {figure_kind} figure (document '{document}') in a file of {file_kind} figures; real and synthetic "
              + "figures are ingested into separate warehouses", Q,
          (f, c) -> Provenance.isSyntheticDocument(f.document()) == c.syntheticFile()));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

  private FigureRules() {}

  /** The first rule the figure breaks, or empty when it may be stored. */
  public static Optional<Violation> check(Candidate figure, Context context) {
    for (Rule rule : RULES) {
      if (!rule.holds().test(figure, context)) {
        return Optional.of(new Violation(rule, message(rule, figure, context)));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a year is one the run accepts ({@code year_in_run_range} alone): a GSO header's year
   * columns are judged before any figure is read.
   */
  public static Optional<Violation> checkYear(int year, Context context) {
    Rule rule = rule("year_in_run_range");
    Candidate column = new Candidate(null, year, null, null, Double.NaN, null, null);
    return rule.holds().test(column, context) ? Optional.empty()
        : Optional.of(new Violation(rule, message(rule, column, context)));
  }

  /** The rule of that name (tests and documentation refer to rules by name). */
  public static Rule rule(String name) {
    return RULES.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no figure rule named '" + name + "'"));
  }

  /** The unit the catalogue states the figure's indicator and measure in. */
  private static String expectedUnit(Candidate f) {
    Indicator indicator = ReferenceData.get().indicator(f.indicator()).orElseThrow();
    return f.measure().unitFor(indicator);
  }

  static String message(Rule rule, Candidate figure, Context context) {
    Map<String, String> values = bindings(figure, context);
    Matcher m = PLACEHOLDER.matcher(rule.template());
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("rule " + rule.name() + " names {" + m.group(1) + "}, which no figure has");
      }
      m.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    m.appendTail(text);
    return text.toString();
  }

  /** The values a template may name. */
  static Map<String, String> bindings(Candidate f, Context c) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("year", String.valueOf(f.year()));
    values.put("min_year", String.valueOf(c.options().minYear()));
    values.put("max_year", String.valueOf(c.options().maxYear()));
    values.put("indicator", f.indicator());
    values.put("measure", f.measure() == null ? null : f.measure().code());
    values.put("value", String.valueOf(f.value()));
    values.put("unit", f.unit());
    values.put("max_abs", f.unit() == null ? "?" : String.valueOf(ReferenceData.get().maxAbs(f.unit())));
    values.put("document", f.document() == null ? "" : f.document());
    values.put("figure_kind", Provenance.label(Provenance.isSyntheticDocument(f.document())));
    values.put("file_kind", Provenance.label(c.syntheticFile()));
    if (f.province() != null) {
      values.put("province", f.province().nameVi());
      values.put("valid_to", String.valueOf(f.province().validTo()));
    }
    Optional.ofNullable(f.indicator()).flatMap(ReferenceData.get()::indicator).filter(i -> f.measure() != null)
        .ifPresent(i -> values.put("expected_unit", f.measure().unitFor(i)));
    return values;
  }
}
