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
 * <p>A line is taken whole or not at all: one unreadable cell quarantines the line, so a province
 * never enters the warehouse with a silently shortened series.
 */
public final class GsoTableParser implements LineParser {

  /** Row labels of the header line that mark a GSO table. */
  static final List<String> ROW_LABEL_KEYS = List.of("citiesprovincies", "citiesprovinces", "provinces",
      "tinhthanhpho", "diaphuong", "thanhphotinh");

  private static final Pattern YEAR_CELL =
      Pattern.compile("(?iu)\\s*(prel\\.?|sơ bộ|so bo|ước tính|uoc tinh)?\\s*(\\d{4})\\s*");

  /**
   * What the table's numbers are: from --indicator/--measure/--unit or from its title.
   *
   * @param vietnameseNumbers whether cells are written "1.234,5" (Vietnamese tables) rather than "1234.5"
   */
  public record TableSpec(String indicator, String measure, String unit, boolean vietnameseNumbers)
      implements Serializable {}

  /** One year column of the header. */
  record YearColumn(int year, boolean preliminary) implements Serializable {}

  private final int headerLine;
  private final char delimiter;
  private final List<YearColumn> years;
  private final TableSpec spec;
  private final ParseOptions options;

  private GsoTableParser(int headerLine, char delimiter, List<YearColumn> years, TableSpec spec,
      ParseOptions options) {
    this.headerLine = headerLine;
    this.delimiter = delimiter;
    this.years = years;
    this.spec = spec;
    this.options = options;
  }

  /** Whether a line is the header of a GSO table with this delimiter. */
  static boolean looksLikeHeader(String text, char delimiter) {
    try {
      List<String> cells = CsvSplitter.split(text, delimiter);
      return cells.size() >= 2 && ROW_LABEL_KEYS.contains(NameKey.fold(cells.get(0)))
          && YEAR_CELL.matcher(cells.get(1)).matches();
    } catch (CsvSplitter.MalformedLineException e) {
      return false;
    }
  }

  /**
   * Builds the parser from the header line.
   *
   * @throws InputException naming the file, line and cell when a header cell is not a year in range
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
    List<YearColumn> years = new ArrayList<>();
    for (String cell : cells.subList(1, width)) {
      Matcher m = YEAR_CELL.matcher(cell);
      if (!m.matches()) {
        throw new InputException(source + " line " + headerLine + ": header cell '" + cell
            + "' is not a year (expected e.g. 2015 or Prel. 2016)");
      }
      int year = Integer.parseInt(m.group(2));
      // A year out of range in the header would refuse every figure of its column: the file is refused.
      Optional<FigureRules.Violation> broken = FigureRules.checkYear(year, new FigureRules.Context(options, false));
      if (broken.isPresent()) {
        throw new InputException(source + " line " + headerLine + ": header: " + broken.get().message()
            + " (see --min-year, --max-year)");
      }
      years.add(new YearColumn(year, m.group(1) != null));
    }
    return new GsoTableParser(headerLine, delimiter, List.copyOf(years), spec, options);
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
      String cell = cells.get(i + 1).strip();
      if (cell.isEmpty() || cell.equals("..") || cell.equals("-")) {
        notAvailable++;
        continue;
      }
      try {
        values[i] = spec.vietnameseNumbers() ? Numbers.parseVietnamese(cell) : Numbers.parseMachine(cell);
      } catch (Numbers.NumberFormatError e) {
        return new Rejected(String.valueOf(years.get(i).year()), QuarantineReason.UNPARSABLE_NUMBER,
            "column " + years.get(i).year() + ": " + e.getMessage());
      }
      int year = years.get(i).year();
      Optional<FigureRules.Violation> broken = FigureRules.check(new FigureRules.Candidate(province.orElse(null),
          year, spec.indicator(), measure, values[i], spec.unit(), null), new FigureRules.Context(options, syntheticFile));
      if (broken.isPresent()) {
        // The cell is the figure's place: its year column is the field, and the message says so.
        return new Rejected(String.valueOf(year), broken.get().reason(), "column " + year + ": "
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
            Period.YEAR, spec.indicator(), measure, values[i], spec.unit(), status,
            options.vintage(), null));
      } else {
        Region r = region.get();
        figures.add(new Figure(null, null, null, r.code(), r.nameVi(), column.year(), Period.YEAR,
            spec.indicator(), measure, values[i], spec.unit(), status, options.vintage(), null));
      }
    }
    return province.isPresent()
        ? new Accepted(figures, List.of(), notAvailable)
        : new Accepted(List.of(), figures, notAvailable);
  }

  List<YearColumn> years() {
    return years;
  }

  static String describe(TableSpec spec) {
    return String.format(Locale.ROOT, "%s %s (%s)", spec.indicator(), spec.measure(), spec.unit());
  }
}
