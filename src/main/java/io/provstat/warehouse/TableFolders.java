package io.provstat.warehouse;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Which folders of a warehouse are tables and which of their files are data: the rules every reader
 * shares (the Spark catalog, the DuckDB engine of sql and describe), free of Spark and Hadoop so that
 * a reader that needs neither loads neither.
 */
public final class TableFolders {

  /** A name usable unquoted as a view or table name in Spark SQL, DuckDB, Hive, Glue and Unity. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** A Hive partition folder, {@code column=value}. */
  public static final Pattern PARTITION_DIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=.*");
  /** The extension of a table's data files. */
  public static final String PARQUET_SUFFIX = ".parquet";

  private TableFolders() {}

  /**
   * Whether a folder under the root is a table: any name not starting with {@code _} or {@code .}
   * (those are the warehouse's own: staging, versions, trash, journal, lock, temporary links).
   */
  public static boolean isTableName(String folderName) {
    return !isHidden(folderName);
  }

  /** A file or folder name readers skip: {@code _SUCCESS}, {@code .crc} checksums, {@code _temporary}. */
  public static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** Whether a path relative to a table's folder ({@code a/b/c}) passes through a hidden name. */
  public static boolean isHiddenPath(String relative) {
    return Arrays.stream(relative.split("/")).anyMatch(TableFolders::isHidden);
  }
}
