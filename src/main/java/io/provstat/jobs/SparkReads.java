package io.provstat.jobs;

import io.provstat.ingest.InputException;
import io.provstat.query.SqlQuery;
import io.provstat.query.WarehouseCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The Spark engine of the read commands ({@code sql --engine spark}, {@code describe --engine
 * spark}). Apart from {@link SqlJob} and {@link DescribeJob} because picocli reflects on a command's
 * methods, which loads every type their signatures (lambdas' included) name: kept here, Spark's
 * classes load only when this engine runs, and the DuckDB engine starts without them.
 */
final class SparkReads {

  private SparkReads() {}

  static int sql(CommandSpec spec, CommonOptions common, SqlQuery.Config config) {
    if (!common.verbose()) {
      SqlQuery.quietTaskFailures();
    }
    return SqlQuery.withPrivateMetastore(() -> JobRunner.run(spec, common, spark -> {
      SqlQuery.run(spark, config, spec.commandLine().getOut(), spec.commandLine().getErr());
      return ExitCodes.OK;
    }));
  }

  static int describe(CommandSpec spec, CommonOptions common, DescribeJob.Config config) {
    return JobRunner.run(spec, common, spark -> {
      describe(spark, config, spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  static void describe(SparkSession spark, DescribeJob.Config config, PrintWriter out) {
    WarehouseCatalog catalog = WarehouseCatalog.open(spark, config.warehouse());
    List<WarehouseCatalog.Table> tables = new ArrayList<>();
    for (String name : config.tables()) {
      tables.add(catalog.table(name).orElseThrow(() -> new InputException("no table '" + name + "' in "
          + catalog.store().root() + " (tables: " + String.join(", ", catalog.names()) + ")")));
    }
    if (tables.isEmpty()) {
      tables.addAll(catalog.tables());
    }
    out.printf(Locale.ROOT, "warehouse %s: %d table(s)%n", catalog.store().root(), catalog.tables().size());
    for (WarehouseCatalog.Table table : tables) {
      long rows = table.data().count();
      out.println();
      out.printf(Locale.ROOT, "%s: %d row%s%s%n", table.name(), rows, rows == 1 ? "" : "s",
          table.partitionColumns().isEmpty() ? "" : "; partitioned by " + String.join(", ", table.partitionColumns()));
      out.println("  " + table.description());
      StructField[] fields = table.schema().fields();
      int nameWidth = "column".length();
      int typeWidth = "type".length();
      for (StructField f : fields) {
        nameWidth = Math.max(nameWidth, f.name().length());
        typeWidth = Math.max(typeWidth, f.dataType().simpleString().length());
      }
      String line = "  %-" + nameWidth + "s  %-" + typeWidth + "s  %s";
      out.println(String.format(Locale.ROOT, line, "column", "type", "meaning").stripTrailing());
      for (StructField f : fields) {
        String meaning = f.getComment().isDefined() ? f.getComment().get() : "";
        out.println(String.format(Locale.ROOT, line, f.name(), f.dataType().simpleString(), meaning).stripTrailing());
      }
    }
    if (config.tables().isEmpty() && !catalog.skipped().isEmpty()) {
      out.println();
      out.println("folders that are not tables:");
      catalog.skipped().forEach(s -> out.println("  " + s));
    }
    out.flush();
  }
}
