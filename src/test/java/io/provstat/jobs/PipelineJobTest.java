package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.analytics.Analysis;
import io.provstat.ingest.Ingestion;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline publishes each warehouse's ingest and analyze tables together, or neither; it says which. */
class PipelineJobTest extends SparkTestBase {

  private static final String HEADER = "province_code,year,indicator,measure,value,document\n";

  @TempDir Path dir;

  private Path write(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, HEADER + body, StandardCharsets.UTF_8);
    return file;
  }

  /** Four real figures: two provinces, two years. */
  private Path fourFigures() throws Exception {
    return write("in4/real.csv", "94,2021,export_value,value,1300,001_9fa879952f808635.txt\n"
        + "94,2022,export_value,value,1500,001_9fa879952f808635.txt\n"
        + "95,2021,export_value,value,400,001_9fa879952f808635.txt\n"
        + "95,2022,export_value,value,500,001_9fa879952f808635.txt\n");
  }

  private PipelineJob.Config config(Path warehouse, Path input, Path synthetic) {
    return new PipelineJob.Config(Ingestion.Config.of(warehouse.toString(), input.toString()),
        AnalyzeJob.Config.of(warehouse.toString()), synthetic == null ? null : synthetic.toString());
  }

  /** Fails the n-th time a table is staged, as a failure of that table's computation would. */
  private static Warehouse.CommitObserver failOnStaging(String table, int nth) {
    AtomicInteger seen = new AtomicInteger();
    return (step, name) -> {
      if (step.equals("staged") && table.equals(name) && seen.incrementAndGet() == nth) {
        throw new IllegalStateException("analyze failed on " + table);
      }
    };
  }

  private List<Row> rowsOf(Path warehouse, TableDef table) {
    return Warehouse.open(spark, warehouse.toString()).read(table).collectAsList().stream()
        .sorted(java.util.Comparator.comparing(Row::toString)).toList();
  }

  private static TableDef analytic(String name) {
    return Analysis.TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anAnalyzeThatFailsLeavesTheIngestTablesOfTheSameRunUnpublished() throws Exception {
    Path warehouse = dir.resolve("wh");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(ExitCodes.OK, PipelineJob.run(spark, config(warehouse, fourFigures(), null), new PrintWriter(out),
        new PrintWriter(err)), err.toString());
    List<Row> observations = rowsOf(warehouse, Tables.OBSERVATIONS);
    List<Row> runs = rowsOf(warehouse, Tables.INGEST_RUNS);
    List<Row> growth = rowsOf(warehouse, analytic("growth"));
    assertEquals(4, observations.size());
    assertFalse(growth.isEmpty());

    // A second pipeline over one figure whose analyze fails (on the last table it computes).
    Path one = write("in1/real.csv", "94,2022,export_value,value,1600,001_9fa879952f808635.txt\n");
    String last = Analysis.TABLES.get(Analysis.TABLES.size() - 1).name();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PipelineJob.run(spark,
        config(warehouse, one, null), new PrintWriter(out), new PrintWriter(err), failOnStaging(last, 1)));
    assertEquals("analyze failed on " + last, e.getMessage());
    // Nothing of that run is published: the ingest tables and the analytic ones still agree.
    assertEquals(observations, rowsOf(warehouse, Tables.OBSERVATIONS));
    assertEquals(runs, rowsOf(warehouse, Tables.INGEST_RUNS));
    assertEquals(growth, rowsOf(warehouse, analytic("growth")));
    assertFalse(Files.exists(warehouse.resolve(Warehouse.STAGING_DIR)));
    assertFalse(Files.exists(warehouse.resolve(Warehouse.LOCK_FILE)));

    // And the same run without the failure publishes both.
    assertEquals(ExitCodes.OK, PipelineJob.run(spark, config(warehouse, one, null), new PrintWriter(out),
        new PrintWriter(err)));
    assertEquals(1, rowsOf(warehouse, Tables.OBSERVATIONS).size());
    assertEquals(0, Warehouse.open(spark, warehouse.toString()).read(analytic("growth"))
        .where("province_code = '95'").count());
  }

  @Test
  void whenTheSecondWarehouseFailsTheMessageNamesTheFirstAsPublished() throws Exception {
    Path input = dir.resolve("both");
    write("both/real.csv", "94,2022,export_value,value,1500,001_9fa879952f808635.txt\n");
    write("both/synthetic.csv", "94,2022,export_value,value,1234.5,synthetic: test panel\n");
    Path real = dir.resolve("wh/reports");
    Path synthetic = dir.resolve("wh/synthetic");
    StringWriter out = new StringWriter();
    PartlyPublishedException e = assertThrows(PartlyPublishedException.class, () -> PipelineJob.run(spark,
        config(real, input, synthetic), new PrintWriter(out), new PrintWriter(new StringWriter()),
        failOnStaging("rankings", 2)));
    Warehouse reports = Warehouse.open(spark, real.toString());
    assertTrue(e.published().startsWith("nothing was published to " + Warehouse.open(spark, synthetic.toString())
        .root() + " (its previous tables are unchanged); already published: " + reports.root()
        + " (observations, reported_aggregates, quarantine, conflicts, ingest_runs, rankings,"), e.published());
    assertEquals(1, reports.read(Tables.OBSERVATIONS).count());
    assertTrue(reports.exists("rankings"));
    assertFalse(Files.exists(synthetic.resolve("observations")));

    // What the command line prints: one line for the failure, one for what was published.
    picocli.CommandLine cli = JobRunner.commandLine(new PipelineJob());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.FAILED, JobRunner.run(cli.getCommandSpec(), new CommonOptions(), s -> {
      throw e;
    }));
    List<String> lines = err.toString().lines().toList();
    assertEquals(List.of("pipeline: failed: analyze failed on rankings",
        "(run with --verbose for the stack trace; " + e.published() + ")"), lines);
  }

  @Test
  void analyzeTakesTheLockBeforeReadingSoAKilledIngestSwapIsRolledBackFirst() throws Exception {
    Path warehouse = dir.resolve("wh");
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    // A warehouse that swaps folders, as on HDFS: a killed swap leaves observations missing.
    conf.setBoolean(Warehouse.SYMLINKS_SETTING, false);
    Warehouse crashing;
    try {
      Ingestion.run(spark, Ingestion.Config.of(warehouse.toString(), fourFigures().toString()));
      crashing = Warehouse.open(spark, warehouse.toString(), (step, table) -> {
        if (step.equals("moved-aside") && Tables.OBSERVATIONS.name().equals(table)) {
          throw new IllegalStateException("killed");
        }
      });
    } finally {
      conf.unset(Warehouse.SYMLINKS_SETTING);
    }
    Warehouse.Publication killed = crashing.begin("killed-ingest");
    killed.stage(Tables.OBSERVATIONS, Warehouse.open(spark, warehouse.toString()).read(Tables.OBSERVATIONS)
        .where("year = 2022"));
    assertThrows(IllegalStateException.class, killed::commit); // no close(): killed
    assertFalse(Files.exists(warehouse.resolve("observations")));
    Files.delete(warehouse.resolve(Warehouse.LOCK_FILE)); // as the next run does with a dead process's lock

    AnalyzeJob.Result result = AnalyzeJob.run(spark, AnalyzeJob.Config.of(warehouse.toString()));
    assertEquals(4, Warehouse.open(spark, warehouse.toString()).read(Tables.OBSERVATIONS).count());
    assertTrue(result.rows().get("growth") > 0, result.rows().toString());
  }

  /**
   * File names, row order and data pages are deterministic. In one JVM the whole files are equal;
   * from one process to the next a footer may list a column's encodings in another order
   * (parquet-mr gathers them in a hash set of enums), so the README promises rows, names and data
   * pages across processes, not checksums.
   */
  @Test
  void aRerunGivesByteIdenticalTablesSaveIngestRunsWhichNamesTheRun() throws Exception {
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    String[] inputs = io.provstat.testing.SharedData.realSampleData();
    for (Path warehouse : List.of(first, second)) {
      PipelineJob.Config config = new PipelineJob.Config(Ingestion.Config.of(warehouse.toString(), inputs),
          AnalyzeJob.Config.of(warehouse.toString()), null);
      assertEquals(ExitCodes.OK, PipelineJob.run(spark, config, quiet, quiet));
    }
    List<String> tables = Warehouse.open(spark, first.toString()).tableNames();
    assertEquals(Tables.INGEST_TABLES.size() + Analysis.TABLES.size(), tables.size(), tables.toString());
    for (String table : tables) {
      if (!table.equals(Tables.INGEST_RUNS.name())) {
        assertEquals(io.provstat.testing.TestFiles.digests(first.resolve(table)),
            io.provstat.testing.TestFiles.digests(second.resolve(table)), table);
      }
    }
  }
}
