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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * recover, a killed driver) leaves the published tables untouched. Then a journal names the tables
 * and what each pointed to before, and the tables are switched over. Only when every switch is done
 * is the journal removed. A run that dies during the switches leaves its journal behind; the next
 * writer ({@link #begin}) rolls those tables back to their previous versions.
 *
 * <p>How a table is switched depends on the file system. Where symbolic links exist (a local
 * warehouse) each publication's data goes to {@code ROOT/_versions/<table>/<version>/} and
 * {@code ROOT/<table>} is a relative symbolic link to it, replaced by renaming a new link over it:
 * one atomic rename, so a reader (Spark, DuckDB, pandas, which all follow the link) sees the old
 * version or the new one, never a missing or half-written table. A superseded version is kept until
 * the next publication of that table, so a reader that resolved the link just before a switch can
 * finish reading it. Where they do not (HDFS, whose symbolic links are disabled in Hadoop 3, object
 * stores; or with {@value #SYMLINKS_SETTING}{@code =false}) {@code ROOT/<table>} is a plain folder
 * swapped by two renames (old to {@code _trash/<run>/}, staged into place): between them, a few
 * milliseconds on HDFS and local disks, longer on object stores where a rename is a copy, a reader
 * sees the table missing, and a run killed there leaves it missing until the next writer rolls back.
 *
 * <p>One writer at a time: a publication holds {@code ROOT/_lock} (run, process, host) from
 * {@link #begin} to its end, and only the lock holder rolls back what a crashed run left and removes
 * what a finished one did not (staging, trash, versions no longer kept). A lock left by a process
 * that no longer runs on this host is taken over; any other is reported.
 */
public final class Warehouse {

  public static final String STAGING_DIR = "_staging";
  public static final String TRASH_DIR = "_trash";
  public static final String JOURNAL_DIR = "_journal";
  public static final String VERSIONS_DIR = "_versions";
  public static final String LOCK_FILE = "_lock";
  /** Hadoop setting ({@code --conf spark.hadoop.provstat.warehouse.symlinks=false}): never publish by link. */
  public static final String SYMLINKS_SETTING = "provstat.warehouse.symlinks";

  /** Runs of this JVM that hold a lock: a lock naming this process but none of them is stale. */
  private static final java.util.Set<String> ACTIVE_RUNS = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final String JOURNAL_SUFFIX = ".pending";
  /** Journal lines of a publication by link start with this; a folder swap's line is {@code table<TAB>existed}. */
  private static final String LINK_ENTRY = "link";
  private static final Pattern VERSION = Pattern.compile("v(\\d{6})-.+");

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
  /** Publish by symbolic link: a local warehouse, unless the setting says otherwise (probed at begin). */
  private boolean links;

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
    this.links = "file".equals(this.root.toUri().getScheme())
        && spark.sparkContext().hadoopConfiguration().getBoolean(SYMLINKS_SETTING, true);
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

  /** The session this warehouse reads and writes with. */
  public SparkSession spark() {
    return spark;
  }

  public Path tablePath(String table) {
    return new Path(root, table);
  }

  /** Whether publications switch tables by symbolic link (see the class comment), else by folder renames. */
  public boolean publishesByLink() {
    return links;
  }

  /** Whether the warehouse's root exists (a reader or analyze refuses a warehouse that does not). */
  public boolean present() {
    return exists(root);
  }

  public boolean exists(String table) {
    try {
      return fs.exists(tablePath(table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tables present: every folder (or link to one) under the root whose name does not start with
   * {@code _} or {@code .} (those are the warehouse's own: staging, versions, trash, journal, lock),
   * sorted by name. Empty when the root does not exist.
   */
  public List<String> tableNames() {
    try {
      if (!fs.exists(root)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs.listStatus(root)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && TableFolders.isTableName(name)) {
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
   * Starts a publication: takes the writer's lock, then rolls back whatever a crashed run left and
   * removes what a finished one left. Close it (after commit, or without, to discard what was
   * staged) to release the lock.
   */
  public Publication begin(String runId) {
    if (!runId.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("run id '" + runId + "' must be letters, digits, . _ -");
    }
    lock(runId);
    try {
      if (links && !canLink(runId)) {
        LOG.info("warehouse {} cannot hold symbolic links: tables are swapped by renames", root);
        links = false;
      }
      recover();
    } catch (RuntimeException e) {
      unlock(runId);
      throw e;
    }
    return new Publication(runId);
  }

  /** Whether a symbolic link can be made in the root (a local disk can, a FAT or SMB mount may not). */
  private boolean canLink(String runId) {
    java.nio.file.Path probe = local(root).resolve(".probe-" + runId + ".link");
    try {
      java.nio.file.Files.deleteIfExists(probe);
      java.nio.file.Files.createSymbolicLink(probe, java.nio.file.Path.of(VERSIONS_DIR));
      java.nio.file.Files.delete(probe);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
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
    boolean tookOver = false;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        fs.mkdirs(root);
        if (createLock(lock, runId, holder)) {
          ACTIVE_RUNS.add(runId);
          return;
        }
      } catch (IOException e) {
        if (!exists(lock)) {
          throw new UncheckedIOException("cannot create the warehouse lock " + lock, e);
        }
      }
      String current = lockHolder(lock);
      if (current == null) {
        continue; // released between our try and our look: try again
      }
      if (!tookOver && isStale(current)) {
        deleteQuietly(lock);
        tookOver = true;
        continue;
      }
      throw new WarehouseLockedException("warehouse " + root + " is locked by run " + current
          + "; if no provstat run is writing to it, delete " + lock);
    }
    throw new WarehouseLockedException("warehouse " + root + " is being locked and released by other runs; try again");
  }

  /**
   * Creates the lock with its holder already in it, or returns false when it exists: the text is
   * written to a file of this run first and then linked (local) or renamed (HDFS) to the lock, so
   * another run never reads a lock that exists but is still empty (it did, when the lock was
   * created and then written), and two runs never both create it.
   */
  private boolean createLock(Path lock, String runId, String holder) throws IOException {
    Path temp = new Path(root, "." + LOCK_FILE + "." + runId + ".tmp");
    byte[] text = holder.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(root.toUri().getScheme())) {
      java.nio.file.Path localTemp = local(temp);
      java.nio.file.Files.write(localTemp, text);
      try {
        java.nio.file.Files.createLink(local(lock), localTemp); // atomic, and fails if the lock exists
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (IOException | UnsupportedOperationException e) {
        // A file system without hard links: create-new is still exclusive, if briefly empty.
        try {
          java.nio.file.Files.write(local(lock), text, java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
          return true;
        } catch (java.nio.file.FileAlreadyExistsException exists) {
          return false;
        }
      } finally {
        java.nio.file.Files.deleteIfExists(localTemp);
      }
    }
    try (OutputStream out = fs.create(temp, true)) {
      out.write(text);
    }
    try {
      return fs.rename(temp, lock); // HDFS: false when the lock exists
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, false);
      }
    }
  }

  /** The lock's first line, or null when there is no lock (any more). */
  private String lockHolder(Path lock) {
    try {
      if ("file".equals(root.toUri().getScheme())) {
        // Read directly: the lock has no checksum file, and a stale one must not fail the read.
        return java.nio.file.Files.readAllLines(local(lock), StandardCharsets.UTF_8).stream().findFirst().orElse("");
      }
      return exists(lock) ? readLines(lock).stream().findFirst().orElse("") : null;
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the warehouse lock " + lock, e);
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
    String holder = lockHolder(lock);
    if (holder != null && holder.startsWith(runId + " ")) {
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

  /** The tables of one run, staged then switched in together. */
  public final class Publication implements AutoCloseable {
    private final String runId;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private final Map<String, TableDef> definitions = new LinkedHashMap<>();
    private boolean committed;

    private Publication(String runId) {
      this.runId = runId;
    }

    public String runId() {
      return runId;
    }

    /** The warehouse this publication writes to. */
    public Warehouse warehouse() {
      return Warehouse.this;
    }

    /** The tables staged so far, in staging order: what {@link #commit} publishes. */
    public List<String> stagedTables() {
      return List.copyOf(staged.keySet());
    }

    /**
     * Writes a table in full to the staging area, in the table's deterministic layout: rows sorted
     * by the table's sort columns then every other column, files named by their place, not by
     * Spark's per-job UUID, so the same rows give the same files and data pages (a footer may list
     * a column's encodings in another order in another JVM: parquet-mr keeps them in a hash set).
     * The Spark jobs are named {@code "<stage>: <table>"} for the UI and the event log.
     *
     * @return the rows written, counted by the write itself (no second pass over the data)
     */
    public long stage(String stageName, TableDef table, Dataset<Row> data) {
      long rows = NamedJobs.run(spark, stageName + ": " + table.name(), () -> write(table, data));
      register(table);
      return rows;
    }

    /** {@link #stage(String, TableDef, Dataset)} for a step with no name of its own. */
    public long stage(TableDef table, Dataset<Row> data) {
      return stage("stage", table, data);
    }

    /**
     * Stages several tables at once, {@code parallelism} writes at a time: each table's plan is
     * planned, code-generated and scheduled on the driver while the executors run another's tasks,
     * which on small inputs is most of the time a table takes. Staged in the map's order whatever
     * order the writes finish in; the first failure cancels the writes still running and is thrown.
     *
     * @return rows written per table, in the map's order
     */
    public Map<String, Long> stageAll(String stageName, Map<TableDef, Dataset<Row>> tables, int parallelism) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
          Math.max(1, Math.min(parallelism, tables.size())), daemonThreads(stageName));
      Map<TableDef, java.util.concurrent.Future<Long>> writes = new LinkedHashMap<>();
      try {
        for (Map.Entry<TableDef, Dataset<Row>> table : tables.entrySet()) {
          String job = stageName + ": " + table.getKey().name();
          writes.put(table.getKey(), pool.submit(() -> NamedJobs.run(spark, job,
              () -> write(table.getKey(), table.getValue()))));
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<TableDef, java.util.concurrent.Future<Long>> write : writes.entrySet()) {
          rows.put(write.getKey().name(), await(write.getValue()));
        }
        tables.keySet().forEach(this::register);
        return rows;
      } catch (RuntimeException e) {
        // Only the writes still running: cancelling a finished group only logs a warning.
        writes.forEach((table, write) -> {
          if (!write.isDone()) {
            spark.sparkContext().cancelJobGroup(stageName + ": " + table.name());
            write.cancel(true);
          }
        });
        // The cancelled writes stop before the caller rolls the staging area back under them.
        pool.shutdown();
        try {
          pool.awaitTermination(CANCELLED_WRITES_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        throw e;
      } finally {
        pool.shutdown();
      }
    }

    private static final long CANCELLED_WRITES_WAIT_SECONDS = 60;

    private long write(TableDef table, Dataset<Row> data) {
      Path target = stagingPath(table);
      Dataset<Row> ordered = data.select(columns(table));
      if (!table.partitionColumns().isEmpty()) {
        ordered = ordered.repartition(table.partitionColumns().stream().map(functions::col)
            .toArray(Column[]::new));
      } else {
        // One sorted file per table. repartition, not coalesce: coalesce(1) would pull the whole
        // last stage of the computation (aggregations, windows) into one task, which profiling
        // showed at 10^6 rows; one extra shuffle of the finished rows costs far less.
        ordered = ordered.repartition(1);
      }
      // The row count rides on the write as an observed metric: no job re-reads the files to count.
      org.apache.spark.sql.Observation counted = new org.apache.spark.sql.Observation("rows of " + table.name());
      ordered.observe(counted, functions.count(functions.lit(1)).as("rows"))
          .sortWithinPartitions(sortOrder(table))
          .write()
          .mode(SaveMode.ErrorIfExists)
          .partitionBy(table.partitionColumns().toArray(String[]::new))
          .parquet(target.toString());
      long rows = rowsObserved(counted);
      if (!table.partitionColumns().isEmpty() && rows == 0) {
        // An empty partitioned write leaves no Parquet file, and readers that infer the schema
        // (Spark without one, DuckDB, pandas) fail on it: leave one empty file that has the schema.
        spark.createDataFrame(List.of(), table.schema()).coalesce(1).write().mode(SaveMode.Append)
            .parquet(target.toString());
      }
      nameFilesByPlace(target);
      return rows;
    }

    private Path stagingPath(TableDef table) {
      return new Path(new Path(new Path(root, STAGING_DIR), runId), table.name());
    }

    private synchronized void register(TableDef table) {
      staged.put(table.name(), stagingPath(table));
      definitions.put(table.name(), table);
      observer.afterStep("staged", table.name());
    }

    /**
     * A table this publication staged, as it will be published: what a later step of the same
     * publication (analyze after ingest, in a pipeline) reads. Valid until {@link #commit}.
     */
    public Dataset<Row> staged(TableDef table) {
      Path path = staged.get(table.name());
      if (path == null) {
        throw new IllegalStateException("table " + table.name() + " is not staged in run " + runId);
      }
      return spark.read().schema(table.schema()).parquet(path.toString());
    }

    /** Switches every staged table in; see the class comment for what a crash here leaves. */
    public void commit() {
      List<String> tables = List.copyOf(staged.keySet());
      try {
        if (links) {
          commitByLinks();
        } else {
          commitBySwaps();
        }
        committed = true;
        observer.afterStep("committed", null);
      } catch (IOException e) {
        throw new UncheckedIOException("publish of run " + runId + " failed", e);
      }
      // Published: what is left is clean-up, which must not turn a success into a failure (the next
      // writer removes whatever is left).
      try {
        fs.delete(new Path(new Path(root, TRASH_DIR), runId), true);
        fs.delete(new Path(new Path(root, STAGING_DIR), runId), true);
        for (String table : tables) {
          prune(table);
        }
        // The root then holds only tables and what readers or the next run need (_versions, _lock).
        for (String dir : List.of(STAGING_DIR, TRASH_DIR, JOURNAL_DIR)) {
          Path path = new Path(root, dir);
          if (fs.exists(path) && fs.listStatus(path).length == 0) {
            fs.delete(path, false);
          }
        }
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("run {} is published, but its old versions could not be removed: {}", runId, e.toString());
      }
    }

    private void commitBySwaps() throws IOException {
      Path journal = journalPath(runId);
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
    }

    /**
     * Journal line per table: {@code link, table, what it was (none, link, dir), its previous
     * target (a version, or where a plain folder is moved to), the new version}.
     */
    private void commitByLinks() throws IOException {
      Map<String, String[]> plan = new LinkedHashMap<>();
      StringBuilder text = new StringBuilder();
      for (String table : staged.keySet()) {
        java.nio.file.Path current = local(tablePath(table));
        int next = lastVersion(table) + 1;
        String kind;
        String previous;
        if (java.nio.file.Files.isSymbolicLink(current)) {
          kind = "link";
          previous = java.nio.file.Files.readSymbolicLink(current).getFileName().toString();
        } else if (java.nio.file.Files.exists(current)) {
          // A plain folder (written before versions, or with links off): kept as a version.
          kind = "dir";
          previous = versionName(next++, "before-" + runId);
        } else {
          kind = "none";
          previous = "-";
        }
        String[] entry = {LINK_ENTRY, table, kind, previous, versionName(next, runId)};
        plan.put(table, entry);
        text.append(String.join("\t", entry)).append('\n');
      }
      Path journal = journalPath(runId);
      writeAtomically(journal, text.toString());
      observer.afterStep("journal", null);
      for (Map.Entry<String, String[]> e : plan.entrySet()) {
        String table = e.getKey();
        String[] entry = e.getValue();
        Path versions = new Path(new Path(root, VERSIONS_DIR), table);
        fs.mkdirs(versions);
        rename(staged.get(table), new Path(versions, entry[4]));
        observer.afterStep("versioned", table);
        if (entry[2].equals("dir")) {
          // The one switch that is not atomic: a folder cannot be replaced by a link in one rename.
          rename(tablePath(table), new Path(versions, entry[3]));
          observer.afterStep("moved-aside", table);
        }
        pointTo(table, entry[4]);
        observer.afterStep("swapped", table);
      }
      fs.delete(journal, false);
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

  private static long rowsObserved(org.apache.spark.sql.Observation counted) {
    try {
      return ((Number) counted.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting the rows written", e);
    }
  }

  /** Waits for a write; its failure rethrown unchecked, with Spark's own exception inside. */
  private static long await(java.util.concurrent.Future<Long> write) {
    try {
      return write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while staging tables", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String stageName) {
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "provstat-" + stageName + "-writer-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Columns to sort a table's files by: its partition columns (the order Spark's file writer needs:
   * given, it adds no sort of its own), its sort columns, then the others, so ties cannot swap.
   */
  private static Column[] sortOrder(TableDef table) {
    List<Column> sort = new ArrayList<>();
    table.partitionColumns().forEach(c -> sort.add(functions.col(c)));
    table.sortColumns().stream().filter(c -> !table.partitionColumns().contains(c))
        .forEach(c -> sort.add(functions.col(c)));
    for (org.apache.spark.sql.types.StructField f : table.schema().fields()) {
      boolean orderable = !(f.dataType() instanceof org.apache.spark.sql.types.MapType);
      if (orderable && !table.sortColumns().contains(f.name()) && !table.partitionColumns().contains(f.name())) {
        sort.add(functions.col(f.name()));
      }
    }
    return sort.toArray(Column[]::new);
  }

  /**
   * Renames the Parquet files of every folder of a freshly written table to {@code part-NNNNN<ext>}
   * in the order of Spark's names (which start with the task's partition number): Spark names them
   * with a UUID per job, so two writes of the same rows would otherwise differ in their file names.
   */
  private void nameFilesByPlace(Path dir) {
    try {
      List<Path> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (status.isDirectory()) {
          nameFilesByPlace(status.getPath());
        } else if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(status.getPath());
        }
      }
      files.sort(java.util.Comparator.comparing(Path::getName));
      for (int i = 0; i < files.size(); i++) {
        String name = files.get(i).getName();
        int dot = name.indexOf('.');
        String wanted = String.format(java.util.Locale.ROOT, "part-%05d%s", i, dot < 0 ? "" : name.substring(dot));
        if (!wanted.equals(name)) {
          rename(files.get(i), new Path(dir, wanted));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot name the files of " + dir, e);
    }
  }

  /** The table's columns in its order and declared types, so every writer gives the same files. */
  private static Column[] columns(TableDef table) {
    return java.util.Arrays.stream(table.schema().fields())
        .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
  }

  private Path journalPath(String runId) {
    return new Path(new Path(root, JOURNAL_DIR), runId + JOURNAL_SUFFIX);
  }

  private static String versionName(int number, String runId) {
    return String.format(java.util.Locale.ROOT, "v%06d-%s", number, runId);
  }

  private static int versionNumber(String name) {
    Matcher m = VERSION.matcher(name);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The highest version number of a table's versions, 0 when it has none. */
  private int lastVersion(String table) throws IOException {
    Path versions = new Path(new Path(root, VERSIONS_DIR), table);
    int last = 0;
    if (fs.exists(versions)) {
      for (FileStatus status : fs.listStatus(versions)) {
        last = Math.max(last, versionNumber(status.getPath().getName()));
      }
    }
    return last;
  }

  /** The local file of a path of this (local) warehouse, for what Hadoop does not offer: links. */
  private static java.nio.file.Path local(Path path) {
    return java.nio.file.Paths.get(path.toUri());
  }

  /**
   * Points {@code ROOT/<table>} at a version: a new relative link beside it, renamed over it. A
   * rename replaces a link (not what it points to) in one step, so readers see the old or the new.
   */
  private void pointTo(String table, String version) throws IOException {
    java.nio.file.Path link = local(tablePath(table));
    java.nio.file.Path temp = link.resolveSibling("." + table + "." + version + ".link");
    java.nio.file.Files.deleteIfExists(temp);
    java.nio.file.Files.createSymbolicLink(temp, java.nio.file.Path.of(VERSIONS_DIR, table, version));
    java.nio.file.Files.move(temp, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The version a table's link points to, or null when it is not a link. */
  private String currentVersion(String table) throws IOException {
    java.nio.file.Path link = local(tablePath(table));
    return java.nio.file.Files.isSymbolicLink(link)
        ? java.nio.file.Files.readSymbolicLink(link).getFileName().toString() : null;
  }

  /**
   * Removes a table's versions that are no longer kept: all but the current one and the one it
   * replaced (the highest below it), which a reader that resolved the link before the switch may be
   * reading still. A table that is no link (a plain folder, or gone) keeps none.
   */
  private void prune(String table) throws IOException {
    Path versions = new Path(new Path(root, VERSIONS_DIR), table);
    if (!"file".equals(root.toUri().getScheme()) || !fs.exists(versions)) {
      return;
    }
    String current = currentVersion(table);
    int currentNumber = current == null ? -1 : versionNumber(current);
    String kept = null;
    for (FileStatus status : fs.listStatus(versions)) {
      String name = status.getPath().getName();
      int number = versionNumber(name);
      if (current != null && number < currentNumber && (kept == null || number > versionNumber(kept))) {
        kept = name;
      }
    }
    for (FileStatus status : fs.listStatus(versions)) {
      String name = status.getPath().getName();
      if (!name.equals(current) && !name.equals(kept)) {
        fs.delete(status.getPath(), true);
      }
    }
    if (fs.listStatus(versions).length == 0) {
      fs.delete(versions, true);
    }
  }

  /**
   * Rolls back every publish whose journal is still there: each of its tables gets its previous
   * version back (or is removed if it had none). Then removes what failed or finished runs left:
   * staging, trash (of a run killed after its commit), versions no longer kept, stray temporary
   * links. Runs only under the writer's lock.
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
      for (String dir : List.of(STAGING_DIR, TRASH_DIR)) {
        Path path = new Path(root, dir);
        if (fs.exists(path)) {
          fs.delete(path, true);
        }
      }
      Path versions = new Path(root, VERSIONS_DIR);
      if (fs.exists(versions)) {
        for (FileStatus table : fs.listStatus(versions)) {
          prune(table.getPath().getName());
        }
      }
      if ("file".equals(root.toUri().getScheme()) && fs.exists(root)) {
        try (java.nio.file.DirectoryStream<java.nio.file.Path> temps =
            java.nio.file.Files.newDirectoryStream(local(root), ".*.link")) {
          for (java.nio.file.Path temp : temps) {
            java.nio.file.Files.deleteIfExists(temp);
          }
        }
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
      if (parts[0].equals(LINK_ENTRY)) {
        rollBackLink(parts[1], parts[2], parts[3], parts[4]);
        continue;
      }
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

  /** Undoes one table of a publication by link, whichever of its steps were done. */
  private void rollBackLink(String table, String kind, String previous, String version) throws IOException {
    Path versions = new Path(new Path(root, VERSIONS_DIR), table);
    java.nio.file.Path link = local(tablePath(table));
    switch (kind) {
      case "link" -> {
        if (!previous.equals(currentVersion(table))) {
          pointTo(table, previous);
        }
      }
      case "dir" -> {
        Path moved = new Path(versions, previous);
        if (fs.exists(moved)) {
          java.nio.file.Files.deleteIfExists(link); // only ever a link here: the folder was moved
          rename(moved, tablePath(table));
        }
      }
      default -> {
        if (java.nio.file.Files.isSymbolicLink(link)) {
          java.nio.file.Files.delete(link);
        }
      }
    }
    fs.delete(new Path(versions, version), true);
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
