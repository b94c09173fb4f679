package io.provstat.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The pure steps from staged records (what the parsers emitted) to the ingest tables. Each takes
 * and returns a Dataset, so tests call them directly on hand-made rows.
 */
public final class IngestTransforms {

  private IngestTransforms() {}

  public static Dataset<Row> stagedObservations(Dataset<Row> staged) {
    return staged.filter(col(StagedRecords.KIND).equalTo(StagedRecords.OBSERVATION));
  }

  public static Dataset<Row> stagedAggregates(Dataset<Row> staged) {
    return staged.filter(col(StagedRecords.KIND).equalTo(StagedRecords.AGGREGATE));
  }

  public static Dataset<Row> quarantine(Dataset<Row> staged) {
    return staged.filter(col(StagedRecords.KIND).equalTo(StagedRecords.QUARANTINE))
        .select(col("source"), col("source_line"), col("raw_text"), col("field"), col("reason_code"),
            col("reason"));
  }

  /** Per-file accounting rows, labelled with the run. */
  public static Dataset<Row> ingestRuns(Dataset<Row> staged, String runId, Timestamp startedAt) {
    return staged.filter(col(StagedRecords.KIND).equalTo(StagedRecords.FILE_SUMMARY))
        .select(lit(runId).as("run_id"), lit(startedAt).as("run_started_at"), col("source"),
            col("format"), col("content"), col("lines_read"), col("lines_accepted"),
            col("lines_quarantined"), col("values_not_available"), col("values_skipped"),
            col("observations_staged"),
            col("aggregates_staged"), col("lines_without_figures"));
  }

  /** The conflicts of both figure tables, from their ranked forms (see {@link Deduplication#rank}). */
  public static Dataset<Row> conflicts(Dataset<Row> rankedObservations, Dataset<Row> rankedAggregates) {
    return Deduplication.conflicts(rankedObservations, "observations", "province_code")
        .unionByName(Deduplication.conflicts(rankedAggregates, "reported_aggregates", "scope"));
  }
}
