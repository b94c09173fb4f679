package io.provstat.query;

import io.provstat.analytics.Analysis;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;

/**
 * What provstat says about the tables it writes (the {@link TableDef}s): for the read commands of
 * both engines. Loading it loads Spark's type classes (the schemas are Spark {@code StructType}s),
 * never a session, so the DuckDB engine touches it for describe only.
 */
final class TableDocs {

  private TableDocs() {}

  /** Every table provstat writes: the ingest tables, then the analytic ones. */
  static List<TableDef> known() {
    List<TableDef> known = new ArrayList<>(Tables.INGEST_TABLES);
    known.addAll(Analysis.TABLES);
    return known;
  }

  static List<String> knownNames() {
    return known().stream().map(TableDef::name).toList();
  }

  private static Optional<TableDef> definition(String table) {
    return known().stream().filter(d -> d.name().equals(table)).findFirst();
  }

  /** Name, type (as Spark prints it) and meaning of each column of a known table; null for another. */
  static List<String[]> columns(String table) {
    return definition(table).map(def -> {
      List<String[]> columns = new ArrayList<>();
      for (StructField f : def.schema().fields()) {
        columns.add(new String[] {f.name(), f.dataType().simpleString(),
            f.getComment().isDefined() ? f.getComment().get() : ""});
      }
      return columns;
    }).orElse(null);
  }

  static Optional<List<String>> partitionColumns(String table) {
    return definition(table).map(TableDef::partitionColumns);
  }

  static String description(String table) {
    return definition(table).map(TableDef::description).orElse("(not a provstat table: schema read from its files)");
  }
}
