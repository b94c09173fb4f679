package io.provstat.jobs;

import io.provstat.query.DuckDbQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Option(names = SqlJob.OPTION_ENGINE, paramLabel = "ENGINE",
      description = "duckdb (no Spark: a local warehouse only), spark, or auto (default: duckdb for a local "
          + "warehouse, spark for hdfs:, s3a: and the like).")
  String engine = SqlJob.ENGINE_AUTO;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** The warehouse and, if not empty, the tables to describe. */
  public record Config(String warehouse, List<String> tables) {}

  public static void main(String[] args) {
    System.exit(JobRunner.execute(new DescribeJob(), args));
  }

  @Override
  public Integer call() {
    SqlJob.checkEngine(spec.commandLine(), engine);
    Config config = new Config(warehouse, List.copyOf(only));
    if (SqlJob.engineFor(engine, warehouse).equals(SqlJob.ENGINE_DUCKDB)) {
      return JobRunner.runWithoutSpark(spec, common, () -> {
        DuckDbQuery.describe(config.warehouse(), config.tables(), spec.commandLine().getOut());
        return ExitCodes.OK;
      });
    }
    return SparkReads.describe(spec, common, config);
  }
}
