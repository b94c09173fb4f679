package io.provstat.ingest;

import io.provstat.ingest.GsoTableParser.TableSpec;
import io.provstat.ingest.report.ReportExtractor;
import io.provstat.reference.Indicator;
import io.provstat.reference.Measure;
import io.provstat.reference.ReferenceData;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns the command line's inputs into files to ingest, on the driver: expands directories, checks
 * every file can be opened, tells its format from its first lines and builds its parser from its
 * header. Anything wrong here is an {@link InputException}: the run has not started, so it stops
 * with a message that names the file (exit code 2) instead of quarantining a whole file.
 */
public final class InputResolver {

  /** File name endings read when a directory is given. */
  public static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".txt");

  /** How much of a file is read to tell its format. */
  private static final int SNIFF_BYTES = 64 * 1024;
  private static final int SNIFF_LINES = 20;
  private static final char[] DELIMITERS = {',', ';', '\t'};

  /**
   * What the command line says about the inputs.
   *
   * @param format the format of every file, or null to tell it per file
   * @param gsoSpec what GSO tables hold, or null to tell it from each table's title; its unit and
   *     measure may be null (implied)
   */
  public record Request(List<String> inputs, InputFormat format, TableSpec gsoSpec, ParseOptions options) {}

  /** The files to ingest, and the files of input directories that were not taken (with why). */
  public record Resolution(List<InputFile> files, List<String> skipped) {}

  private final Configuration hadoopConf;

  public InputResolver(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  public Resolution resolve(Request request) {
    if (request.inputs().isEmpty()) {
      throw new InputException("no input given (--input PATH...)");
    }
    TableSpec optionSpec = request.gsoSpec() == null ? null : completeSpec(request.gsoSpec(), "the command line");
    Map<String, InputFile> files = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (String input : request.inputs()) {
      Path root;
      try {
        root = new Path(input);
      } catch (IllegalArgumentException e) {
        throw new InputException("not a valid input path: '" + input + "' (" + e.getMessage() + ")");
      }
      try {
        FileSystem fs = root.getFileSystem(hadoopConf);
        FileStatus status;
        try {
          status = fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
          throw new InputException("input not found: " + input);
        }
        List<Path> paths = new ArrayList<>();
        if (status.isDirectory()) {
          listFiles(fs, status.getPath(), paths, skipped);
          if (paths.isEmpty()) {
            throw new InputException("no input files (" + String.join(", ", EXTENSIONS) + ") under " + input);
          }
        } else {
          String name = status.getPath().getName();
          if (name.startsWith(".") || name.startsWith("_")) {
            throw new InputException("input file " + input + " has a hidden name (starting with '.' or '_'), "
                + "which Spark's file listing skips; rename it");
          }
          paths.add(status.getPath());
        }
        String base = root.getParent() == null ? "" : fs.makeQualified(root.getParent()).toUri().getPath();
        for (Path path : paths) {
          Path qualified = fs.makeQualified(path);
          String source = status.isDirectory()
              ? relative(base, qualified.toUri().getPath())
              : qualified.getName();
          if (!files.containsKey(qualified.toString())) {
            List<String> head = firstLines(fs, qualified);
            if (head.stream().allMatch(String::isBlank)) {
              skipped.add(source + " (empty)");
              continue;
            }
            if (status.isDirectory() && request.format() != null && request.format() != InputFormat.REPORT
                && qualified.getName().toLowerCase(Locale.ROOT).endsWith(".txt")) {
              skipped.add(source + " (text files are read as reports, not as " + request.format().code() + ")");
              continue;
            }
            if (isReport(qualified, request)) {
              try {
                files.put(qualified.toString(), report(fs, qualified, source, request));
              } catch (NotAReport e) {
                if (!status.isDirectory()) {
                  throw new InputException("cannot read " + source + ": " + e.getMessage()
                      + " (give --format for a table)");
                }
                skipped.add(source + " (" + e.getMessage() + ")");
              }
              continue;
            }
            files.put(qualified.toString(), sniff(qualified, head, source, request, optionSpec));
          }
        }
      } catch (IOException e) {
        throw new InputException("cannot read input " + input + ": " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new InputException("no input file has any data: " + String.join(", ", skipped));
    }
    // Real and synthetic files are told apart here (InputFile.synthetic); ingest refuses a mix and
    // pipeline splits it (see Provenance).
    return new Resolution(uniqueSources(files.values()), List.copyOf(skipped));
  }

  /** A file that was taken for a report but does not read as one. */
  private static final class NotAReport extends InputException {
    NotAReport(String message) {
      super(message);
    }
  }

  /** Reports are told by name (*.txt) unless --format says every file is one. */
  private static boolean isReport(Path path, Request request) {
    return request.format() == InputFormat.REPORT
        || (request.format() == null && path.getName().toLowerCase(Locale.ROOT).endsWith(".txt"));
  }

  private static InputFile report(FileSystem fs, Path path, String source, Request request) throws IOException {
    long length = fs.getFileStatus(path).getLen();
    if (length > ReportParser.MAX_BYTES) {
      throw new InputException("report " + source + " has " + length + " bytes; a report is at most "
          + ReportParser.MAX_BYTES + " (give only the text of reports)");
    }
    String head = headText(fs, path);
    if (request.format() == null && !ReportExtractor.mentionsIndicator(head)) {
      throw new NotAReport("text that names no indicator of " + "report_phrases.csv: not a report");
    }
    boolean synthetic = ReportExtractor.isSynthetic(head);
    return new InputFile(path.toString(), source, InputFormat.REPORT,
        new ReportParser(request.options(), synthetic), "report" + (synthetic ? " (synthetic)" : ""),
        List.of(), synthetic);
  }

  /** The start of a text file, decoded leniently; enough to find an indicator and the first line. */
  private static String headText(FileSystem fs, Path path) {
    byte[] head = new byte[SNIFF_BYTES];
    int length = 0;
    try (InputStream in = fs.open(path)) {
      int n;
      while (length < head.length && (n = in.read(head, length, head.length - length)) > 0) {
        length += n;
      }
    } catch (IOException e) {
      throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    int bom = ByteLines.bomLength(head, length);
    return new String(head, bom, length - bom, StandardCharsets.UTF_8);
  }

  /**
   * Rows cite their file by a short name; where two files would share one (the same relative path
   * under two input folders), both are cited by their full path instead.
   */
  private static List<InputFile> uniqueSources(java.util.Collection<InputFile> files) {
    Map<String, Long> counts = files.stream()
        .collect(java.util.stream.Collectors.groupingBy(InputFile::source, java.util.stream.Collectors.counting()));
    List<InputFile> unique = new ArrayList<>();
    for (InputFile f : files) {
      unique.add(counts.get(f.source()) == 1 ? f
          : f.withSource(new Path(f.path()).toUri().getPath()));
    }
    return List.copyOf(unique);
  }

  private static void listFiles(FileSystem fs, Path dir, List<Path> paths, List<String> skipped)
      throws IOException {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    List<Path> found = new ArrayList<>();
    while (it.hasNext()) {
      LocatedFileStatus file = it.next();
      Path path = file.getPath();
      if (isHidden(dir, path)) {
        continue;
      }
      String name = path.getName().toLowerCase(Locale.ROOT);
      if (EXTENSIONS.stream().anyMatch(name::endsWith)) {
        found.add(path);
      } else {
        skipped.add(path + " (not " + String.join(", ", EXTENSIONS) + ")");
      }
    }
    found.sort(null);
    paths.addAll(found);
  }

  /** Files and folders whose name starts with '.' or '_' are hidden, as in Spark and Hadoop. */
  private static boolean isHidden(Path root, Path path) {
    for (Path p = path; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
      if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static String relative(String base, String path) {
    String prefix = base.endsWith("/") ? base : base + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private InputFile sniff(Path path, List<String> lines, String source, Request request, TableSpec optionSpec) {
    String name = path.toString();
    if (name.contains(",") || name.matches(".*[{}\\[\\]*?\\\\].*")) {
      throw new InputException("input file name has a character Spark's file listing reads as a pattern "
          + "(one of , { } [ ] * ? \\): " + name + "; rename it");
    }
    List<String> notes = new ArrayList<>();
    ParseOptions options = request.options();
    // Tidy CSV: the first line that is neither blank nor a comment is the header.
    if (request.format() == null || request.format() == InputFormat.TIDY_CSV) {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        for (char delimiter : DELIMITERS) {
          if (TidyCsvParser.looksLikeHeader(line, delimiter)) {
            List<String> ignored = new ArrayList<>();
            TidyCsvParser parser = TidyCsvParser.fromHeader(source, i + 1, line, delimiter, options, ignored);
            if (!ignored.isEmpty()) {
              notes.add(source + ": ignored columns " + ignored);
            }
            boolean synthetic = firstDocument(parser, lines.subList(i + 1, lines.size()))
                .map(Provenance::isSyntheticDocument).orElse(false);
            return new InputFile(name, source, InputFormat.TIDY_CSV, parser.withProvenance(synthetic),
                synthetic ? "synthetic observations" : "observations", notes, synthetic);
          }
        }
        break;
      }
    }
    if (request.format() == null || request.format() == InputFormat.GSO_TABLE) {
      String title = null;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        for (char delimiter : DELIMITERS) {
          if (GsoTableParser.looksLikeHeader(line, delimiter)) {
            TableSpec spec = optionSpec != null ? optionSpec : titleSpec(source, title);
            GsoTableParser parser = GsoTableParser.fromHeader(source, i + 1, line, delimiter, spec, options);
            return new InputFile(name, source, InputFormat.GSO_TABLE, parser,
                spec.indicator() + " " + spec.measure() + " (" + spec.unit() + ")", notes, false);
          }
        }
        if (title == null && !line.isBlank()) {
          title = line.strip().replaceAll("^\"|\"$", "");
        }
      }
    }
    String expected = request.format() == null
        ? "neither a tidy CSV header (with year, indicator, measure) nor a GSO table header (Cities, provincies;years)"
        : "no " + request.format().code() + " header";
    throw new InputException("cannot read " + source + ": " + expected + " in its first " + lines.size()
        + " lines" + (request.format() == null ? "; give --format (" + InputFormat.codes() + ")" : ""));
  }

  /** The document of a tidy file's first data line, which sets the file's provenance. */
  private static Optional<String> firstDocument(TidyCsvParser parser, List<String> dataLines) {
    for (String line : dataLines) {
      if (!parser.isSkippable(line)) {
        return parser.documentOf(line);
      }
    }
    return Optional.empty();
  }

  private static TableSpec titleSpec(String source, String title) {
    if (title == null) {
      throw new InputException(source + ": GSO table without a title; give --indicator (and --measure, --unit)");
    }
    TableSpec spec = GsoTableTitles.lookup(title).orElseThrow(() -> new InputException(source
        + ": GSO table '" + title + "' is not one provstat knows; give --indicator (and --measure, --unit)"));
    return completeSpec(spec, GsoTableTitles.RESOURCE);
  }

  /** Checks a table spec against the catalogue and fills in an implied measure or unit. */
  static TableSpec completeSpec(TableSpec spec, String origin) {
    ReferenceData ref = ReferenceData.get();
    if (spec.indicator() == null) {
      throw new InputException("--measure and --unit need --indicator");
    }
    Indicator indicator = ref.indicator(spec.indicator()).orElseThrow(() -> new InputException(
        "unknown indicator '" + spec.indicator() + "' in " + origin + " (known: "
            + String.join(", ", java.util.stream.Stream.concat(ref.indicators().stream(),
                ref.indicatorFamilies().stream()).map(Indicator::code).toList()) + ")"));
    String measureCode = spec.measure() == null ? Measure.VALUE.code() : spec.measure();
    Measure measure = Measure.fromCode(measureCode).orElseThrow(() -> new InputException(
        "unknown measure '" + measureCode + "' in " + origin));
    String expectedUnit = measure.unitFor(indicator);
    if (spec.unit() != null && !spec.unit().equals(expectedUnit)) {
      throw new InputException("unit '" + spec.unit() + "' in " + origin + " does not fit " + indicator.code()
          + " " + measure.code() + ", which is stated in " + expectedUnit);
    }
    return new TableSpec(indicator.code(), measure.code(), expectedUnit, spec.vietnameseNumbers());
  }

  /** The first lines of a file, decoded leniently (the executors decode strictly and quarantine). */
  private static List<String> firstLines(FileSystem fs, Path path) {
    byte[] head = new byte[SNIFF_BYTES];
    int length = 0;
    try (InputStream in = fs.open(path)) {
      int n;
      while (length < head.length && (n = in.read(head, length, head.length - length)) > 0) {
        length += n;
      }
    } catch (FileNotFoundException e) {
      throw new InputException("input not found: " + path);
    } catch (IOException e) {
      throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int start = ByteLines.bomLength(head, length);
    for (int i = start; i < length && lines.size() < SNIFF_LINES; i++) {
      if (head[i] == '\n') {
        lines.add(ByteLines.stripCr(line.toString(StandardCharsets.UTF_8)));
        line.reset();
      } else {
        line.write(head[i]);
      }
    }
    if (line.size() > 0 && lines.size() < SNIFF_LINES) {
      lines.add(ByteLines.stripCr(line.toString(StandardCharsets.UTF_8)));
    }
    return lines;
  }
}
