package io.provstat.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A folder of Parquet tables, {@code ROOT/<table>/}, readable by any Parquet reader, published
 * atomically.
 *
 * <p>Publishing is two-phase. First every table of a run is written in full under
 * {@code ROOT/_staging/<run>/}; a failure there (bad data, a lost executor that Spark cannot
 * recover, a killed driver) leaves the published tables untouched. Then a journal names the tables,
 * and each is swapped in by two renames (the old folder to {@code _trash/<run>/}, the staged one into
 * place). Only when every swap is done is the journal removed, and the old versions with it. A run
 * that dies during the swaps leaves its journal behind; the next {@link #open} rolls those tables
 * back to their previous versions. On HDFS and local disks a rename is atomic; on object stores
 * (s3a) it is a copy, so a reader may briefly see a table missing there.
 *
 * <p>One writer at a time: a publication holds {@code ROOT/_lock} (run, process, host) from
 * {@link #begin} to its end, and only the lock holder rolls back what a crashed run left. A lock
 * left by a process that no longer runs on this host is taken over; any other is reported.
 */
public final class Warehouse {

  public static final String STAGING_DIR = "_staging";
  public static final String TRASH_DIR = "_trash";
  public static final String JOURNAL_DIR = "_journal";
  public static final String LOCK_FILE = "_lock";

  /** Runs of this JVM that hold a lock: a lock naming this process but none of them is stale. */
  private static final java.util.Set<String> ACTIVE_RUNS = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final String JOURNAL_SUFFIX = ".pending";

  /** Test seam: called after each step of a commit, to stop it half-way as a crash would. */
  @FunctionalInterface
  public interface CommitObserver {
    void afterStep(String step, String table);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Warehouse.class);

  private final SparkSession spark;
  private final Path root;
  private final FileSystem fs;
  private final CommitObserver observer;

  private Warehouse(SparkSession spark, String root, CommitObserver observer) {
    this.spark = spark;
    try {
      Path path = new Path(root);
      this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open warehouse " + root, e);
    }
    this.observer = observer;
  }

  /** Opens a warehouse to read or to publish to; creates nothing and changes nothing yet. */
  public static Warehouse open(SparkSession spark, String root) {
    return open(spark, root, (step, table) -> {});
  }

  public static Warehouse open(SparkSession spark, String root, CommitObserver observer) {
    return new Warehouse(spark, root, observer);
  }

  public Path root() {
    return root;
  }

  public Path tablePath(String table) {
    return new Path(root, table);
  }

  public boolean exists(String table) {
    try {
      return fs.exists(tablePath(table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tables present: every folder under the root whose name does not start with {@code _} or
   * {@code .} (those are the warehouse's own: staging, trash, journal, lock), sorted by name. Empty
   * when the root does not exist.
   */
  public List<String> tableNames() {
    try {
      if (!fs.exists(root)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs.listStatus(root)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
          names.add(name);
        }
      }
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list warehouse " + root, e);
    }
  }

  public Dataset<Row> read(TableDef table) {
    return spark.read().schema(table.schema()).parquet(tablePath(table.name()).toString());
  }

  /**
   * Starts a publication: takes the writer's lock, then rolls back whatever a crashed run left.
   * Close it (after commit, or without, to discard what was staged) to release the lock.
   */
  public Publication begin(String runId) {
    if (!runId.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("run id '" + runId + "' must be letters, digits, . _ -");
    }
    lock(runId);
    try {
      recover();
    } catch (RuntimeException e) {
      unlock(runId);
      throw e;
    }
    return new Publication(runId);
  }

  private static String processId() {
    return ProcessHandle.current().pid() + "@" + hostName();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private void lock(String runId) {
    Path lock = new Path(root, LOCK_FILE);
    String holder = runId + " " + processId() + " " + java.time.Instant.now();
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        fs.mkdirs(root);
        try (OutputStream out = fs.create(lock, false)) {
          out.write(holder.getBytes(StandardCharsets.UTF_8));
        }
        ACTIVE_RUNS.add(runId);
        return;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        // fall through to the staleness check
      } catch (IOException e) {
        if (!exists(lock)) {
          throw new UncheckedIOException("cannot create the warehouse lock " + lock, e);
        }
      }
      String current = readLines(lock).stream().findFirst().orElse("");
      if (attempt == 0 && isStale(current)) {
        deleteQuietly(lock);
        continue;
      }
      throw new WarehouseLockedException("warehouse " + root + " is locked by run " + current
          + "; if no provstat run is writing to it, delete " + lock);
    }
  }

  /** A lock of this host whose process is gone, or of this process but no run of it. */
  private static boolean isStale(String holder) {
    String[] parts = holder.split(" ");
    if (parts.length < 2 || !parts[1].contains("@")) {
      return false;
    }
    String[] pidHost = parts[1].split("@", 2);
    if (!pidHost[1].equals(hostName())) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(pidHost[0]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == ProcessHandle.current().pid()) {
      return !ACTIVE_RUNS.contains(parts[0]);
    }
    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  private void unlock(String runId) {
    ACTIVE_RUNS.remove(runId);
    Path lock = new Path(root, LOCK_FILE);
    if (exists(lock) && readLines(lock).stream().findFirst().orElse("").startsWith(runId + " ")) {
      deleteQuietly(lock);
    }
  }

  private boolean exists(Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteQuietly(Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /** The tables of one run, staged then swapped in together. */
  public final class Publication implements AutoCloseable {
    private final String runId;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    private Publication(String runId) {
      this.runId = runId;
    }

    /** Writes a table in full to the staging area, in the table's deterministic layout. */
    public void stage(TableDef table, Dataset<Row> data) {
      Path target = new Path(new Path(new Path(root, STAGING_DIR), runId), table.name());
      Dataset<Row> ordered = data.select(columns(table));
      List<Column> sort = table.sortColumns().stream().map(functions::col).toList();
      if (!table.partitionColumns().isEmpty()) {
        ordered = ordered.repartition(table.partitionColumns().stream().map(functions::col)
            .toArray(Column[]::new));
      } else {
        // One sorted file per table. repartition, not coalesce: coalesce(1) would pull the whole
        // last stage of the computation (aggregations, windows) into one task, which profiling
        // showed at 10^6 rows; one extra shuffle of the finished rows costs far less.
        ordered = ordered.repartition(1);
      }
      ordered.sortWithinPartitions(sort.toArray(Column[]::new))
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(table.partitionColumns().toArray(String[]::new))
          .parquet(target.toString());
      if (!table.partitionColumns().isEmpty() && !hasDataFiles(target)) {
        // An empty partitioned write leaves no Parquet file, and readers that infer the schema
        // (Spark without one, DuckDB, pandas) fail on it: leave one empty file that has the schema.
        spark.createDataFrame(List.of(), table.schema()).coalesce(1).write().mode(SaveMode.Append)
            .parquet(target.toString());
      }
      staged.put(table.name(), target);
    }

    /** Swaps every staged table in; see the class comment for what a crash here leaves. */
    public void commit() {
      try {
        Path journal = new Path(new Path(root, JOURNAL_DIR), runId + JOURNAL_SUFFIX);
        StringBuilder text = new StringBuilder();
        for (String table : staged.keySet()) {
          text.append(table).append('\t').append(exists(table)).append('\n');
        }
        writeAtomically(journal, text.toString());
        observer.afterStep("journal", null);
        Path trash = new Path(new Path(root, TRASH_DIR), runId);
        for (Map.Entry<String, Path> entry : staged.entrySet()) {
          Path current = tablePath(entry.getKey());
          if (fs.exists(current)) {
            fs.mkdirs(trash);
            rename(current, new Path(trash, entry.getKey()));
            observer.afterStep("moved-aside", entry.getKey());
          }
          rename(entry.getValue(), current);
          observer.afterStep("swapped", entry.getKey());
        }
        fs.delete(journal, false);
        committed = true;
      } catch (IOException e) {
        throw new UncheckedIOException("publish of run " + runId + " failed", e);
      }
      // Published: what is left is clean-up, which must not turn a success into a failure.
      try {
        fs.delete(new Path(new Path(root, TRASH_DIR), runId), true);
        fs.delete(new Path(new Path(root, STAGING_DIR), runId), true);
      } catch (IOException e) {
        LOG.warn("run {} is published, but its old versions could not be removed: {}", runId, e.toString());
      }
    }

    @Override
    public void close() {
      try {
        if (!committed) {
          recover();
        }
      } finally {
        unlock(runId);
      }
    }

    /** Test seam: forget this run as a killed process would, leaving its lock and journal behind. */
    void abandon() {
      ACTIVE_RUNS.remove(runId);
    }
  }

  /** The table's columns in its order and declared types, so every writer gives the same files. */
  private static Column[] columns(TableDef table) {
    return java.util.Arrays.stream(table.schema().fields())
        .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
  }

  /**
   * Rolls back every publish whose journal is still there: each of its tables gets its previous
   * version back (or is removed if it had none), and staging left by failed runs is deleted. Runs
   * only under the writer's lock.
   */
  private void recover() {
    try {
      Path journalDir = new Path(root, JOURNAL_DIR);
      if (fs.exists(journalDir)) {
        for (FileStatus journal : fs.listStatus(journalDir)) {
          String name = journal.getPath().getName();
          if (name.endsWith(JOURNAL_SUFFIX)) {
            rollBack(name.substring(0, name.length() - JOURNAL_SUFFIX.length()), journal.getPath());
          }
        }
      }
      Path staging = new Path(root, STAGING_DIR);
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover warehouse " + root, e);
    }
  }

  private void rollBack(String runId, Path journal) throws IOException {
    Path trash = new Path(new Path(root, TRASH_DIR), runId);
    Path staging = new Path(new Path(root, STAGING_DIR), runId);
    for (String line : readLines(journal)) {
      String[] parts = line.split("\t");
      String table = parts[0];
      boolean hadPrevious = Boolean.parseBoolean(parts[1]);
      Path current = tablePath(table);
      Path previous = new Path(trash, table);
      boolean swapped = !fs.exists(new Path(staging, table));
      if (hadPrevious && fs.exists(previous)) {
        fs.delete(current, true);
        rename(previous, current);
      } else if (!hadPrevious && swapped) {
        fs.delete(current, true);
      }
    }
    fs.delete(trash, true);
    fs.delete(staging, true);
    fs.delete(journal, false);
  }

  private boolean hasDataFiles(Path dir) {
    try {
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        if (files.next().getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private void writeAtomically(Path path, String text) throws IOException {
    Path temp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(temp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    rename(temp, path);
  }

  private List<String> readLines(Path path) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return lines;
  }
}
