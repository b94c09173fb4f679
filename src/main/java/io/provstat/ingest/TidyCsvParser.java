package io.provstat.ingest;

import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.Rejection;
import io.provstat.reference.Measure;
import io.provstat.reference.Period;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Status;
import io.provstat.reference.Units;
import io.provstat.text.CsvSplitter;
import io.provstat.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tidy CSV: one observation per row, with the observation model's column names in any order.
 *
 * <p>Required: {@code year}, {@code indicator}, {@code measure}; a province as {@code province_code}
 * and/or {@code province_name} (or {@code province}); a number as {@code value} (machine format,
 * decimal point) or {@code value_text} (as Vietnamese text prints it, with an optional unit: "27.236
 * tỷ đồng", "1,05 tỷ USD"). Optional: {@code period} (default Y), {@code unit} (checked against the
 * catalogue; implied when empty), {@code status} (default final), {@code vintage}, {@code document}
 * (the publication the figure is keyed from), {@code region_code} (checked), {@code scope} (the
 * region or VN a reported rank refers to). Other columns are ignored. Lines starting with '#' are
 * comments.
 */
public final class TidyCsvParser implements LineParser {

  public static final List<String> KNOWN_COLUMNS = List.of("province_code", "province_name", "province",
      "region_code", "year", "period", "indicator", "measure", "value", "value_text", "unit", "status",
      "vintage", "document", "scope");

  private final int headerLine;
  private final char delimiter;
  private final Map<String, Integer> columns;
  private final int width;
  private final ParseOptions options;

  private TidyCsvParser(int headerLine, char delimiter, Map<String, Integer> columns, int width,
      ParseOptions options) {
    this.headerLine = headerLine;
    this.delimiter = delimiter;
    this.columns = columns;
    this.width = width;
    this.options = options;
  }

  /**
   * The {@code document} of a data line, to tell the file's provenance on the driver; empty when the
   * line has no such column or cannot be split (the executors then quarantine it).
   */
  Optional<String> documentOf(String text) {
    Integer index = columns.get("document");
    if (index == null) {
      return Optional.of("");
    }
    try {
      List<String> fields = CsvSplitter.split(text, delimiter);
      return index < fields.size() ? Optional.of(fields.get(index).strip()) : Optional.empty();
    } catch (CsvSplitter.MalformedLineException e) {
      return Optional.empty();
    }
  }

  /** Whether a header line looks like tidy CSV with this delimiter. */
  static boolean looksLikeHeader(String headerText, char delimiter) {
    try {
      List<String> names = normalisedHeader(headerText, delimiter);
      return names.contains("year") && names.contains("indicator") && names.contains("measure");
    } catch (CsvSplitter.MalformedLineException e) {
      return false;
    }
  }

  /**
   * Builds the parser for a file from its header.
   *
   * @param ignored receives the header names that are not model columns
   * @throws InputException naming the file and line when a required column is missing or repeated
   */
  static TidyCsvParser fromHeader(String source, int headerLine, String headerText, char delimiter,
      ParseOptions options, List<String> ignored) {
    List<String> names;
    try {
      names = normalisedHeader(headerText, delimiter);
    } catch (CsvSplitter.MalformedLineException e) {
      throw new InputException(source + " line " + headerLine + ": header: " + e.getMessage());
    }
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!KNOWN_COLUMNS.contains(name)) {
        ignored.add(name);
        continue;
      }
      if (columns.put(name, i) != null) {
        throw new InputException(source + " line " + headerLine + ": column '" + name + "' appears twice");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("year", "indicator", "measure")) {
      if (!columns.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!columns.containsKey("province_code") && !columns.containsKey("province_name")
        && !columns.containsKey("province")) {
      missing.add("province_code or province_name");
    }
    if (!columns.containsKey("value") && !columns.containsKey("value_text")) {
      missing.add("value or value_text");
    }
    if (!missing.isEmpty()) {
      throw new InputException(source + " line " + headerLine + ": tidy CSV header lacks "
          + String.join(", ", missing) + " (header: " + headerText.strip() + ")");
    }
    return new TidyCsvParser(headerLine, delimiter, columns, names.size(), options);
  }

  private static List<String> normalisedHeader(String headerText, char delimiter)
      throws CsvSplitter.MalformedLineException {
    List<String> names = new ArrayList<>();
    for (String name : CsvSplitter.split(headerText, delimiter)) {
      names.add(name.strip().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  @Override
  public int headerLine() {
    return headerLine;
  }

  @Override
  public boolean isSkippable(String text) {
    String t = text.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  @Override
  public LineResult parse(String text, boolean syntheticFile) {
    try {
      return new Accepted(List.of(parseFigure(text, syntheticFile)), List.of(), 0);
    } catch (Rejection r) {
      return r.rejected;
    }
  }

  /** Reads the line into a candidate figure, then lets the rule set judge it ({@link FigureRules}). */
  private Figure parseFigure(String text, boolean synthetic) throws Rejection {
    List<String> fields = split(text);
    ReferenceData ref = ReferenceData.get();
    Province province = province(fields, ref);
    int year = year(fields);
    requireRegionOf(fields, province);
    String indicator = required(fields, "indicator");
    Measure measure = measure(fields);
    String period = period(fields);
    ValueRead read = value(fields);
    String unit = unit(fields, read, ref.indicator(indicator).map(measure::unitFor).orElse(null));
    Status status = status(fields);
    String vintage = vintage(fields);
    String scope = scope(fields, measure, province, ref);
    String document = field(fields, "document");

    FigureRules.Candidate candidate = new FigureRules.Candidate(province, year, indicator, measure, read.value(),
        unit, document);
    Optional<FigureRules.Violation> broken = FigureRules.check(candidate, new FigureRules.Context(options, synthetic));
    if (broken.isPresent()) {
      FigureRules.Violation v = broken.get();
      throw new Rejection(v.field() == FigureRules.Field.VALUE ? read.column() : v.field().column(), v.reason(),
          v.message());
    }
    return new Figure(province.gsoCode(), province.nameVi(), province.regionCode(), scope, null, year, period,
        indicator, measure, read.value(), unit, status, vintage, document.isEmpty() ? null : document);
  }

  /** A number as read, its unit when the text gave one, and the column it came from. */
  private record ValueRead(double value, String unit, String column) {}

  private List<String> split(String text) throws Rejection {
    List<String> fields;
    try {
      fields = CsvSplitter.split(text, delimiter);
    } catch (CsvSplitter.MalformedLineException e) {
      throw new Rejection(null, QuarantineReason.MALFORMED_LINE, e.getMessage());
    }
    if (fields.size() != width) {
      throw new Rejection(null, QuarantineReason.WRONG_COLUMN_COUNT,
          "expected " + width + " fields as in the header, found " + fields.size());
    }
    return fields;
  }

  private void requireRegionOf(List<String> fields, Province province) throws Rejection {
    String regionCode = field(fields, "region_code");
    if (!regionCode.isEmpty() && !regionCode.equals(province.regionCode())) {
      throw new Rejection("region_code", QuarantineReason.BAD_VALUE, "region_code '" + regionCode
          + "' does not match " + province.nameVi() + " (" + province.regionCode() + ")");
    }
  }

  private Measure measure(List<String> fields) throws Rejection {
    String code = required(fields, "measure");
    return Measure.fromCode(code).orElseThrow(() -> new Rejection("measure",
        QuarantineReason.BAD_VALUE, "unknown measure '" + code + "'"));
  }

  private String period(List<String> fields) throws Rejection {
    String text = field(fields, "period");
    return text.isEmpty() ? Period.YEAR : Period.normalise(text).orElseThrow(
        () -> new Rejection("period", QuarantineReason.BAD_VALUE, "unknown period '" + text + "'"));
  }

  /** The number, from {@code value} (machine format) or else {@code value_text} (Vietnamese, maybe with a unit). */
  private ValueRead value(List<String> fields) throws Rejection {
    String valueText = field(fields, "value");
    if (!valueText.isEmpty()) {
      try {
        return new ValueRead(Numbers.parseMachine(valueText), null, "value");
      } catch (Numbers.NumberFormatError e) {
        throw new Rejection("value", QuarantineReason.UNPARSABLE_NUMBER, "value " + e.getMessage());
      }
    }
    String quantityText = field(fields, "value_text");
    if (quantityText.isEmpty()) {
      throw new Rejection("value", QuarantineReason.MISSING_FIELD, "no value (value and value_text are empty)");
    }
    try {
      Quantities.Quantity q = Quantities.parse(quantityText);
      return new ValueRead(q.value(), q.unit(), "value_text");
    } catch (Numbers.NumberFormatError e) {
      throw new Rejection("value_text", QuarantineReason.UNPARSABLE_NUMBER, "value_text " + e.getMessage());
    }
  }

  /**
   * The figure's unit: the value text's, else the unit column's, else the catalogue's for the
   * indicator ({@code implied}, null when the indicator is unknown: the rules then refuse it).
   */
  private String unit(List<String> fields, ValueRead read, String implied) throws Rejection {
    String unitColumn = field(fields, "unit");
    if (!unitColumn.isEmpty() && !Units.ALL.contains(unitColumn)) {
      throw new Rejection("unit", QuarantineReason.BAD_VALUE, "unknown unit '" + unitColumn + "'");
    }
    if (read.unit() != null && !unitColumn.isEmpty() && !read.unit().equals(unitColumn)) {
      throw new Rejection("unit", QuarantineReason.UNIT_MISMATCH, "value_text '" + field(fields, "value_text")
          + "' is in " + read.unit() + " but the unit column says " + unitColumn);
    }
    if (read.unit() != null) {
      return read.unit();
    }
    return unitColumn.isEmpty() ? implied : unitColumn;
  }

  private Status status(List<String> fields) throws Rejection {
    String text = field(fields, "status").toLowerCase(Locale.ROOT);
    return text.isEmpty() ? Status.FINAL : Status.fromCode(text).orElseThrow(
        () -> new Rejection("status", QuarantineReason.BAD_VALUE, "unknown status '" + text + "'"));
  }

  private String vintage(List<String> fields) throws Rejection {
    String vintage = field(fields, "vintage");
    if (vintage.isEmpty()) {
      return options.vintage();
    }
    if (!ParseOptions.VINTAGE.matcher(vintage).matches()) {
      throw new Rejection("vintage", QuarantineReason.BAD_VALUE,
          "vintage '" + vintage + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
    }
    return vintage;
  }

  /** A scope only qualifies a reported rank (default: the province's region); on any other measure it is null. */
  private String scope(List<String> fields, Measure measure, Province province, ReferenceData ref) throws Rejection {
    if (measure != Measure.REPORTED_RANK) {
      return null;
    }
    String scope = field(fields, "scope");
    if (scope.isEmpty()) {
      return province.regionCode();
    }
    if (ref.region(scope).isEmpty()) {
      throw new Rejection("scope", QuarantineReason.BAD_VALUE, "scope '" + scope + "' is not a region code or VN");
    }
    return scope;
  }

  private Province province(List<String> fields, ReferenceData ref) throws Rejection {
    String code = field(fields, "province_code");
    String name = field(fields, "province_name");
    if (name.isEmpty()) {
      name = field(fields, "province");
    }
    if (code.isEmpty() && name.isEmpty()) {
      throw new Rejection("province_code", QuarantineReason.MISSING_FIELD, "no province code or name");
    }
    Province byCode = null;
    if (!code.isEmpty()) {
      byCode = ref.provinceByCode(code).orElseThrow(() -> new Rejection("province_code",
          QuarantineReason.UNKNOWN_PROVINCE, "unknown province code '" + code + "'"));
    }
    if (name.isEmpty()) {
      return byCode;
    }
    final String provinceName = name;
    Province byName = ref.provinceByName(name).orElseThrow(() -> new Rejection("province_name",
        QuarantineReason.UNKNOWN_PROVINCE, "unknown province '" + provinceName + "'"));
    if (byCode != null && byCode != byName) {
      throw new Rejection("province_name", QuarantineReason.UNKNOWN_PROVINCE, "province_code '" + code
          + "' is " + byCode.nameVi() + " but province_name '" + name + "' is " + byName.nameVi()
          + " (" + byName.gsoCode() + ")");
    }
    return byName;
  }

  /** The year as a number; whether it is in the run's range is a rule ({@link FigureRules}). */
  private int year(List<String> fields) throws Rejection {
    String text = required(fields, "year");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Rejection("year", QuarantineReason.UNPARSABLE_NUMBER, "year '" + text + "' is not a whole number");
    }
  }


  private String field(List<String> fields, String column) {
    Integer index = columns.get(column);
    return index == null ? "" : fields.get(index).strip();
  }

  private String required(List<String> fields, String column) throws Rejection {
    String value = field(fields, column);
    if (value.isEmpty()) {
      throw new Rejection(column, QuarantineReason.MISSING_FIELD, "no " + column);
    }
    return value;
  }
}
