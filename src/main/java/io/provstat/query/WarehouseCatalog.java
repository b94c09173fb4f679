package io.provstat.query;

import io.provstat.ingest.InputException;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.TableFolders;
import io.provstat.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of a warehouse as the read-side commands (sql, describe, ddl) see them: every folder
 * under the root that is not the warehouse's own ({@code _staging}, {@code _lock}, ...). A table
 * provstat writes is read with its declared schema (so an empty table still has its columns, each
 * with its one-line meaning); any other folder is read as Parquet with the schema in its files.
 */
public final class WarehouseCatalog {

  private static final Pattern IDENTIFIER = TableFolders.IDENTIFIER;
  private static final Pattern PARTITION_DIR = TableFolders.PARTITION_DIR;

  /** A table of the warehouse: its definition when provstat knows it, its data and location. */
  public record Table(String name, Optional<TableDef> definition, Path location, List<String> partitionColumns,
      Dataset<Row> data) {

    /** The declared schema (with column meanings) of a known table, else the files' schema. */
    public StructType schema() {
      return definition.map(TableDef::schema).orElse(data.schema());
    }

    public String description() {
      return definition.map(TableDef::description).orElse("(not a provstat table: schema read from its files)");
    }
  }

  private final Warehouse store;
  private final List<Table> tables;
  private final List<String> skipped;

  private WarehouseCatalog(Warehouse store, List<Table> tables, List<String> skipped) {
    this.store = store;
    this.tables = tables;
    this.skipped = skipped;
  }

  /** Every table provstat writes: the ingest tables, then the analytic ones. */
  public static List<TableDef> knownTables() {
    return TableDocs.known();
  }

  /**
   * Opens the warehouse at {@code dir}; an {@link InputException} (exit 2) if it holds no table.
   * Reads no rows: known tables are read with their schemas, other folders infer theirs from the
   * Parquet footers.
   */
  public static WarehouseCatalog open(SparkSession spark, String dir) {
    Warehouse store = Warehouse.open(spark, dir);
    List<String> names = store.tableNames();
    List<Table> tables = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (TableDef def : knownTables()) {
      if (names.contains(def.name())) {
        tables.add(new Table(def.name(), Optional.of(def), store.tablePath(def.name()), def.partitionColumns(),
            store.read(def)));
      }
    }
    for (String name : names) {
      if (tables.stream().anyMatch(t -> t.name().equals(name))) {
        continue;
      }
      if (!IDENTIFIER.matcher(name).matches()) {
        skipped.add(name + " (not usable as a table name: letters, digits and _ only)");
        continue;
      }
      Path location = store.tablePath(name);
      String notParquet = notParquet(spark, location);
      if (notParquet != null) {
        skipped.add(name + " (not a Parquet table: " + notParquet + ")");
        continue;
      }
      try {
        Dataset<Row> data = spark.read().parquet(location.toString());
        tables.add(new Table(name, Optional.empty(), location, partitionColumns(spark, location), data));
      } catch (Exception e) {
        // Spark's AnalysisException is checked in Scala's eyes only: catch what reading throws.
        skipped.add(name + " (not a Parquet table: " + Failures.describe(e) + ")");
      }
    }
    if (tables.isEmpty()) {
      throw new InputException("no tables in warehouse " + store.root()
          + (names.isEmpty() ? "" : " (unreadable folders: " + String.join(", ", skipped) + ")")
          + ": run jobs/provstat pipeline first");
    }
    return new WarehouseCatalog(store, List.copyOf(tables), List.copyOf(skipped));
  }

  public Warehouse store() {
    return store;
  }

  /** Known tables in publication order (ingest, then analytic), then other tables by name. */
  public List<Table> tables() {
    return tables;
  }

  /** Folders that are not tables, with why: worth a note, never a failure. */
  public List<String> skipped() {
    return skipped;
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  public List<String> names() {
    return tables.stream().map(Table::name).toList();
  }

  /** Registers every table as a temporary view of the session under its own name. */
  public void registerViews(SparkSession session) {
    for (Table table : tables) {
      // The datasets were made by the session the catalog was opened with; a view of another
      // session (spark.newSession(), same context) reads the same files.
      session.read().schema(table.data().schema()).parquet(table.location().toString())
          .createOrReplaceTempView(table.name());
    }
  }

  /**
   * Why a folder is not a Parquet table (it holds no Parquet file, or another file Spark would try
   * to read as one), or null. Checked before Spark reads it, which would log the failure of a task.
   */
  private static String notParquet(SparkSession spark, Path location) {
    try {
      FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(location, true);
      boolean any = false;
      while (files.hasNext()) {
        Path file = files.next().getPath();
        String relative = location.toUri().relativize(file.toUri()).getPath();
        if (TableFolders.isHiddenPath(relative)) {
          continue;
        }
        if (!file.getName().endsWith(TableFolders.PARQUET_SUFFIX)) {
          return "holds " + relative;
        }
        any = true;
      }
      return any ? null : "no .parquet files";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
  }

  /** Partition columns of a table not written by provstat: the key=value folders below its root. */
  private static List<String> partitionColumns(SparkSession spark, Path location) {
    List<String> columns = new ArrayList<>();
    try {
      FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path current = location;
      while (true) {
        Optional<FileStatus> first = java.util.Arrays.stream(fs.listStatus(current))
            .filter(FileStatus::isDirectory)
            .filter(s -> PARTITION_DIR.matcher(s.getPath().getName()).matches())
            .min(Comparator.comparing(s -> s.getPath().getName()));
        if (first.isEmpty()) {
          return columns;
        }
        var matcher = PARTITION_DIR.matcher(first.get().getPath().getName());
        matcher.matches();
        columns.add(matcher.group(1));
        current = first.get().getPath();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
  }
}
