package io.provstat.ingest;

import io.provstat.ingest.LineResult.NoFigure;
import io.provstat.ingest.LineResult.Quoted;
import io.provstat.ingest.LineResult.Rejected;
import io.provstat.ingest.LineResult.Stated;
import io.provstat.ingest.report.ReportExtractor;
import io.provstat.ingest.report.ReportExtractor.Extraction;
import io.provstat.ingest.report.ReportExtractor.Statement;
import io.provstat.reference.Measure;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Status;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Parses a narrative report as one document (province, year and subjects span lines), with
 * {@link ReportExtractor}, into what each of its non-blank lines became.
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

  public ReportParser(ParseOptions options) {
    this.options = options;
  }

  /** The document name rows cite: the file name, prefixed when the figures are invented. */
  static String document(String source, boolean synthetic) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    return synthetic ? "synthetic:" + name : name;
  }

  /** The bytes of a report as read, {@code length} of them valid. */
  record ReportBytes(byte[] content, int length) {}

  @Override
  public Iterator<ParsedLine> lines(FileSystem fs, InputFile file) throws IOException {
    return parse(file.source(), read(fs, new Path(file.path())), file.synthetic()).iterator();
  }

  /** A report is read whole, up to one byte past the limit so that a larger file is told apart. */
  private static ReportBytes read(FileSystem fs, Path path) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int length = 0;
    try (DataInputStream in = fs.open(path)) {
      int n;
      while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
        if (length == buffer.length) {
          if (length > MAX_BYTES) {
            break;
          }
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BYTES + 1));
        }
      }
    }
    return new ReportBytes(buffer, length);
  }

  /** What each non-blank line of one report became, in order. */
  List<ParsedLine> parse(String source, ReportBytes bytes, boolean synthetic) {
    byte[] content = bytes.content();
    int length = bytes.length();
    if (length > MAX_BYTES) {
      return List.of(new ParsedLine(1, "", new Rejected(null, QuarantineReason.FILE_TOO_LARGE,
          "a report is at most " + MAX_BYTES + " bytes; this file has more")));
    }
    int bom = ByteLines.bomLength(content, length);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, bom, length - bom)).toString();
    } catch (CharacterCodingException e) {
      String lenient = new String(content, bom, length - bom, StandardCharsets.UTF_8);
      return quarantineAll(lenient, QuarantineReason.UNDECODABLE_BYTES,
          "the report is not valid UTF-8 text, so its quotes could not be trusted");
    }
    Extraction x = ReportExtractor.extract(text, options.reportProvince(), options.reportYear());
    if (x.problem() != null) {
      QuarantineReason reason = x.problem() == ReportExtractor.Problem.PROVINCE_UNDETERMINED
          ? QuarantineReason.UNDETERMINED_PROVINCE : QuarantineReason.UNDETERMINED_YEAR;
      return quarantineAll(text, reason, x.message());
    }
    Province province = ReferenceData.get().provinceByCode(x.provinceCode()).orElseThrow();
    String document = document(source, synthetic);
    FigureRules.Context rules = new FigureRules.Context(options, synthetic);
    Map<Integer, List<Statement>> byLine = new TreeMap<>();
    for (Statement s : x.statements()) {
      byLine.computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s);
    }
    List<ParsedLine> parsed = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<Statement> statements = byLine.getOrDefault(i + 1, List.of());
      parsed.add(new ParsedLine(i + 1, lines.get(i), statements.isEmpty() ? new NoFigure()
          : stated(statements, province, document, rules)));
    }
    return parsed;
  }

  /** A line's figures: each stored with its quote, or refused by the rule set naming its quote and offsets. */
  private Stated stated(List<Statement> statements, Province province, String document, FigureRules.Context rules) {
    List<Quoted> stored = new ArrayList<>();
    List<Rejected> refused = new ArrayList<>();
    for (Statement s : statements) {
      Measure measure = Measure.fromCode(s.measure()).orElseThrow();
      Optional<FigureRules.Violation> broken = FigureRules.check(new FigureRules.Candidate(province, s.year(),
          s.indicator(), measure, s.value(), s.unit(), document), rules);
      if (broken.isPresent()) {
        FigureRules.Violation v = broken.get();
        refused.add(new Rejected(v.field().column(), v.reason(), "figure '" + s.quote() + "' (characters "
            + s.quoteStart() + "-" + s.quoteEnd() + "): " + v.message()));
        continue;
      }
      Figure f = new Figure(province.gsoCode(), province.nameVi(), province.regionCode(), s.scope(), null,
          s.year(), s.period(), s.indicator(), measure, s.value(), s.unit(), Status.fromCode(s.status()).orElseThrow(),
          options.vintage(), document);
      stored.add(new Quoted(f, s.quote(), s.quoteStart(), s.quoteEnd()));
    }
    return new Stated(stored, refused);
  }

  private static List<ParsedLine> quarantineAll(String text, QuarantineReason reason, String message) {
    List<ParsedLine> parsed = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        parsed.add(new ParsedLine(i + 1, lines.get(i), new Rejected(null, reason, message)));
      }
    }
    return parsed;
  }
}
