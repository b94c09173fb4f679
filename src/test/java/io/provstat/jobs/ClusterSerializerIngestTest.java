package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest with the data serializer a cluster uses ({@code jobs/conf/cluster.properties}: Kryo), in
 * local mode: tasks are serialized here too, so whatever the tasks' data hold must survive Kryo, not
 * only Java serialization. The standalone-cluster test checks the same end to end, minutes later.
 */
class ClusterSerializerIngestTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSparkWithTheClusterSerializer() throws IOException {
    Properties cluster = new Properties();
    try (Reader reader = Files.newBufferedReader(SharedData.project().resolve("jobs/conf/cluster.properties"), StandardCharsets.UTF_8)) {
      cluster.load(reader);
    }
    String serializer = cluster.getProperty("spark.serializer");
    assertTrue(serializer != null && serializer.endsWith("KryoSerializer"), "cluster serializer: " + serializer);
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("provstat-test-kryo")
        .config("spark.serializer", serializer)
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  @Test
  void theSampleDataIngestsWithTheClusterSerializer() {
    Ingestion.Result result = Ingestion.run(spark, Ingestion.Config.of(dir.toString(), SharedData.realSampleData()));
    assertTrue(result.balanced());
    assertEquals(6, result.files().size());
    assertEquals(74, result.files().stream().mapToLong(Ingestion.FileSummary::read).sum());
    assertEquals(68, result.observations());
  }
}
