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

  @Test
  void aCrashHalfWayThroughTheSwapsIsRolledBackOnTheNextOpen() {
    publishVersion(Warehouse.open(spark, dir.toString()), "r1", 1);
    // Crash after the first table is swapped and the second is moved aside: beta is missing now.
    Warehouse crashing = Warehouse.open(spark, dir.toString(), (step, table) -> {
      if (step.equals("moved-aside") && "beta".equals(table)) {
        throw new Crash();
      }
    });
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
    Warehouse reopened = Warehouse.open(spark, dir.toString());
    reopened.begin("r3").close();
    assertEquals(List.of(1, 1), alphaValues(reopened));
    assertEquals(List.of("v1", "w1"), betaKeys(reopened));
    assertFalse(Files.exists(dir.resolve(Warehouse.JOURNAL_DIR).resolve("r2.pending")));
    assertFalse(Files.exists(dir.resolve(Warehouse.STAGING_DIR)));
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
}
