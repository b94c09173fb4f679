package io.provstat.jobs;

import io.provstat.ingest.InputException;
import io.provstat.query.WarehouseCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Describe: each table of the warehouse, what a row is, its columns with their meaning, its rows. */
@Command(name = DescribeJob.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = "List the warehouse's tables: what each holds, its columns with their meaning, its row count.")
public final class DescribeJob implements Callable<Integer> {

  public static final String NAME = "describe";

  @Option(names = IngestOptions.OPTION_WAREHOUSE, required = true, paramLabel = "DIR",
      description = "Warehouse root.")
  String warehouse;

  @Parameters(arity = "0..*", paramLabel = "TABLE", description = "Only these tables (default: all).")
  List<String> only = new ArrayList<>();

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** The warehouse and, if not empty, the tables to describe. */
  public record Config(String warehouse, List<String> tables) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new DescribeJob(), args));
  }

  @Override
  public Integer call() {
    Config config = new Config(warehouse, List.copyOf(only));
    return JobRunner.run(spec, common, spark -> {
      run(spark, config, spec.commandLine().getOut());
      return ExitCodes.OK;
    });
  }

  public static void run(SparkSession spark, Config config, PrintWriter out) {
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
