package io.provstat.ingest;

import io.provstat.reference.ResourceTable;
import io.provstat.text.CsvSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documented conversion of a third-party "long" file ({@code gso_code,name_ascii_src,year,
 * indicator,unit,value}, one figure a line) into tidy CSV, which ingest then reads like any other:
 * each series is mapped by {@value #RESOURCE} to a catalogue indicator, measure and unit, or skipped
 * there on purpose. Nothing is judged here (provinces, years, numbers and units are checked by the
 * tidy reader and its rules, which quarantine what they refuse); the conversion only refuses what it
 * cannot map, naming the file, line and value. Every line is accounted for: {@code read = written +
 * skipped}.
 *
 * <p>Run it as {@code java -cp target/provstat-VERSION-local.jar io.provstat.ingest.LongSeriesConversion
 * IN.csv OUT.csv [DOCUMENT]}; {@code DOCUMENT} (default {@code third-party:<IN's file name>}) is written
 * into every line's {@code document}, so that every observation names where it came from.
 */
public final class LongSeriesConversion {

  public static final String RESOURCE = "/io/provstat/ingest/long_series.csv";

  static final List<String> INPUT_COLUMNS = List.of("gso_code", "name_ascii_src", "year", "indicator", "unit", "value");
  static final String TIDY_HEADER = "province_code,province_name,year,indicator,measure,value,unit,status,document";

  /** A mapped series: the indicator, measure and unit it becomes, or a reason to skip it. */
  record Series(String indicator, String measure, String unit, String skipReason) {}

  /**
   * The tidy lines (header first), and per skipped series the lines left out.
   *
   * @param read data lines read (not the header, not blank lines)
   */
  public record Result(List<String> tidyLines, long read, long written, Map<String, Long> skipped) {
    public boolean balanced() {
      return read == written + skipped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final Map<String, Series> SERIES = load();

  private LongSeriesConversion() {}

  /** Converts the lines of a long file named {@code source}. */
  public static Result convert(List<String> lines, String source, String document) {
    int header = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      if (!lines.get(i).isBlank()) {
        header = i;
      }
    }
    if (header < 0) {
      throw new InputException(source + ": empty");
    }
    List<String> names = fields(stripBom(lines.get(header)), source, header + 1).stream()
        .map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
    Map<String, Integer> at = new LinkedHashMap<>();
    for (String column : INPUT_COLUMNS) {
      int index = names.indexOf(column);
      if (index < 0) {
        throw new InputException(source + " line " + (header + 1) + ": long-file header lacks " + column
            + " (expected " + String.join(",", INPUT_COLUMNS) + "; header: " + lines.get(header).strip() + ")");
      }
      at.put(column, index);
    }
    List<String> out = new ArrayList<>();
    out.add(TIDY_HEADER);
    long read = 0;
    long written = 0;
    Map<String, Long> skipped = new TreeMap<>();
    for (int i = header + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      read++;
      int lineNumber = i + 1;
      List<String> f = fields(lines.get(i), source, lineNumber);
      if (f.size() != names.size()) {
        throw new InputException(source + " line " + lineNumber + ": expected " + names.size()
            + " fields as in the header, found " + f.size());
      }
      String series = f.get(at.get("indicator")).strip();
      String unitText = f.get(at.get("unit")).strip();
      Series mapped = SERIES.get(key(series, unitText));
      if (mapped == null) {
        throw new InputException(source + " line " + lineNumber + ": series '" + series + "' in '" + unitText
            + "' is not in " + RESOURCE + "; add a row mapping it to a catalogue indicator, or skipping it");
      }
      if (mapped.indicator() == null) {
        skipped.merge(series, 1L, Long::sum);
        continue;
      }
      out.add(String.join(",", quote(f.get(at.get("gso_code")).strip()), quote(f.get(at.get("name_ascii_src")).strip()),
          quote(f.get(at.get("year")).strip()), mapped.indicator(), mapped.measure(),
          quote(f.get(at.get("value")).strip()), mapped.unit(), "final", quote(document)));
      written++;
    }
    return new Result(List.copyOf(out), read, written, Map.copyOf(skipped));
  }

  /** The document a file's figures cite by default. */
  public static String defaultDocument(String fileName) {
    return "third-party:" + fileName;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: LongSeriesConversion IN.csv OUT.csv [DOCUMENT]");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String document = args.length == 3 ? args[2] : defaultDocument(in.getFileName().toString());
    try {
      Result r = convert(Files.readAllLines(in, StandardCharsets.UTF_8), in.toString(), document);
      Files.write(out, r.tidyLines(), StandardCharsets.UTF_8);
      System.out.printf(Locale.ROOT, "%s: %d line(s) read, %d written to %s, skipped %s%n", in, r.read(), r.written(),
          out, r.skipped().isEmpty() ? "none" : r.skipped());
    } catch (InputException e) {
      System.err.println("provstat: " + e.getMessage());
      System.exit(2);
    }
  }

  private static List<String> fields(String line, String source, int lineNumber) {
    try {
      return CsvSplitter.split(line, ',');
    } catch (CsvSplitter.MalformedLineException e) {
      throw new InputException(source + " line " + lineNumber + ": " + e.getMessage());
    }
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }

  private static String key(String series, String unitText) {
    return series + "\u0000" + unitText;
  }

  private static Map<String, Series> load() {
    Map<String, Series> series = new LinkedHashMap<>();
    for (ResourceTable.Row row : ResourceTable.load(RESOURCE)) {
      String indicator = row.get("indicator");
      String reason = row.get("skip_reason");
      if (indicator.isEmpty() == reason.isEmpty()) {
        throw row.error("give either an indicator (with measure and unit) or a skip_reason");
      }
      Series s = indicator.isEmpty() ? new Series(null, null, null, reason)
          : new Series(indicator, row.required("measure"), row.required("unit"), null);
      if (s.indicator() != null) {
        // The mapping must fit the catalogue: the same check as --indicator/--unit on the command line.
        InputResolver.completeSpec(new GsoTableParser.TableSpec(s.indicator(), s.measure(), s.unit(), false), RESOURCE);
      }
      if (series.put(key(row.required("series"), row.required("unit_text")), s) != null) {
        throw row.error("series '" + row.get("series") + "' in '" + row.get("unit_text") + "' listed twice");
      }
    }
    return Map.copyOf(series);
  }
}
