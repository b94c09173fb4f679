package io.provstat.warehouse;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse table: its name (the folder under the warehouse root), schema with a one-line meaning
 * per column (Spark column comments), partition columns and the sort order its files are written
 * in, so that the same rows always give the same files.
 */
public record TableDef(String name, String description, StructType schema, List<String> partitionColumns,
    List<String> sortColumns) {}
