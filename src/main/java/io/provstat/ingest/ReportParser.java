package io.provstat.ingest;

import io.provstat.ingest.LineResult.Rejected;
import io.provstat.ingest.StagedRecords.Figure;
import io.provstat.ingest.report.ReportExtractor;
import io.provstat.ingest.report.ReportExtractor.Extraction;
import io.provstat.ingest.report.ReportExtractor.Statement;
import io.provstat.reference.Measure;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Parses a narrative report as one document (province, year and subjects span lines) into staged
 * records, with {@link ReportExtractor}.
 *
 * <p>Accounting: every non-blank text line is read; a line where the quote of at least one figure
 * starts is accepted when all its figures are stored, and quarantined when any is refused (by the
 * rule set, {@link FigureRules}: year out of range, province not in force, the value rules): each refused figure is a quarantine row of its
 * own, naming its quote and offsets, and the line's other figures are still stored. A line that
 * states no figure (narrative, menus, footers) is counted in {@code lines_without_figures}; so
 * {@code read = accepted + quarantined + without figures}. A report
 * whose province or year cannot be told, whose bytes are not UTF-8 or that is too large is
 * quarantined whole: each of its non-blank lines is a quarantine row with the reason.
 */
public final class ReportParser implements FormatParser {

  /** Reports are web-page text of a few KiB; anything this large is not one. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private final ParseOptions options;
  private final boolean synthetic;

  public ReportParser(ParseOptions options, boolean synthetic) {
    this.options = options;
    this.synthetic = synthetic;
  }

  /** The document name rows cite: the file name, prefixed when the figures are invented. */
  static String document(String source, boolean synthetic) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    return synthetic ? "synthetic:" + name : name;
  }

  /** All staged rows of one report, ending with its summary; {@code content} is the whole file. */
  /** The bytes of a report as read, {@code length} of them valid. */
  record ReportBytes(byte[] content, int length) {}

  List<Row> rows(String source, String format, String description, ReportBytes bytes) {
    byte[] content = bytes.content();
    int length = bytes.length();
    List<Row> rows = new ArrayList<>();
    if (length > MAX_BYTES) {
      rows.add(StagedRecords.quarantine(source, 1, "", null, QuarantineReason.FILE_TOO_LARGE,
          "a report is at most " + MAX_BYTES + " bytes; this file has more"));
      rows.add(StagedRecords.fileSummary(source, format, description, 1, 0, 1, 0, 0, 0, 0));
      return rows;
    }
    int bom = ByteLines.bomLength(content, length);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, bom, length - bom)).toString();
    } catch (CharacterCodingException e) {
      String lenient = new String(content, bom, length - bom, StandardCharsets.UTF_8);
      return quarantineAll(source, format, description, lenient, QuarantineReason.UNDECODABLE_BYTES,
          "the report is not valid UTF-8 text, so its quotes could not be trusted");
    }
    Extraction x = ReportExtractor.extract(text, options.reportProvince(), options.reportYear());
    if (x.problem() != null) {
      QuarantineReason reason = x.problem() == ReportExtractor.Problem.PROVINCE_UNDETERMINED
          ? QuarantineReason.UNDETERMINED_PROVINCE : QuarantineReason.UNDETERMINED_YEAR;
      return quarantineAll(source, format, description, text, reason, x.message());
    }
    Province province = ReferenceData.get().provinceByCode(x.provinceCode()).orElseThrow();
    String document = document(source, synthetic);
    Map<Integer, List<Statement>> byLine = new TreeMap<>();
    for (Statement s : x.statements()) {
      byLine.computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s);
    }
    Set<Integer> accepted = new TreeSet<>();
    Set<Integer> quarantined = new TreeSet<>();
    List<String> lines = text.lines().toList();
    long observations = 0;
    for (Map.Entry<Integer, List<Statement>> line : byLine.entrySet()) {
      String lineText = lines.get(line.getKey() - 1);
      boolean anyRejected = false;
      for (Statement s : line.getValue()) {
        Rejected rejected = rejection(s, province, document);
        if (rejected != null) {
          // Each refused figure is its own quarantine row, located by its quote's offsets.
          anyRejected = true;
          rows.add(StagedRecords.quarantine(source, line.getKey(), lineText, rejected.field(), rejected.reason(),
              "figure '" + s.quote() + "' (characters " + s.quoteStart() + "-" + s.quoteEnd() + "): "
                  + rejected.message()));
          continue;
        }
        Figure f = new Figure(province.gsoCode(), province.nameVi(), province.regionCode(), s.scope(), null,
            s.year(), s.period(), s.indicator(), s.measure(), s.value(), s.unit(), s.status(),
            options.vintage(), document);
        rows.add(StagedRecords.observation(f, source, s.line(), s.quote(), s.quoteStart(), s.quoteEnd()));
        observations++;
      }
      // A line with any refused figure counts as quarantined (its other figures are still stored), so
      // a warning is never missed: lines_quarantined counts lines, the quarantine table has a row per figure.
      (anyRejected ? quarantined : accepted).add(line.getKey());
    }
    long read = x.nonBlankLines();
    rows.add(StagedRecords.fileSummary(source, format, description, read, accepted.size(), quarantined.size(),
        read - accepted.size() - quarantined.size(), 0, observations, 0));
    return rows;
  }

  /** Why a figure of the report may not be stored ({@link FigureRules}), or null. */
  private Rejected rejection(Statement s, Province province, String document) {
    Measure measure = Measure.fromCode(s.measure()).orElseThrow();
    return FigureRules.check(new FigureRules.Candidate(province, s.year(), s.indicator(), measure, s.value(), s.unit(),
            document), new FigureRules.Context(options, synthetic))
        .map(v -> new Rejected(v.field().column(), v.reason(), v.message())).orElse(null);
  }

  private static List<Row> quarantineAll(String source, String format, String description, String text,
      QuarantineReason reason, String message) {
    List<Row> rows = new ArrayList<>();
    List<String> lines = text.lines().toList();
    long read = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        read++;
        rows.add(StagedRecords.quarantine(source, i + 1, lines.get(i), null, reason, message));
      }
    }
    rows.add(StagedRecords.fileSummary(source, format, description, read, 0, read, 0, 0, 0, 0));
    return rows;
  }
}
