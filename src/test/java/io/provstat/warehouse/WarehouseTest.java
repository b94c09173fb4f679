package io.provstat.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest extends SparkTestBase {

  private static final TableDef ALPHA = new TableDef("alpha", "test table",
      new StructType().add("k", DataTypes.StringType, false).add("v", DataTypes.IntegerType, false),
      List.of(), List.of("k"));
  private static final TableDef BETA = new TableDef("beta", "test table, partitioned",
      new StructType().add("k", DataTypes.StringType, false).add("year", DataTypes.IntegerType, false),
      List.of("year"), List.of("k"));

  @TempDir Path dir;

  private Dataset<Row> rows(TableDef table, Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), table.schema());
  }

  private void publishVersion(Warehouse warehouse, String run, int version) {
    try (Warehouse.Publication p = warehouse.begin(run)) {
      p.stage(ALPHA, rows(ALPHA, new Object[] {"a", version}, new Object[] {"b", version}));
      p.stage(BETA, rows(BETA, new Object[] {"v" + version, 2020}, new Object[] {"w" + version, 2021}));
      p.commit();
    }
  }

  private List<Integer> alphaValues(Warehouse warehouse) {
    return warehouse.read(ALPHA).orderBy("k").collectAsList().stream().map(r -> r.<Integer>getAs("v")).toList();
  }

  private List<String> betaKeys(Warehouse warehouse) {
    return warehouse.read(BETA).orderBy("k").collectAsList().stream().map(r -> r.<String>getAs("k")).toList();
  }

  @Test
  void aCommitReplacesEveryTableAndLeavesNoScaffolding() throws Exception {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    publishVersion(warehouse, "r1", 1);
    publishVersion(warehouse, "r2", 2);
    assertEquals(List.of(2, 2), alphaValues(warehouse));
    assertEquals(List.of("v2", "w2"), betaKeys(warehouse));
    assertTrue(Files.isDirectory(dir.resolve("beta/year=2020")));
    assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR).resolve("r2")));
    assertFalse(Files.exists(dir.resolve(Warehouse.TRASH_DIR).resolve("r2")));
    assertFalse(Files.exists(dir.resolve(Warehouse.JOURNAL_DIR).resolve("r2.pending")));
  }

  @Test
  void aJobThatFailsWhileWritingLeavesThePreviousVersion() {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    publishVersion(warehouse, "r1", 1);
    UserDefinedFunction explode = udf((UDF1<Integer, Integer>) v -> {
      throw new IllegalStateException("executor lost half-way");
    }, DataTypes.IntegerType);
    assertThrows(Exception.class, () -> {
      try (Warehouse.Publication p = warehouse.begin("r2")) {
        p.stage(BETA, rows(BETA, new Object[] {"new", 2020}));
        p.stage(ALPHA, rows(ALPHA, new Object[] {"a", 2}).withColumn("v", explode.apply(col("v"))));
        p.commit();
      }
    });
    assertEquals(List.of(1, 1), alphaValues(warehouse));
    assertEquals(List.of("v1", "w1"), betaKeys(warehouse));
    assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR).resolve("r2")));
  }

  /** A crash that the process cannot clean up after (kill -9 during the swaps). */
  private static final class Crash extends Error {
    Crash() {
      super("simulated crash");
    }
  }

  /** A warehouse that swaps folders, as one on HDFS or an object store does. */
  private Warehouse withoutLinks(Warehouse.CommitObserver observer) {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    conf.setBoolean(Warehouse.SYMLINKS_SETTING, false);
    try {
      return Warehouse.open(spark, dir.toString(), observer);
    } finally {
      conf.unset(Warehouse.SYMLINKS_SETTING);
    }
  }

  @Test
  void withoutLinksACrashHalfWayThroughTheSwapsIsRolledBackOnTheNextOpen() {
    publishVersion(withoutLinks((step, table) -> {}), "r1", 1);
    // Crash after the first table is swapped and the second is moved aside: beta is missing now,
    // the documented window of a file system without symbolic links.
    Warehouse crashing = withoutLinks((step, table) -> {
      if (step.equals("moved-aside") && "beta".equals(table)) {
        throw new Crash();
      }
    });
    assertFalse(crashing.publishesByLink());
    Warehouse.Publication p = crashing.begin("r2");
    p.stage(ALPHA, rows(ALPHA, new Object[] {"a", 2}));
    p.stage(BETA, rows(BETA, new Object[] {"new", 2020}));
    assertThrows(Crash.class, p::commit); // no close(): a killed process runs no cleanup
    p.abandon();
    assertFalse(Files.exists(dir.resolve("beta")));
    assertTrue(Files.exists(dir.resolve(Warehouse.JOURNAL_DIR).resolve("r2.pending")));

    // A reader changes nothing; the next writer takes over the dead run's lock and rolls back.
    Warehouse reader = Warehouse.open(spark, dir.toString());
    assertFalse(reader.exists("beta"));
    Warehouse reopened = withoutLinks((step, table) -> {});
    reopened.begin("r3").close();
    assertEquals(List.of(1, 1), alphaValues(reopened));
    assertEquals(List.of("v1", "w1"), betaKeys(reopened));
    assertFalse(Files.exists(dir.resolve(Warehouse.JOURNAL_DIR).resolve("r2.pending")));
    assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR)));
  }

  /** Every table as a reader sees it now: alpha's values and beta's keys, or null where missing. */
  private List<Object> snapshot() {
    Warehouse reader = Warehouse.open(spark, dir.toString());
    return List.of(reader.exists("alpha") ? alphaValues(reader) : "missing",
        reader.exists("beta") ? betaKeys(reader) : "missing");
  }

  @Test
  void aReaderNeverSeesAMissingOrHalfWrittenTableWhereverACrashStopsThePublish() {
    List<Object> before = List.of(List.of(1, 1), List.of("v1", "w1"));
    List<Object> alphaOnly = List.of(List.of(2, 2), List.of("v1", "w1"));
    List<Object> after = List.of(List.of(2, 2), List.of("v2", "w2"));
    String[][] crashes = {{"staged", "beta"}, {"journal", null}, {"versioned", "alpha"}, {"swapped", "alpha"},
        {"versioned", "beta"}, {"swapped", "beta"}, {"committed", null}};
    int run = 0;
    for (String[] crash : crashes) {
      publishVersion(Warehouse.open(spark, dir.toString()), "base" + run, 1);
      Warehouse crashing = Warehouse.open(spark, dir.toString(), (step, table) -> {
        if (step.equals(crash[0]) && java.util.Objects.equals(table, crash[1])) {
          throw new Crash();
        }
      });
      assertTrue(crashing.publishesByLink());
      Warehouse.Publication p = crashing.begin("crash" + run);
      assertThrows(Crash.class, () -> {
        p.stage(ALPHA, rows(ALPHA, new Object[] {"a", 2}, new Object[] {"b", 2}));
        p.stage(BETA, rows(BETA, new Object[] {"v2", 2020}, new Object[] {"w2", 2021}));
        p.commit();
      }, String.join(" ", java.util.Arrays.toString(crash)));
      p.abandon();
      // Between the kill and the next writer, plain readers see each table whole, old or new.
      List<Object> seen = snapshot();
      assertTrue(List.of(before, alphaOnly, after).contains(seen), java.util.Arrays.toString(crash) + ": " + seen);
      // The next writer rolls an unfinished publish back; a finished one stays.
      Warehouse.open(spark, dir.toString()).begin("next" + run).close();
      assertEquals(crash[0].equals("committed") ? after : before, snapshot(), java.util.Arrays.toString(crash));
      assertTrue(Files.isSymbolicLink(dir.resolve("alpha")));
      assertFalse(Files.exists(dir.resolve(Warehouse.JOURNAL_DIR).resolve("crash" + run + ".pending")));
      assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR)));
      run++;
    }
  }

  @Test
  void aTableIsALinkToItsVersionThatSparkReadsAsAPlainPartitionedParquetFolder() throws Exception {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    publishVersion(warehouse, "r1", 1);
    publishVersion(warehouse, "r2", 2);
    assertTrue(Files.isSymbolicLink(dir.resolve("beta")));
    // Relative, so the warehouse can be moved or mounted elsewhere.
    assertEquals(Path.of(Warehouse.VERSIONS_DIR, "beta", "v000002-r2"), Files.readSymbolicLink(dir.resolve("beta")));
    assertEquals(List.of("alpha", "beta"), warehouse.tableNames());
    // Partition discovery through the link, without a schema, as any Parquet reader would.
    Dataset<Row> plain = spark.read().parquet(dir.resolve("beta").toString());
    assertEquals(List.of("k", "year"), List.of(plain.columns()));
    assertEquals(List.of("v2"), plain.where("year = 2020").collectAsList().stream()
        .map(r -> r.<String>getAs("k")).toList());
    assertTrue(Files.isRegularFile(dir.resolve("beta/year=2021/part-00000.c000.snappy.parquet")));
  }

  @Test
  void aSupersededVersionIsKeptUntilTheNextPublicationOfItsTable() throws Exception {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    publishVersion(warehouse, "r1", 1);
    publishVersion(warehouse, "r2", 2);
    // A reader that resolved the link before r2's switch still reads r1's files.
    assertEquals(List.of("v000001-r1", "v000002-r2"), versions("alpha"));
    publishVersion(warehouse, "r3", 3);
    assertEquals(List.of("v000002-r2", "v000003-r3"), versions("alpha"));
  }

  private List<String> versions(String table) throws Exception {
    try (var names = Files.list(dir.resolve(Warehouse.VERSIONS_DIR).resolve(table))) {
      return names.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void whatARunKilledAfterItsCommitLeftIsRemovedByTheNextWriter() throws Exception {
    // Without links: the old folders wait in _trash/<run> until the commit's clean-up.
    publishVersion(withoutLinks((step, table) -> {}), "r1", 1);
    Warehouse killed = withoutLinks((step, table) -> {
      if (step.equals("committed")) {
        throw new Crash();
      }
    });
    Warehouse.Publication p = killed.begin("r2");
    p.stage(ALPHA, rows(ALPHA, new Object[] {"a", 2}, new Object[] {"b", 2}));
    assertThrows(Crash.class, p::commit);
    p.abandon();
    assertTrue(Files.isDirectory(dir.resolve(Warehouse.TRASH_DIR).resolve("r2").resolve("alpha")));
    withoutLinks((step, table) -> {}).begin("r3").close();
    assertFalse(Files.exists(dir.resolve(Warehouse.TRASH_DIR)));
    assertEquals(List.of(2, 2), alphaValues(Warehouse.open(spark, dir.toString())));

    // With links: the versions the killed run did not prune.
    Warehouse linked = Warehouse.open(spark, dir.toString());
    publishVersion(linked, "r4", 4); // migrates the plain folders: the old one is kept as a version
    publishVersion(linked, "r5", 5);
    Warehouse killedLinked = Warehouse.open(spark, dir.toString(), (step, table) -> {
      if (step.equals("committed")) {
        throw new Crash();
      }
    });
    Warehouse.Publication q = killedLinked.begin("r6");
    q.stage(ALPHA, rows(ALPHA, new Object[] {"a", 6}, new Object[] {"b", 6}));
    assertThrows(Crash.class, q::commit);
    q.abandon();
    assertEquals(3, versions("alpha").size());
    Warehouse.open(spark, dir.toString()).begin("r7").close();
    assertEquals(2, versions("alpha").size());
    assertEquals(List.of(6, 6), alphaValues(linked));
  }

  private static java.util.Map<String, String> files(Path table) throws Exception {
    return io.provstat.testing.TestFiles.digests(table);
  }

  /** In one JVM; across processes the footer's encodings may be listed in another order (see PipelineJobTest). */
  @Test
  void theSameRowsGiveTheSameBytes() throws Exception {
    Warehouse first = Warehouse.open(spark, dir.resolve("first").toString());
    Warehouse second = Warehouse.open(spark, dir.resolve("second").toString());
    publishVersion(first, "r1", 1);
    java.util.Map<String, String> alpha = files(dir.resolve("first/alpha"));
    java.util.Map<String, String> beta = files(dir.resolve("first/beta"));
    publishVersion(second, "r2", 1);
    publishVersion(first, "r3", 1); // a rerun into the same warehouse
    assertEquals(alpha, files(dir.resolve("second/alpha")));
    assertEquals(beta, files(dir.resolve("second/beta")));
    assertEquals(alpha, files(dir.resolve("first/alpha")));
    assertEquals(beta, files(dir.resolve("first/beta")));
    assertTrue(beta.containsKey("year=2020/part-00000.c000.snappy.parquet"), beta.toString());
  }

  @Test
  void oneWriterAtATime() {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    try (Warehouse.Publication first = warehouse.begin("r1")) {
      WarehouseLockedException e = assertThrows(WarehouseLockedException.class, () -> warehouse.begin("r2"));
      assertTrue(e.getMessage().contains("locked by run r1"), e.getMessage());
    }
    warehouse.begin("r3").close(); // released
    assertFalse(Files.exists(dir.resolve(Warehouse.LOCK_FILE)));
  }

  @Test
  void twoWritersStartingTogetherGetOneLockAndTheLoserNamesTheWinner() throws Exception {
    // Two ingests started at once: the lock was created empty and then written, so the loser could
    // read it empty ("locked by run ;", after a logged EOFException) or both could take it.
    for (int round = 0; round < 40; round++) {
      Path root = dir.resolve("w" + round);
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      List<java.util.concurrent.Future<Object>> outcomes = new java.util.ArrayList<>();
      for (String run : List.of("ra" + round, "rb" + round)) {
        outcomes.add(pool.submit(() -> {
          Warehouse w = Warehouse.open(spark, root.toString());
          start.await();
          try {
            Warehouse.Publication p = w.begin(run);
            Thread.sleep(200); // hold it while the other looks
            p.close();
            return run;
          } catch (WarehouseLockedException e) {
            return e;
          }
        }));
      }
      List<Object> results = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<Object> f : outcomes) {
        results.add(f.get());
      }
      pool.shutdown();
      List<Object> winners = results.stream().filter(r -> r instanceof String).toList();
      if (winners.size() == 2) {
        continue; // one finished before the other began: no contention this round
      }
      assertEquals(1, winners.size(), "exactly one holds the lock: " + results);
      WarehouseLockedException lost = (WarehouseLockedException) results.stream()
          .filter(r -> r instanceof WarehouseLockedException).findFirst().orElseThrow();
      assertTrue(lost.getMessage().contains("locked by run " + winners.get(0) + " "), lost.getMessage());
    }
  }

  @Test
  void aCrashOnTheFirstPublishLeavesNoHalfTables() {
    Warehouse crashing = Warehouse.open(spark, dir.toString(), (step, table) -> {
      if (step.equals("swapped") && "alpha".equals(table)) {
        throw new Crash();
      }
    });
    Warehouse.Publication p = crashing.begin("r1");
    p.stage(ALPHA, rows(ALPHA, new Object[] {"a", 1}));
    p.stage(BETA, rows(BETA, new Object[] {"v", 2020}));
    assertThrows(Crash.class, p::commit);
    p.abandon();
    Warehouse reopened = Warehouse.open(spark, dir.toString());
    reopened.begin("r2").close();
    assertFalse(reopened.exists("alpha"));
    assertFalse(reopened.exists("beta"));
  }

  @Test
  void stagingSeveralTablesAtOnceCountsTheirRowsNamesTheirJobsAndKeepsTheirOrder() throws Exception {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    java.util.Set<String> groups = java.util.concurrent.ConcurrentHashMap.newKeySet();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
        String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
        if (group != null) {
          groups.add(group);
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try (Warehouse.Publication p = warehouse.begin("r1")) {
      java.util.Map<TableDef, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
      tables.put(BETA, rows(BETA, new Object[] {"x", 2020}, new Object[] {"y", 2021}, new Object[] {"z", 2021}));
      tables.put(ALPHA, rows(ALPHA, new Object[] {"a", 1}));
      java.util.Map<String, Long> written = p.stageAll("test", tables, 2);
      assertEquals(java.util.Map.of("beta", 3L, "alpha", 1L), written);
      assertEquals(List.of("beta", "alpha"), List.copyOf(written.keySet()));
      assertEquals(List.of("beta", "alpha"), p.stagedTables());
      assertEquals(3, p.staged(BETA).count());
      p.commit();
    } finally {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(listener);
    }
    assertTrue(groups.containsAll(List.of("test: beta", "test: alpha")), groups.toString());
    assertEquals(List.of(1), alphaValues(warehouse));
    // The thread's own job group is untouched by the named work.
    assertEquals(null, spark.sparkContext().getLocalProperty("spark.jobGroup.id"));
  }

  @Test
  void aTableThatFailsAmongSeveralStagesNoneAndLeavesThePreviousVersion() {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    publishVersion(warehouse, "r1", 1);
    UserDefinedFunction explode = udf((UDF1<Integer, Integer>) v -> {
      throw new IllegalStateException("executor lost half-way");
    }, DataTypes.IntegerType);
    java.util.Map<TableDef, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
    tables.put(BETA, rows(BETA, new Object[] {"new", 2020}));
    tables.put(ALPHA, rows(ALPHA, new Object[] {"a", 2}).withColumn("v", explode.apply(col("v"))));
    RuntimeException failure = assertThrows(RuntimeException.class, () -> {
      try (Warehouse.Publication p = warehouse.begin("r2")) {
        try {
          p.stageAll("test", tables, 2);
        } finally {
          assertEquals(List.of(), p.stagedTables());
        }
      }
    });
    assertTrue(causeSays(failure, "executor lost half-way"), failure.toString());
    assertEquals(List.of(1, 1), alphaValues(warehouse));
    assertEquals(List.of("v1", "w1"), betaKeys(warehouse));
    assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR).resolve("r2")));
  }

  private static boolean causeSays(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anEmptyPartitionedTableIsStagedAsOneFileWithItsSchemaAndZeroRows() throws Exception {
    Warehouse warehouse = Warehouse.open(spark, dir.toString());
    try (Warehouse.Publication p = warehouse.begin("r1")) {
      assertEquals(0L, p.stage(BETA, rows(BETA)));
      p.commit();
    }
    assertEquals(0, warehouse.read(BETA).count());
    assertEquals(BETA.schema().fieldNames().length, spark.read().parquet(dir.resolve("beta").toString())
        .schema().fieldNames().length);
  }
}
