package io.provstat.query;

import io.provstat.ingest.InputException;
import io.provstat.warehouse.TableFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * A warehouse on the local file system as the DuckDB engine reads it, without Spark or Hadoop: the
 * same tables {@link WarehouseCatalog} finds (the folder rules of {@link TableFolders}: hidden names
 * skipped, a table name must be an identifier, a folder with anything but Parquet files is not a
 * table), each at its current published version (the folder a table's link points to when it is
 * read, so a query sees one version even if a publication switches the link meanwhile).
 */
public final class LocalWarehouse {

  /** A table: its name, the real folder of its current version, its data files, its partition columns. */
  public record Table(String name, Path location, List<Path> files, List<String> partitionColumns) {}

  private final String given;
  private final Path root;
  private final Path realRoot;
  private final List<Table> tables;
  private final List<String> skipped;
  private final List<Path> escapingLinks;

  private LocalWarehouse(String given, Path root, Path realRoot, List<Table> tables, List<String> skipped,
      List<Path> escapingLinks) {
    this.given = given;
    this.root = root;
    this.realRoot = realRoot;
    this.tables = tables;
    this.skipped = skipped;
    this.escapingLinks = escapingLinks;
  }

  /**
   * Whether {@code warehouse} names a local folder: a plain path or a {@code file:} URI. Anything
   * else with a URI scheme ({@code hdfs:}, {@code s3a:}, ...) is not; a one-letter scheme is a
   * Windows drive, a path.
   */
  public static boolean isLocal(String warehouse) {
    Matcher scheme = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):").matcher(warehouse);
    return !scheme.find() || scheme.group(1).length() == 1 || scheme.group(1).equalsIgnoreCase("file");
  }

  /** The local folder of {@code warehouse} (a plain path or a {@code file:} URI), absolute and normalized. */
  public static Path path(String warehouse) {
    if (!isLocal(warehouse)) {
      throw new InputException("warehouse " + warehouse + " is not a local folder: use --engine spark for it");
    }
    Path path;
    if (warehouse.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        URI uri = new URI(warehouse);
        path = Path.of(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        throw new InputException("warehouse " + warehouse + " is not a usable file: URI (" + e.getMessage() + ")");
      }
    } else {
      path = Path.of(warehouse);
    }
    return path.toAbsolutePath().normalize();
  }

  /** Opens the warehouse at {@code warehouse}; an {@link InputException} (exit 2) if it holds no table. */
  public static LocalWarehouse open(String warehouse) {
    Path root = path(warehouse);
    if (!Files.isDirectory(root)) {
      throw new InputException("no tables in warehouse " + hadoopStyle(root) + ": run jobs/provstat pipeline first");
    }
    try {
      Path realRoot = root.toRealPath();
      List<Path> entries;
      try (Stream<Path> listed = Files.list(root)) {
        entries = listed.sorted().toList();
      }
      List<Table> tables = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!Files.isDirectory(entry) || !TableFolders.isTableName(name)) {
          continue;
        }
        if (!TableFolders.IDENTIFIER.matcher(name).matches()) {
          skipped.add(name + " (not usable as a table name: letters, digits and _ only)");
          continue;
        }
        Path location = entry.toRealPath();
        if (!location.startsWith(realRoot)) {
          skipped.add(name + " (a link to " + location + ", outside the warehouse)");
          continue;
        }
        List<Path> files = new ArrayList<>();
        String notParquet = dataFiles(location, files);
        if (notParquet != null) {
          skipped.add(name + " (not a Parquet table: " + notParquet + ")");
          continue;
        }
        tables.add(new Table(name, location, List.copyOf(files), partitionColumns(location)));
      }
      if (tables.isEmpty()) {
        throw new InputException("no tables in warehouse " + hadoopStyle(root)
            + (skipped.isEmpty() ? "" : " (unreadable folders: " + String.join(", ", skipped) + ")")
            + ": run jobs/provstat pipeline first");
      }
      return new LocalWarehouse(warehouse, root, realRoot, List.copyOf(tables), List.copyOf(skipped), escapingLinks(realRoot));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list warehouse " + root, e);
    }
  }

  /** The root as Spark's catalog prints it ({@code file:/abs/path}), so both engines name it alike. */
  static String hadoopStyle(Path root) {
    return "file:" + root;
  }

  /** The root as the command line gave it (a plain path or a file: URI). */
  public String given() {
    return given;
  }

  /** The root as given, absolute (links not resolved). */
  public Path root() {
    return root;
  }

  /** The root with every link resolved: what confinement compares real paths against. */
  public Path realRoot() {
    return realRoot;
  }

  public String displayRoot() {
    return hadoopStyle(root);
  }

  public List<Table> tables() {
    return tables;
  }

  public List<String> names() {
    return tables.stream().map(Table::name).toList();
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Folders that are not tables, with why: worth a note, never a failure. */
  public List<String> skipped() {
    return skipped;
  }

  /** Symbolic links inside the warehouse that lead out of it (the warehouse's own links never do). */
  public List<Path> escapingLinks() {
    return escapingLinks;
  }

  /**
   * Collects a table's data files (in name order, hidden ones skipped) into {@code files}; returns
   * why the folder is not a Parquet table (another file, or no Parquet file), or null.
   */
  private static String dataFiles(Path location, List<Path> files) throws IOException {
    try (Stream<Path> walk = Files.walk(location, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : (Iterable<Path>) walk.sorted()::iterator) {
        if (Files.isDirectory(file)) {
          continue;
        }
        String relative = location.relativize(file).toString().replace('\\', '/');
        if (TableFolders.isHiddenPath(relative)) {
          continue;
        }
        if (!file.getFileName().toString().endsWith(TableFolders.PARQUET_SUFFIX)) {
          files.clear();
          return "holds " + relative;
        }
        files.add(file);
      }
    }
    return files.isEmpty() ? "no .parquet files" : null;
  }

  /** Partition columns: the {@code key=value} folders below the table's folder, first of each level. */
  private static List<String> partitionColumns(Path location) throws IOException {
    List<String> columns = new ArrayList<>();
    Path current = location;
    while (true) {
      Optional<Path> first;
      try (Stream<Path> listed = Files.list(current)) {
        first = listed.filter(Files::isDirectory)
            .filter(p -> TableFolders.PARTITION_DIR.matcher(p.getFileName().toString()).matches())
            .min(java.util.Comparator.comparing(p -> p.getFileName().toString()));
      }
      if (first.isEmpty()) {
        return columns;
      }
      Matcher matcher = TableFolders.PARTITION_DIR.matcher(first.get().getFileName().toString());
      matcher.matches();
      columns.add(matcher.group(1));
      current = first.get();
    }
  }

  /** Every symbolic link under the root (not followed) whose target lies outside the root. */
  private static List<Path> escapingLinks(Path realRoot) throws IOException {
    List<Path> links = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(realRoot)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isSymbolicLink(p)) {
          Path target;
          try {
            target = p.toRealPath();
          } catch (IOException dangling) {
            continue;
          }
          if (!target.startsWith(realRoot)) {
            links.add(p);
          }
        }
      }
    }
    return List.copyOf(links);
  }
}
