package io.provstat.query;

import io.provstat.ingest.InputException;
import io.provstat.reference.Indicator;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Region;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read commands' engine for a local warehouse, in process and without Spark: an in-memory
 * DuckDB with one view per warehouse table ({@link LocalWarehouse}: the tables the Spark catalog
 * finds, each at its current version) and the reference tables {@code provinces}, {@code regions}
 * and {@code indicators}; then locked down (no file outside the warehouse, no extension loaded or
 * installed, configuration locked), and the query confined ({@link DuckDbConfinement}) before it
 * runs. It prints through {@link Printout} with values rendered as Spark renders them, so
 * {@code --engine duckdb} and {@code --engine spark} print the same for the same query.
 */
public final class DuckDbQuery {

  /** The reference tables every warehouse gets, besides its own. */
  public static final List<String> REFERENCE_TABLES = List.of("provinces", "regions", "indicators");

  private DuckDbQuery() {}

  /** Runs {@code config}'s query and prints it to {@code out}; notes (skipped folders, truncation) to {@code err}. */
  public static ResultWriter.Written run(SqlQuery.Config config, PrintWriter out, PrintWriter err) {
    LocalWarehouse warehouse = LocalWarehouse.open(config.warehouse());
    try (Connection connection = open(warehouse)) {
      DuckDbConfinement confinement = new DuckDbConfinement(warehouse, relations(warehouse));
      ResultWriter.Written written;
      try {
        confinement.check(connection, config.query());
        try (Statement statement = connection.createStatement()) {
          try (ResultSet result = statement.executeQuery(config.query())) {
            written = print(result, config.format(), config.limit(), config.decimals(), out);
          }
        }
      } catch (SQLException e) {
        throw queryError(e, warehouse);
      }
      out.flush();
      if (written.truncated() && config.format() != ResultWriter.Format.TABLE) {
        err.printf(Locale.ROOT, "provstat %s: note: printed the first %d rows; the result has more (%s N, 0 for all)%n",
            SqlQuery.COMMAND, written.rows(), ResultWriter.LIMIT_OPTION);
      }
      err.flush();
      return written;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Describe on DuckDB: per table its row count (from the Parquet footers, no data read), columns
   * and, for a table provstat writes, what a row is and each column's meaning.
   */
  public static void describe(String warehouseDir, List<String> only, PrintWriter out) {
    LocalWarehouse warehouse = LocalWarehouse.open(warehouseDir);
    List<LocalWarehouse.Table> chosen = new ArrayList<>();
    for (String name : only) {
      chosen.add(warehouse.table(name).orElseThrow(() -> new InputException("no table '" + name + "' in "
          + warehouse.displayRoot() + " (tables: " + String.join(", ", ordered(warehouse).stream()
              .map(LocalWarehouse.Table::name).toList()) + ")")));
    }
    if (chosen.isEmpty()) {
      chosen.addAll(ordered(warehouse));
    }
    try (Connection connection = open(warehouse)) {
      out.printf(Locale.ROOT, "warehouse %s: %d table(s)%n", warehouse.displayRoot(), warehouse.tables().size());
      for (LocalWarehouse.Table table : chosen) {
        long rows = rowCount(connection, table);
        List<String[]> columns = TableDocs.columns(table.name());
        if (columns == null) {
          columns = fileColumns(connection, table.name());
        }
        List<String> partitions = TableDocs.partitionColumns(table.name()).orElse(table.partitionColumns());
        out.println();
        out.printf(Locale.ROOT, "%s: %d row%s%s%n", table.name(), rows, rows == 1 ? "" : "s",
            partitions.isEmpty() ? "" : "; partitioned by " + String.join(", ", partitions));
        out.println("  " + TableDocs.description(table.name()));
        int nameWidth = "column".length();
        int typeWidth = "type".length();
        for (String[] c : columns) {
          nameWidth = Math.max(nameWidth, c[0].length());
          typeWidth = Math.max(typeWidth, c[1].length());
        }
        String line = "  %-" + nameWidth + "s  %-" + typeWidth + "s  %s";
        out.println(String.format(Locale.ROOT, line, "column", "type", "meaning").stripTrailing());
        for (String[] c : columns) {
          out.println(String.format(Locale.ROOT, line, c[0], c[1], c[2]).stripTrailing());
        }
      }
      if (only.isEmpty() && !warehouse.skipped().isEmpty()) {
        out.println();
        out.println("folders that are not tables:");
        warehouse.skipped().forEach(s -> out.println("  " + s));
      }
      out.flush();
    } catch (SQLException e) {
      throw new InputException("cannot describe " + warehouse.displayRoot() + ": " + firstLine(e.getMessage()));
    }
  }

  /** Known tables in publication order (ingest, then analytic), then the others by name: as Spark's catalog. */
  private static List<LocalWarehouse.Table> ordered(LocalWarehouse warehouse) {
    List<LocalWarehouse.Table> tables = new ArrayList<>();
    for (String known : TableDocs.knownNames()) {
      warehouse.tables().stream().filter(t -> t.name().equals(known)).forEach(tables::add);
    }
    warehouse.tables().stream().filter(t -> !tables.contains(t)).forEach(tables::add);
    return tables;
  }

  private static long rowCount(Connection connection, LocalWarehouse.Table table) throws SQLException {
    // The footers' row counts: no column is read.
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + quoteIdentifier(table.name()))) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<String[]> fileColumns(Connection connection, String table) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE " + quoteIdentifier(table))) {
      while (r.next()) {
        columns.add(new String[] {r.getString("column_name"), r.getString("column_type").toLowerCase(Locale.ROOT), ""});
      }
    }
    return columns;
  }

  private static Set<String> relations(LocalWarehouse warehouse) {
    Set<String> names = new LinkedHashSet<>(warehouse.names());
    names.addAll(REFERENCE_TABLES);
    return names;
  }

  /**
   * An in-memory DuckDB with the warehouse's views and the reference tables, locked: from here it
   * reads files under the warehouse only, loads and installs no extension, and no setting changes.
   */
  static Connection open(LocalWarehouse warehouse) throws SQLException {
    Properties settings = new Properties();
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    settings.setProperty("allow_community_extensions", "false");
    settings.setProperty("allow_unsigned_extensions", "false");
    // Rows arrive as they are computed: the printer stops after limit + 1, and --limit 0 streams.
    settings.setProperty("jdbc_stream_results", "true");
    // Two slow cores are shared; DuckDB's default, one thread per core, is what they can give.
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the DuckDB JDBC driver is not on the class path", e);
    }
    Connection connection = DriverManager.getConnection("jdbc:duckdb:", settings);
    try (Statement s = connection.createStatement()) {
      Set<String> taken = new HashSet<>();
      for (LocalWarehouse.Table table : warehouse.tables()) {
        String files = table.files().stream().map(f -> quoteString(f.toString()))
            .collect(Collectors.joining(", ", "[", "]"));
        s.execute("CREATE VIEW " + quoteIdentifier(table.name()) + " AS SELECT * FROM read_parquet(" + files
            + ", hive_partitioning = " + !table.partitionColumns().isEmpty() + ")");
        taken.add(table.name().toLowerCase(Locale.ROOT));
      }
      createReferenceTables(connection, s, taken);
      // DuckDB compares the path a query names, as written, with these: the warehouse's real folder,
      // its absolute path and, when relative, its path as given (read_parquet('warehouse/x/...')).
      // DuckDbConfinement has checked that path already, links resolved.
      Set<String> allowed = new LinkedHashSet<>(List.of(warehouse.realRoot() + "/", warehouse.root() + "/"));
      if (LocalWarehouse.isLocal(warehouse.given()) && !warehouse.given().regionMatches(true, 0, "file:", 0, 5)
          && !java.nio.file.Path.of(warehouse.given()).isAbsolute()) {
        String relative = java.nio.file.Path.of(warehouse.given()).normalize().toString();
        if (!relative.isEmpty() && !relative.startsWith("..")) {
          allowed.add(relative + "/");
        }
      }
      s.execute("SET allowed_directories = " + allowed.stream().map(DuckDbQuery::quoteString)
          .collect(Collectors.joining(", ", "[", "]")));
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static void createReferenceTables(Connection connection, Statement s, Set<String> taken) throws SQLException {
    ReferenceData reference = ReferenceData.get();
    if (!taken.contains("regions")) {
      s.execute("CREATE TABLE regions (region_code VARCHAR, name_vi VARCHAR, name_en VARCHAR, gso_label_en VARCHAR, "
          + "gso_order INTEGER)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO regions VALUES (?, ?, ?, ?, ?)")) {
        for (Region r : reference.regions()) {
          insert.setString(1, r.code());
          insert.setString(2, r.nameVi());
          insert.setString(3, r.nameEn());
          insert.setString(4, r.gsoLabelEn());
          insert.setInt(5, r.gsoOrder());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    if (!taken.contains("provinces")) {
      s.execute("CREATE TABLE provinces (province_code VARCHAR, province_name VARCHAR, name_ascii VARCHAR, "
          + "type VARCHAR, region_code VARCHAR, gso_order INTEGER, valid_to INTEGER, merged_into VARCHAR, "
          + "unit_2025_code VARCHAR)");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO provinces VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Province p : reference.provinces()) {
          insert.setString(1, p.gsoCode());
          insert.setString(2, p.nameVi());
          insert.setString(3, p.nameAscii());
          insert.setString(4, p.type());
          insert.setString(5, p.regionCode());
          insert.setObject(6, p.gsoOrder());
          insert.setObject(7, p.validTo());
          insert.setString(8, p.mergedInto());
          insert.setString(9, p.unit2025Code());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    if (!taken.contains("indicators")) {
      s.execute("CREATE TABLE indicators (indicator VARCHAR, name_vi VARCHAR, name_en VARCHAR, unit VARCHAR, "
          + "additive BOOLEAN, parent VARCHAR, component_set VARCHAR, price_basis VARCHAR)");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Indicator i : reference.indicators()) {
          insert.setString(1, i.code());
          insert.setString(2, i.nameVi());
          insert.setString(3, i.nameEn());
          insert.setString(4, i.unit());
          insert.setBoolean(5, i.additive());
          insert.setString(6, i.parent());
          insert.setString(7, i.componentSet());
          insert.setString(8, i.priceBasis());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
      "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE");

  private static boolean isNumeric(String typeName) {
    return NUMERIC_TYPES.contains(typeName) || typeName.startsWith("DECIMAL");
  }

  private static ResultWriter.Written print(ResultSet result, ResultWriter.Format format, int limit, int decimals,
      PrintWriter out) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int n = meta.getColumnCount();
    List<Printout.Column> columns = new ArrayList<>();
    String[] types = new String[n];
    for (int i = 0; i < n; i++) {
      types[i] = meta.getColumnTypeName(i + 1).toUpperCase(Locale.ROOT);
      columns.add(new Printout.Column(meta.getColumnLabel(i + 1), isNumeric(types[i])));
    }
    if (format == ResultWriter.Format.JSON) {
      Set<String> seen = new HashSet<>();
      for (Printout.Column c : columns) {
        if (!seen.add(c.name())) {
          throw new InputException("the result has two columns named '" + c.name()
              + "': name them apart (AS) for --format json");
        }
      }
    }
    Iterator<String[]> rows = new Iterator<>() {
      private Boolean ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          try {
            ahead = result.next();
          } catch (SQLException e) {
            throw new RowException(e);
          }
        }
        return ahead;
      }

      @Override
      public String[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ahead = null;
        try {
          return format == ResultWriter.Format.JSON ? new String[] {jsonRow(result, columns, types, decimals)}
              : textRow(result, types, decimals);
        } catch (SQLException e) {
          throw new RowException(e);
        }
      }
    };
    try {
      return Printout.print(columns, rows, format, limit, out);
    } catch (RowException e) {
      throw e.getCause();
    }
  }

  /** A fetch failure inside the row iterator, unwrapped by {@link #print}. */
  private static final class RowException extends RuntimeException {
    RowException(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private static String[] textRow(ResultSet result, String[] types, int decimals) throws SQLException {
    String[] row = new String[types.length];
    for (int i = 0; i < types.length; i++) {
      row[i] = text(result, i + 1, types[i], decimals, false);
    }
    return row;
  }

  /**
   * A value as the Spark path prints it: doubles rounded for display ({@link Display}; fixed places
   * in a table or CSV, the rounded number in JSON), or at full precision in Java's notation (1.0E7),
   * as Spark's cast to string; decimals plain.
   */
  static String text(ResultSet result, int column, String type, int decimals, boolean json) throws SQLException {
    Object value = result.getObject(column);
    if (value == null) {
      return null;
    }
    boolean rounded = decimals != Display.FULL_PRECISION;
    return switch (type) {
      case "DOUBLE", "FLOAT" -> {
        double x = ((Number) value).doubleValue();
        if (!rounded) {
          yield type.equals("DOUBLE") ? Double.toString(x) : Float.toString(((Number) value).floatValue());
        }
        yield json ? Double.toString(Display.round(x, decimals) + 0.0) : Display.fixed(x, decimals);
      }
      default -> value instanceof BigDecimal d ? d.toPlainString() : result.getString(column);
    };
  }

  /** A row as Spark's {@code to_json} writes it: numbers and booleans bare, the rest as JSON strings. */
  private static String jsonRow(ResultSet result, List<Printout.Column> columns, String[] types, int decimals)
      throws SQLException {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      quoteJson(json, columns.get(i).name());
      json.append(':');
      String value = text(result, i + 1, types[i], decimals, true);
      if (value == null) {
        json.append("null");
      } else if ((columns.get(i).numeric() && !value.equals("NaN") && !value.contains("Infinity"))
          || types[i].equals("BOOLEAN")) {
        json.append(value);
      } else {
        quoteJson(json, value);
      }
    }
    return json.append('}').toString();
  }

  private static void quoteJson(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  /**
   * A failure of the query (syntax, unknown table or column, a bad value, a refused file): one line,
   * exit 2. DuckDB's internal errors are the job's failure (exit 1).
   */
  private static RuntimeException queryError(SQLException e, LocalWarehouse warehouse) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.startsWith("INTERNAL Error") || message.startsWith("FATAL Error")) {
      return new IllegalStateException("DuckDB failed: " + firstLine(message), e);
    }
    return new InputException(oneLine(message, warehouse, warehouse.skipped()));
  }

  /**
   * DuckDB's message as one line: its first line, the tables there are for an unknown one, and
   * where in the query for an error DuckDB points at (its LINE n: ... ^ lines).
   */
  static String oneLine(String message, LocalWarehouse warehouse, List<String> skipped) {
    String first = firstLine(message);
    String[] lines = message.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      java.util.regex.Matcher at = java.util.regex.Pattern.compile("^LINE (\\d+):").matcher(lines[i]);
      if (at.find() && !first.contains("LINE ")) {
        first = first + " (line " + at.group(1) + ")";
        break;
      }
    }
    if (first.startsWith("Catalog Error: Table with name") || first.startsWith("Catalog Error: Table Function")) {
      first = first + " Tables: " + String.join(", ", warehouse.names()) + ", " + String.join(", ", REFERENCE_TABLES)
          + "." + (skipped.isEmpty() ? "" : " Not tables: " + String.join("; ", skipped) + ".");
    }
    return first;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
  }

  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String quoteString(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
