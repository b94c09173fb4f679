package io.provstat.ingest;

import io.provstat.ingest.LineResult.Accepted;
import io.provstat.ingest.LineResult.Rejected;
import io.provstat.reference.Measure;
import io.provstat.reference.Period;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Region;
import io.provstat.reference.Status;
import io.provstat.text.CsvSplitter;
import io.provstat.text.NameKey;
import io.provstat.text.Numbers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GSO statistical table as the GSO web site exports it: a title line, a header whose first cell
 * names the rows ("Cities, provincies") and whose other cells are years ("2015", or "Prel. 2016" for
 * a preliminary figure), then one line per place. The whole country and the six regions are
 * interleaved with the provinces: their figures go to {@code reported_aggregates}. {@code ..} marks a
 * figure that is not available, which is not an error.
 *
 * <p>A table with a breakdown dimension names it before the year in each header cell ({@code Total
 * 1995}, {@code Male Prel. 2016}): each breakdown becomes the indicator {@link GsoBreakdowns} maps it
 * to, and the columns of a breakdown it does not know are skipped, never guessed: named in the file's
 * notes and counted per line ({@link Accepted#skipped()}, {@code ingest_runs.values_skipped}).
 *
 * <p>A line is taken whole or not at all: one unreadable cell quarantines the line, so a province
 * never enters the warehouse with a silently shortened series.
 */
public final class GsoTableParser implements LineParser {

  /** Row labels of the header line that mark a GSO table. */
  static final List<String> ROW_LABEL_KEYS = List.of("citiesprovincies", "citiesprovinces", "provinces",
      "tinhthanhpho", "diaphuong", "thanhphotinh");

  private static final String PRELIMINARY = "(prel\\.?|sơ bộ|so bo|ước tính|uoc tinh)";
  private static final Pattern YEAR_CELL = Pattern.compile("(?iu)\\s*" + PRELIMINARY + "?\\s*(\\d{4})\\s*");
  /** A breakdown and a year: a label that does not end in a digit, an optional "Prel.", the year. */
  private static final Pattern BREAKDOWN_CELL =
      Pattern.compile("(?iu)\\s*(.*?[^\\d\\s])\\s+(?:" + PRELIMINARY + "\\s*)?(\\d{4})\\s*");

  /**
   * What the table's numbers are: from --indicator/--measure/--unit or from its title.
   *
   * @param vietnameseNumbers whether cells are written "1.234,5" (Vietnamese tables) rather than "1234.5"
   */
  public record TableSpec(String indicator, String measure, String unit, boolean vietnameseNumbers)
      implements Serializable {}

  /**
   * One data column of the header: its year, whether preliminary, the breakdown it is of (null for a
   * bare year), the indicator and unit of its figures (null when the column is skipped), and its label
   * in messages ({@code 2015}, or {@code Male 2015}).
   */
  record YearColumn(int year, boolean preliminary, String breakdown, String indicator, String unit, String label)
      implements Serializable {
    boolean skipped() {
      return indicator == null;
    }
  }

  private final int headerLine;
  private final char delimiter;
  private final List<YearColumn> years;
  private final int skippedColumns;
  private final TableSpec spec;
  private final ParseOptions options;

  private GsoTableParser(int headerLine, char delimiter, List<YearColumn> years, TableSpec spec,
      ParseOptions options) {
    this.headerLine = headerLine;
    this.delimiter = delimiter;
    this.years = years;
    this.skippedColumns = (int) years.stream().filter(YearColumn::skipped).count();
    this.spec = spec;
    this.options = options;
  }

  /** Whether a line is the header of a GSO table with this delimiter. */
  static boolean looksLikeHeader(String text, char delimiter) {
    try {
      List<String> cells = CsvSplitter.split(text, delimiter);
      return cells.size() >= 2 && ROW_LABEL_KEYS.contains(NameKey.fold(cells.get(0)))
          && (YEAR_CELL.matcher(cells.get(1)).matches() || BREAKDOWN_CELL.matcher(cells.get(1)).matches());
    } catch (CsvSplitter.MalformedLineException e) {
      return false;
    }
  }

  /**
   * Builds the parser from the header line: a bare year is a column of the spec's indicator; a
   * breakdown and a year a column of the indicator {@link GsoBreakdowns} maps the breakdown to, or a
   * skipped column when it maps it to none.
   *
   * @throws InputException naming the file, line, cell and value when a header cell is neither a year
   *     nor a breakdown and a year, when a year is out of range, or when no column is kept
   */
  static GsoTableParser fromHeader(String source, int headerLine, String headerText, char delimiter,
      TableSpec spec, ParseOptions options) {
    List<String> cells;
    try {
      cells = CsvSplitter.split(headerText, delimiter);
    } catch (CsvSplitter.MalformedLineException e) {
      throw new InputException(source + " line " + headerLine + ": header: " + e.getMessage());
    }
    // A trailing delimiter leaves empty cells at the end of every line: not columns.
    int width = cells.size();
    while (width > 2 && cells.get(width - 1).isBlank()) {
      width--;
    }
    ReferenceData ref = ReferenceData.get();
    Measure measure = Measure.fromCode(spec.measure()).orElseThrow();
    List<YearColumn> years = new ArrayList<>();
    for (int c = 1; c < width; c++) {
      String cell = cells.get(c);
      Matcher bare = YEAR_CELL.matcher(cell);
      Matcher broken = BREAKDOWN_CELL.matcher(cell);
      YearColumn column;
      if (bare.matches()) {
        int year = Integer.parseInt(bare.group(2));
        column = new YearColumn(year, bare.group(1) != null, null, spec.indicator(), spec.unit(), String.valueOf(year));
      } else if (broken.matches()) {
        String breakdown = broken.group(1).strip();
        int year = Integer.parseInt(broken.group(3));
        String indicator = GsoBreakdowns.lookup(spec.indicator(), breakdown).orElse(null);
        String unit = indicator == null ? null : measure.unitFor(ref.indicator(indicator).orElseThrow());
        column = new YearColumn(year, broken.group(2) != null, breakdown, indicator, unit, breakdown + " " + year);
      } else {
        throw new InputException(source + " line " + headerLine + ": header cell " + (c + 1) + " '" + cell
            + "' is neither a year (2015, Prel. 2016) nor a breakdown and a year (Total 2015, Male Prel. 2016)");
      }
      // A year out of range in the header would refuse every figure of its column: the file is refused.
      Optional<FigureRules.Violation> outOfRange = FigureRules.checkYear(column.year(),
          new FigureRules.Context(options, false));
      if (outOfRange.isPresent()) {
        throw new InputException(source + " line " + headerLine + ": header: " + outOfRange.get().message()
            + " (cell " + (c + 1) + " '" + cell + "'; see --min-year, --max-year)");
      }
      // Two columns of one indicator and year would make each line state one figure twice.
      for (int k = 0; k < years.size(); k++) {
        YearColumn other = years.get(k);
        if (!column.skipped() && column.indicator().equals(other.indicator()) && column.year() == other.year()) {
          throw new InputException(source + " line " + headerLine + ": header cells " + (k + 2) + " '"
              + cells.get(k + 1) + "' and " + (c + 1) + " '" + cell + "' are both " + column.indicator() + " "
              + column.year());
        }
      }
      years.add(column);
    }
    if (years.stream().allMatch(YearColumn::skipped)) {
      throw new InputException(source + " line " + headerLine + ": no header cell is a year or a breakdown of "
          + spec.indicator() + " listed in " + GsoBreakdowns.RESOURCE + " (breakdowns found: "
          + String.join(", ", years.stream().map(YearColumn::breakdown).distinct().toList()) + ")");
    }
    return new GsoTableParser(headerLine, delimiter, List.copyOf(years), spec, options);
  }

  /**
   * What the file holds, for the run summary: the spec, and the indicators of its breakdowns when
   * its header has them.
   */
  String description() {
    List<String> breakdowns = years.stream().filter(y -> y.breakdown() != null && !y.skipped())
        .map(y -> y.breakdown() + "=" + y.indicator()).distinct().toList();
    return describe(spec) + (breakdowns.isEmpty() ? "" : " by breakdown: " + String.join(", ", breakdowns));
  }

  /**
   * One note per breakdown whose columns are skipped (empty when none is): names the breakdown, its
   * columns and where the count of its cells goes.
   */
  List<String> skippedNotes(String source) {
    List<String> notes = new ArrayList<>();
    for (String breakdown : years.stream().filter(YearColumn::skipped).map(YearColumn::breakdown).distinct()
        .toList()) {
      List<YearColumn> columns = years.stream().filter(y -> y.skipped() && y.breakdown().equals(breakdown)).toList();
      notes.add(String.format(Locale.ROOT, "%s line %d: skipped %d column(s) of breakdown '%s' (%s .. %s), which %s "
          + "does not map for %s; their cells are counted in ingest_runs.values_skipped (add a row to keep them)",
          source, headerLine, columns.size(), breakdown, columns.get(0).label(),
          columns.get(columns.size() - 1).label(), GsoBreakdowns.RESOURCE, spec.indicator()));
    }
    return notes;
  }

  @Override
  public int headerLine() {
    return headerLine;
  }

  @Override
  public boolean isSkippable(String text) {
    return text.isBlank();
  }

  @Override
  public LineResult parse(String text, boolean syntheticFile) {
    List<String> cells;
    try {
      cells = CsvSplitter.split(text, delimiter);
    } catch (CsvSplitter.MalformedLineException e) {
      return new Rejected(null, QuarantineReason.MALFORMED_LINE, e.getMessage());
    }
    while (cells.size() > years.size() + 1 && cells.get(cells.size() - 1).isBlank()) {
      cells = cells.subList(0, cells.size() - 1);
    }
    if (cells.size() != years.size() + 1) {
      return new Rejected(null, QuarantineReason.WRONG_COLUMN_COUNT, "expected " + (years.size() + 1)
          + " fields (a name and " + years.size() + " years), found " + cells.size());
    }
    String name = cells.get(0).strip();
    ReferenceData ref = ReferenceData.get();
    Optional<Region> region = ref.regionByName(name);
    Optional<Province> province = region.isPresent() ? Optional.empty() : ref.provinceByName(name);
    if (region.isEmpty() && province.isEmpty()) {
      return new Rejected("name", QuarantineReason.UNKNOWN_PROVINCE, "unknown province or region '" + name + "'");
    }

    // The spec is checked against the catalogue on the driver (InputResolver, IngestOptions).
    Measure measure = Measure.fromCode(spec.measure()).orElseThrow();
    Double[] values = new Double[years.size()];
    int notAvailable = 0;
    for (int i = 0; i < years.size(); i++) {
      YearColumn column = years.get(i);
      if (column.skipped()) {
        continue; // counted as skipped below, never read
      }
      String cell = cells.get(i + 1).strip();
      if (cell.isEmpty() || cell.equals("..") || cell.equals("-")) {
        notAvailable++;
        continue;
      }
      try {
        values[i] = spec.vietnameseNumbers() ? Numbers.parseVietnamese(cell) : Numbers.parseMachine(cell);
      } catch (Numbers.NumberFormatError e) {
        return new Rejected(column.label(), QuarantineReason.UNPARSABLE_NUMBER,
            "column " + column.label() + ": " + e.getMessage());
      }
      Optional<FigureRules.Violation> broken = FigureRules.check(new FigureRules.Candidate(province.orElse(null),
          column.year(), column.indicator(), measure, values[i], column.unit(), null),
          new FigureRules.Context(options, syntheticFile));
      if (broken.isPresent()) {
        // The cell is the figure's place: its column is the field, and the message says so.
        return new Rejected(column.label(), broken.get().reason(), "column " + column.label() + ": "
            + broken.get().message());
      }
    }

    List<Figure> figures = new ArrayList<>();
    for (int i = 0; i < years.size(); i++) {
      if (values[i] == null) {
        continue;
      }
      YearColumn column = years.get(i);
      Status status = column.preliminary() ? Status.PRELIMINARY : Status.FINAL;
      if (province.isPresent()) {
        Province p = province.get();
        figures.add(new Figure(p.gsoCode(), p.nameVi(), p.regionCode(), null, null, column.year(),
            Period.YEAR, column.indicator(), measure, values[i], column.unit(), status,
            options.vintage(), null));
      } else {
        Region r = region.get();
        figures.add(new Figure(null, null, null, r.code(), r.nameVi(), column.year(), Period.YEAR,
            column.indicator(), measure, values[i], column.unit(), status, options.vintage(), null));
      }
    }
    return province.isPresent()
        ? new Accepted(figures, List.of(), notAvailable, skippedColumns)
        : new Accepted(List.of(), figures, notAvailable, skippedColumns);
  }

  List<YearColumn> years() {
    return years;
  }

  static String describe(TableSpec spec) {
    return String.format(Locale.ROOT, "%s %s (%s)", spec.indicator(), spec.measure(), spec.unit());
  }
}
