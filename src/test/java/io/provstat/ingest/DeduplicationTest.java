package io.provstat.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provstat.reference.Measure;
import io.provstat.reference.Status;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DeduplicationTest extends SparkTestBase {

  private static Row obs(String province, double value, String status, String vintage, String source, int line) {
    return StagedRecords.observation(new Figure(province, "n", "MRD", null, null, 2022, "Y", "export_value",
        Measure.VALUE, value, "mn_usd", Status.fromCode(status).orElseThrow(), vintage, null), source, line);
  }

  private Dataset<Row> ranked(Row... rows) {
    return Deduplication.rank(spark.createDataFrame(List.of(rows), StagedRecords.SCHEMA), "province_code");
  }

  @Test
  void equalValuesAreKeptOnceWithoutConflict() {
    Dataset<Row> r = ranked(obs("94", 1500, "estimate", "2023-01-10", "a.csv", 2),
        obs("94", 1500.0000000001, "preliminary", "2023-01-10", "b.csv", 7));
    List<Row> winners = Deduplication.winners(r).collectAsList();
    assertEquals(1, winners.size());
    assertEquals("preliminary", winners.get(0).getAs("status"));
    assertEquals(0, Deduplication.conflicts(r, "observations", "province_code").count());
  }

  @Test
  void laterVintageWinsThenStatusThenLatestSourceAndEveryConflictIsRecorded() {
    Dataset<Row> r = ranked(
        obs("94", 1500, "final", "2023-01-10", "a.csv", 2),
        obs("94", 1510, "estimate", "2023-06-30", "b.csv", 3),
        obs("40", 800, "estimate", "2021", "a.csv", 5),
        obs("40", 810, "final", "2021", "a.csv", 6),
        obs("17", 1, "final", null, "a.csv", 8),
        obs("17", 2, "final", null, "b.csv", 1));
    List<Row> winners = Deduplication.winners(r).orderBy("province_code").collectAsList();
    assertEquals(List.of(2.0, 810.0, 1510.0), winners.stream().map(w -> w.<Double>getAs("value")).toList());

    List<Row> conflicts = Deduplication.conflicts(r, "observations", "province_code")
        .orderBy("entity_code").collectAsList();
    assertEquals(3, conflicts.size());
    assertEquals("latest_source", conflicts.get(0).getAs("resolution"));
    assertEquals(1.0, conflicts.get(0).<Double>getAs("discarded_value"));
    assertEquals("b.csv", conflicts.get(0).getAs("kept_source"));
    assertEquals("status_precedence", conflicts.get(1).getAs("resolution"));
    assertEquals(800.0, conflicts.get(1).<Double>getAs("discarded_value"));
    assertEquals("later_vintage", conflicts.get(2).getAs("resolution"));
    assertEquals(1500.0, conflicts.get(2).<Double>getAs("discarded_value"));
    assertEquals(1510.0, conflicts.get(2).<Double>getAs("kept_value"));
    assertEquals("2023-06-30", conflicts.get(2).getAs("kept_vintage"));
  }

  @Test
  void aRankInTheRegionAndARankInTheNationAreTwoFigures() {
    Row region = StagedRecords.observation(new Figure("94", "n", "MRD", "MRD", null, 2022, "Y", "export_value",
        Measure.REPORTED_RANK, 5, "rank", Status.FINAL, null, null), "a.csv", 2);
    Row nation = StagedRecords.observation(new Figure("94", "n", "MRD", "VN", null, 2022, "Y", "export_value",
        Measure.REPORTED_RANK, 20, "rank", Status.FINAL, null, null), "a.csv", 3);
    Dataset<Row> r = ranked(region, nation);
    assertEquals(2, Deduplication.winners(r).count());
    assertEquals(0, Deduplication.conflicts(r, "observations", "province_code").count());
  }

  @Test
  void differentKeysAreNotDuplicates() {
    Row a = obs("94", 1500, "final", null, "a.csv", 2);
    Row b = StagedRecords.observation(new Figure("94", "n", "MRD", null, null, 2022, "YTD06", "export_value",
        Measure.VALUE, 700, "mn_usd", Status.FINAL, null, null), "a.csv", 3);
    assertEquals(2, Deduplication.winners(ranked(a, b)).count());
  }
}
