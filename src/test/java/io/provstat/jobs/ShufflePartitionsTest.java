package io.provstat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provstat.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

class ShufflePartitionsTest extends SparkTestBase {

  @Test
  void partitionsFollowTheInputWithAtLeastTwoPerCoreAndAtMostTwoHundred() {
    assertEquals(4, JobRunner.shufflePartitionsFor(0, 2));
    assertEquals(4, JobRunner.shufflePartitionsFor(1_000_000, 2));
    // 10^6 observation rows are 6.5 MB of Parquet: still two per core on 2 cores.
    assertEquals(4, JobRunner.shufflePartitionsFor(6_500_000, 2));
    // 10^7 rows, about 65 MB: 31 partitions of about 2 MiB of input each.
    assertEquals(31, JobRunner.shufflePartitionsFor(65_000_000, 2));
    assertEquals(200, JobRunner.shufflePartitionsFor(10_000_000_000L, 2));
    assertEquals(16, JobRunner.shufflePartitionsFor(3 * JobRunner.INPUT_BYTES_PER_PARTITION, 8));
  }

  @Test
  void aSettingTheUserGaveIsKept() {
    // The shared test session sets spark.sql.shuffle.partitions itself, as a user's --conf would.
    String given = spark.conf().get("spark.sql.shuffle.partitions");
    assertEquals(Integer.parseInt(given), JobRunner.sizeShufflesToInput(spark, 10_000_000_000L));
    assertEquals(given, spark.conf().get("spark.sql.shuffle.partitions"));
  }
}
