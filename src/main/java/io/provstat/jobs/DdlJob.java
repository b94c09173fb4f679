package io.provstat.jobs;

import io.provstat.query.WarehouseCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * DDL: a {@code CREATE TABLE IF NOT EXISTS ... USING parquet [PARTITIONED BY (...)] LOCATION ...}
 * statement for every table of the warehouse, with column and table comments, so that a metastore
 * (Hive, Glue, Unity Catalog) can register the tables where they are. A partitioned table is
 * followed by {@code MSCK REPAIR TABLE}, which makes the metastore find the partitions already
 * written. Statements end with {@code ;} at the end of a line.
 */
@Command(name = DdlJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print CREATE TABLE ... USING parquet LOCATION ... for every table, for a cluster's metastore.")
public final class DdlJob implements Callable<Integer> {

  public static final String NAME = "ddl";
  public static final String OPTION_DATABASE = "--database";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Option(names = IngestOptions.OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root; give the URI the cluster sees it under (hdfs://, s3a://, abfss://).")
  String warehouse;

  @Option(names = OPTION_DATABASE, paramLabel = "NAME",
      description = "Create the tables in this database (schema), creating it if it does not exist.")
  String database;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** The warehouse and the database to qualify table names with (null: none). */
  public record Config(String warehouse, String database) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new DdlJob(), args));
  }

  @Override
  public Integer call() {
    if (database != null && !IDENTIFIER.matcher(database).matches()) {
      throw new ParameterException(spec.commandLine(), OPTION_DATABASE + " '" + database
          + "' is not a plain name (letters, digits and _, not starting with a digit)");
    }
    Config config = new Config(warehouse, database);
    return JobRunner.run(spec, common, spark -> {
      print(statements(spark, config), spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  /** Every statement, in the order to run them. */
  public static List<String> statements(SparkSession spark, Config config) {
    WarehouseCatalog catalog = WarehouseCatalog.open(spark, config.warehouse());
    List<String> statements = new ArrayList<>();
    String prefix = "";
    if (config.database() != null) {
      statements.add("CREATE DATABASE IF NOT EXISTS " + quote(config.database()) + ";");
      prefix = quote(config.database()) + ".";
    }
    for (WarehouseCatalog.Table table : catalog.tables()) {
      String name = prefix + quote(table.name());
      StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name).append(" (\n");
      StructField[] fields = table.schema().fields();
      for (int i = 0; i < fields.length; i++) {
        StructField f = fields[i];
        ddl.append("  ").append(quote(f.name())).append(' ').append(f.dataType().sql());
        if (f.getComment().isDefined()) {
          ddl.append(" COMMENT ").append(literal(f.getComment().get()));
        }
        ddl.append(i + 1 < fields.length ? ",\n" : "\n");
      }
      ddl.append(")\nUSING parquet\n");
      if (!table.partitionColumns().isEmpty()) {
        ddl.append("PARTITIONED BY (")
            .append(String.join(", ", table.partitionColumns().stream().map(DdlJob::quote).toList())).append(")\n");
      }
      if (table.definition().isPresent()) {
        ddl.append("COMMENT ").append(literal(table.description())).append('\n');
      }
      ddl.append("LOCATION ").append(literal(table.location().toUri().toString())).append(';');
      statements.add(ddl.toString());
      if (!table.partitionColumns().isEmpty()) {
        statements.add("MSCK REPAIR TABLE " + name + ";");
      }
    }
    return statements;
  }

  public static void print(List<String> statements, PrintWriter out) {
    out.println("-- provstat warehouse tables for a metastore (Spark SQL, Hive, Glue, Unity Catalog); "
        + "run with spark-sql -f or a notebook");
    for (String statement : statements) {
      out.println();
      out.println(statement);
    }
    out.flush();
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** A SQL string literal as Spark and Hive read it: backslash escapes. */
  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
