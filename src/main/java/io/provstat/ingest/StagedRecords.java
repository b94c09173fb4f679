package io.provstat.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one schema every file parser emits: observations, reported aggregates, quarantined lines and
 * one summary per file, told apart by {@code kind}. Parsing once into one dataset lets every output
 * table and the per-file accounting come from a single read of the input.
 */
public final class StagedRecords {

  public static final String KIND = "kind";
  public static final String OBSERVATION = "observation";
  public static final String AGGREGATE = "aggregate";
  public static final String QUARANTINE = "quarantine";
  public static final String FILE_SUMMARY = "file_summary";

  public static final StructType SCHEMA = new StructType()
      .add(KIND, DataTypes.StringType, false)
      .add("province_code", DataTypes.StringType)
      .add("province_name", DataTypes.StringType)
      .add("region_code", DataTypes.StringType)
      .add("scope", DataTypes.StringType)
      .add("scope_name", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("period", DataTypes.StringType)
      .add("indicator", DataTypes.StringType)
      .add("measure", DataTypes.StringType)
      .add("value", DataTypes.DoubleType)
      .add("unit", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("source", DataTypes.StringType, false)
      .add("source_line", DataTypes.IntegerType)
      .add("vintage", DataTypes.StringType)
      .add("document", DataTypes.StringType)
      .add("raw_text", DataTypes.StringType)
      .add("field", DataTypes.StringType)
      .add("reason_code", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("format", DataTypes.StringType)
      .add("content", DataTypes.StringType)
      .add("lines_read", DataTypes.LongType)
      .add("lines_accepted", DataTypes.LongType)
      .add("lines_quarantined", DataTypes.LongType)
      .add("values_not_available", DataTypes.LongType)
      .add("observations_staged", DataTypes.LongType)
      .add("aggregates_staged", DataTypes.LongType)
      .add("quote", DataTypes.StringType)
      .add("quote_start", DataTypes.IntegerType)
      .add("quote_end", DataTypes.IntegerType)
      .add("lines_without_figures", DataTypes.LongType);

  private StagedRecords() {}

  /** A published number, for a province ({@code OBSERVATION}) or a region/the nation ({@code AGGREGATE}). */
  public record Figure(String provinceCode, String provinceName, String regionCode, String scope,
      String scopeName, int year, String period, String indicator, String measure, double value,
      String unit, String status, String vintage, String document) {}

  /** A province's figure read from line {@code line} of {@code source}. */
  public static Row observation(Figure f, String source, int line) {
    return figureRow(OBSERVATION, f, source, line, null, null, null);
  }

  /** An observation read from a report's text, with the exact quote and its character offsets. */
  static Row observation(Figure f, String source, int line, String quote, int quoteStart, int quoteEnd) {
    return figureRow(OBSERVATION, f, source, line, quote, quoteStart, quoteEnd);
  }

  static Row aggregate(Figure f, String source, int line) {
    return figureRow(AGGREGATE, f, source, line, null, null, null);
  }

  private static Row figureRow(String kind, Figure f, String source, int line, String quote, Integer quoteStart,
      Integer quoteEnd) {
    return RowFactory.create(kind, f.provinceCode(), f.provinceName(), f.regionCode(), f.scope(),
        f.scopeName(), f.year(), f.period(), f.indicator(), f.measure(), f.value(), f.unit(), f.status(),
        source, line, f.vintage(), f.document(), null, null, null, null,
        null, null, null, null, null, null, null, null, quote, quoteStart, quoteEnd, null);
  }

  static Row quarantine(String source, int line, String rawText, String field, QuarantineReason reason,
      String message) {
    return RowFactory.create(QUARANTINE, null, null, null, null, null, null, null, null, null, null,
        null, null, source, line, null, null, rawText, field, reason.code(), message,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * One file's accounting: {@code withoutFigures} counts a report's text lines that state no figure;
   * {@code observations} and {@code aggregates} the figures staged (before deduplication).
   */
  public static Row fileSummary(String source, String format, String content, long read, long accepted, long quarantined,
      long withoutFigures, long notAvailable, long observations, long aggregates) {
    return RowFactory.create(FILE_SUMMARY, null, null, null, null, null, null, null, null, null, null,
        null, null, source, null, null, null, null, null, null, null,
        format, content, read, accepted, quarantined, notAvailable, observations, aggregates, null, null, null,
        withoutFigures);
  }
}
