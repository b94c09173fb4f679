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

  /** How much of a report is read first to tell it is one; how many non-blank lines tell a table's format. */
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
    Resolving run = new Resolving(request, optionSpec, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
    for (String input : request.inputs()) {
      resolveInput(input, run);
    }
    if (run.files().isEmpty()) {
      throw new InputException("no input file has any data: " + String.join(", ", run.skipped()));
    }
    // Real and synthetic files are told apart here, once (InputFile.synthetic); ingest refuses a mix and
    // pipeline splits it (see Provenance).
    return new Resolution(uniqueSources(run.files().values()), List.copyOf(run.skipped()));
  }

  /**
   * The state of one resolution: the files found so far by qualified path, the file each identity
   * (real path) was first reached as (a file reached again through a link or a second argument is
   * read once, and the summary says so), and what was skipped.
   */
  private record Resolving(Request request, TableSpec optionSpec, Map<String, InputFile> files,
      Map<String, String> reached, List<String> skipped) {}

  /** One input argument: a file, or a folder walked recursively. */
  private void resolveInput(String input, Resolving run) {
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
      String base = root.getParent() == null ? "" : fs.makeQualified(root.getParent()).toUri().getPath();
      List<Path> paths = new ArrayList<>();
      if (status.isDirectory()) {
        Walk walk = new Walk(fs, base, run.reached(), run.skipped());
        walk.directory(fs.makeQualified(status.getPath()), paths);
        if (walk.taken == 0) {
          throw new InputException("no input files (" + String.join(", ", EXTENSIONS) + ") under " + input);
        }
      } else {
        singleFile(fs, status, input, run).ifPresent(paths::add);
      }
      for (Path qualified : paths) {
        String source = status.isDirectory() ? relative(base, qualified.toUri().getPath()) : qualified.getName();
        readFile(fs, qualified, source, status.isDirectory(), run);
      }
    } catch (IOException e) {
      throw new InputException("cannot read input " + input + ": " + e.getMessage(), e);
    }
  }

  /** A file named as an input, unless it was reached before; refused when it is not a regular, visible file. */
  private static Optional<Path> singleFile(FileSystem fs, FileStatus status, String input, Resolving run)
      throws IOException {
    // A named pipe, socket or device is not a file to read: opening a pipe with no writer
    // blocks for ever (a folder's walk skips them, so must a path given as an input).
    java.nio.file.Path localFile = localPath(fs, status.getPath());
    if (localFile != null ? !java.nio.file.Files.isRegularFile(localFile) : !status.isFile()) {
      throw new InputException("input " + input + " is not a regular file (a pipe, socket or device); "
          + "give a file or a folder");
    }
    String name = status.getPath().getName();
    if (name.startsWith(".") || name.startsWith("_")) {
      throw new InputException("input file " + input + " has a hidden name (starting with '.' or '_'), "
          + "which provstat, like Spark and Hadoop, takes for a file that is not data; rename it");
    }
    Path qualified = fs.makeQualified(status.getPath());
    String first = run.reached().putIfAbsent(identity(fs, qualified), qualified.getName());
    if (first != null) {
      run.skipped().add(qualified.getName() + " (the same file as " + first + READ_ONCE + ")");
      return Optional.empty();
    }
    return Optional.of(qualified);
  }

  /** One file found: skipped (empty, a text file among tables, a text that is not a report) or told apart and kept. */
  private void readFile(FileSystem fs, Path qualified, String source, boolean inFolder, Resolving run)
      throws IOException {
    Request request = run.request();
    Head head = firstLines(fs, qualified);
    if (head.lines().isEmpty()) {
      run.skipped().add(source + " (empty)");
      return;
    }
    if (inFolder && request.format() != null && request.format() != InputFormat.REPORT
        && qualified.getName().toLowerCase(Locale.ROOT).endsWith(".txt")) {
      run.skipped().add(source + " (text files are read as reports, not as " + request.format().code() + ")");
      return;
    }
    if (!isReport(qualified, request)) {
      run.files().put(qualified.toString(), sniff(qualified, head.lines(), source, request, run.optionSpec()));
      return;
    }
    try {
      run.files().put(qualified.toString(), report(fs, qualified, source, request));
    } catch (NotAReport e) {
      if (!inFolder) {
        throw new InputException("cannot read " + source + ": " + e.getMessage() + " (give --format for a table)");
      }
      run.skipped().add(source + " (" + e.getMessage() + ")");
    }
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
    String head = headText(fs, path, SNIFF_BYTES);
    // A page's menus may fill the first 64 KiB: only a report's whole text (at most 4 MiB) says
    // it names no indicator.
    if (request.format() == null && !ReportExtractor.mentionsIndicator(head)
        && (length <= SNIFF_BYTES || !ReportExtractor.mentionsIndicator(headText(fs, path, (int) length)))) {
      throw new NotAReport("text that names no indicator of " + "report_phrases.csv: not a report");
    }
    boolean synthetic = ReportExtractor.isSynthetic(head);
    return new InputFile(path.toString(), source, InputFormat.REPORT,
        new ReportParser(request.options()), "report" + (synthetic ? " (synthetic)" : ""),
        List.of(), synthetic);
  }

  /** The start of a text file, decoded leniently: its first line, and where to look for an indicator. */
  private static String headText(FileSystem fs, Path path, int bytes) {
    byte[] head = head(fs, path, bytes);
    int bom = ByteLines.bomLength(head, head.length);
    return new String(head, bom, head.length - bom, StandardCharsets.UTF_8);
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

  /** How a skipped note ends when the file or folder was already taken under another name. */
  private static final String READ_ONCE = ", read once";

  /**
   * A depth-first walk of one input folder, in name order. Symbolic links are followed, but a link
   * back to a folder on the current walk (a loop: {@code loop -> .}, {@code sub/up -> ..}) stops the
   * run naming the link, and a file or folder reached a second time is taken once and named in the
   * skipped notes. Folders are told by identity (their real path on a local disk), not by name.
   */
  private static final class Walk {
    private final FileSystem fs;
    private final String base;
    private final Map<String, String> reached;
    private final List<String> skipped;
    private final java.util.Set<String> onWalk = new java.util.HashSet<>();
    /** Input files and folders met, including those already taken under another name. */
    int taken;

    Walk(FileSystem fs, String base, Map<String, String> reached, List<String> skipped) {
      this.fs = fs;
      this.base = base;
      this.reached = reached;
      this.skipped = skipped;
    }

    private String cited(Path path) {
      return relative(base, path.toUri().getPath());
    }

    void directory(Path dir, List<Path> paths) throws IOException {
      String id = identity(fs, dir);
      if (onWalk.contains(id)) {
        throw new InputException("symbolic link loop: " + dir.toUri().getPath() + " leads back to " + id
            + ", which holds it; remove the link, or give the folders it should read as inputs");
      }
      String first = reached.putIfAbsent(id, cited(dir));
      if (first != null) {
        taken++;
        skipped.add(cited(dir) + " (the same folder as " + first + READ_ONCE + ")");
        return;
      }
      onWalk.add(id);
      List<Path> found = new ArrayList<>();
      for (Entry entry : entries(dir)) {
        if (entry.name().startsWith(".") || entry.name().startsWith("_")) {
          continue; // hidden, as in Spark and Hadoop
        }
        if (entry.missing()) {
          skipped.add(cited(entry.path()) + " (a symbolic link to " + entry.target() + ", which does not exist)");
        } else if (entry.directory()) {
          directory(entry.path(), paths);
        } else if (!entry.regular()) {
          skipped.add(cited(entry.path()) + " (not a regular file)");
        } else {
          String name = entry.name().toLowerCase(Locale.ROOT);
          if (!EXTENSIONS.stream().anyMatch(name::endsWith)) {
            skipped.add(entry.path() + " (not " + String.join(", ", EXTENSIONS) + ")");
            continue;
          }
          taken++;
          String firstFile = reached.putIfAbsent(identity(fs, entry.path()), cited(entry.path()));
          if (firstFile != null) {
            skipped.add(cited(entry.path()) + " (the same file as " + firstFile + READ_ONCE + ")");
          } else {
            found.add(entry.path());
          }
        }
      }
      onWalk.remove(id);
      found.sort(null);
      paths.addAll(found);
    }

    /** A folder's entries in name order; on a local disk links are resolved here so that loops are seen. */
    private List<Entry> entries(Path dir) throws IOException {
      List<Entry> entries = new ArrayList<>();
      java.nio.file.Path local = localPath(fs, dir);
      if (local != null) {
        // Hadoop's local listing drops dangling links without a word and cannot tell links apart.
        try (java.util.stream.Stream<java.nio.file.Path> children = java.nio.file.Files.list(local)) {
          for (java.nio.file.Path child : children.sorted().toList()) {
            String name = child.getFileName().toString();
            // The three-part Path keeps a name with ':' from being read as a URI scheme.
            Path path = new Path(dir, new Path(null, null, name));
            boolean exists = java.nio.file.Files.exists(child);
            String target = exists || !java.nio.file.Files.isSymbolicLink(child) ? null
                : java.nio.file.Files.readSymbolicLink(child).toString();
            entries.add(new Entry(path, name, exists && java.nio.file.Files.isDirectory(child),
                exists && java.nio.file.Files.isRegularFile(child), !exists, target));
          }
        }
        return entries;
      }
      FileStatus[] statuses = fs.listStatus(dir);
      java.util.Arrays.sort(statuses, java.util.Comparator.comparing(st -> st.getPath().getName()));
      for (FileStatus st : statuses) {
        entries.add(new Entry(fs.makeQualified(st.getPath()), st.getPath().getName(), st.isDirectory(), st.isFile(),
            false, null));
      }
      return entries;
    }
  }

  private record Entry(Path path, String name, boolean directory, boolean regular, boolean missing, String target) {}

  /** The local file behind a path of the local filesystem, or null on any other filesystem. */
  private static java.nio.file.Path localPath(FileSystem fs, Path path) {
    if (!"file".equals(fs.getUri().getScheme())) {
      return null;
    }
    // The decoded path, not Paths.get(URI): Hadoop leaves non-ASCII letters unescaped in its URIs,
    // which the JDK's URI conversion refuses.
    return java.nio.file.Path.of(fs.makeQualified(path).toUri().getPath());
  }

  /**
   * What a file or folder is, whatever it was reached as: its real path on a local disk (links
   * resolved); elsewhere its qualified path (HDFS resolves no links by default, object stores have none).
   */
  private static String identity(FileSystem fs, Path path) throws IOException {
    java.nio.file.Path local = localPath(fs, path);
    return local != null ? local.toRealPath().toString() : fs.makeQualified(path).toString();
  }

  private static String relative(String base, String path) {
    String prefix = base.endsWith("/") ? base : base + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private InputFile sniff(Path path, List<ByteLines.Line> lines, String source, Request request,
      TableSpec optionSpec) {
    String name = path.toString();
    List<String> notes = new ArrayList<>();
    ParseOptions options = request.options();
    // Tidy CSV: the first line that is neither blank nor a comment is the header.
    if (request.format() == null || request.format() == InputFormat.TIDY_CSV) {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).text();
        if (line.strip().startsWith("#")) {
          continue;
        }
        for (char delimiter : DELIMITERS) {
          if (TidyCsvParser.looksLikeHeader(line, delimiter)) {
            List<String> ignored = new ArrayList<>();
            TidyCsvParser parser = TidyCsvParser.fromHeader(source, lines.get(i).number(), line, delimiter, options,
                ignored);
            if (!ignored.isEmpty()) {
              notes.add(source + ": ignored columns " + ignored);
            }
            boolean synthetic = firstDocument(parser, lines.subList(i + 1, lines.size()).stream()
                .map(ByteLines.Line::text).toList()).map(Provenance::isSyntheticDocument).orElse(false);
            return new InputFile(name, source, InputFormat.TIDY_CSV, parser,
                synthetic ? "synthetic observations" : "observations", notes, synthetic);
          }
        }
        break;
      }
    }
    if (request.format() == null || request.format() == InputFormat.GSO_TABLE) {
      String title = null;
      for (ByteLines.Line numbered : lines) {
        String line = numbered.text();
        for (char delimiter : DELIMITERS) {
          if (GsoTableParser.looksLikeHeader(line, delimiter)) {
            TableSpec spec = optionSpec != null ? optionSpec : titleSpec(source, title);
            GsoTableParser parser = GsoTableParser.fromHeader(source, numbered.number(), line, delimiter, spec,
                options);
            notes.addAll(parser.skippedNotes(source));
            return new InputFile(name, source, InputFormat.GSO_TABLE, parser, parser.description(), notes, false);
          }
        }
        if (title == null) {
          title = line.strip().replaceAll("^\"|\"$", "");
        }
      }
    }
    String expected = request.format() == null
        ? "neither a tidy CSV header (with year, indicator, measure) nor a GSO table header (Cities, provincies;years)"
        : "no " + request.format().code() + " header";
    throw new InputException("cannot read " + source + ": " + expected + " in its first " + lines.size()
        + " non-blank lines" + (request.format() == null ? "; give --format (" + InputFormat.codes() + ")" : ""));
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

  /** A file's first non-blank lines, with their line numbers; none when the file has no non-blank line. */
  private record Head(List<ByteLines.Line> lines) {}

  /**
   * The first {@value #SNIFF_LINES} non-blank lines of a file, decoded leniently (the executors
   * decode strictly and quarantine). Blank lines are passed over however many come first, so a
   * file is empty only when it has no non-blank line at all; the stream is read only that far.
   */
  private static Head firstLines(FileSystem fs, Path path) {
    List<ByteLines.Line> lines = new ArrayList<>();
    try (InputStream in = fs.open(path)) {
      ByteLines reader = new ByteLines(new java.io.BufferedInputStream(in, 1 << 16));
      while (lines.size() < SNIFF_LINES && reader.hasNext()) {
        ByteLines.Line line = reader.next();
        if (!line.text().isBlank()) {
          lines.add(line);
        }
      }
    } catch (FileNotFoundException e) {
      throw new InputException("input not found: " + path);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return new Head(List.copyOf(lines));
  }

  /** The first {@code bytes} bytes of a file (fewer if it is shorter). */
  private static byte[] head(FileSystem fs, Path path, int bytes) {
    byte[] head = new byte[bytes];
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
    return java.util.Arrays.copyOf(head, length);
  }
}
