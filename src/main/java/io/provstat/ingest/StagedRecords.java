package io.provstat.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one schema every file parser (and the synthetic panel) emits: observations, reported
 * aggregates, quarantined lines and one summary per file, told apart by {@code kind}; rows are
 * filled by column name from this schema, so the layout is defined here once. Parsing once into one dataset lets every output
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
      .add("values_skipped", DataTypes.LongType)
      .add("observations_staged", DataTypes.LongType)
      .add("aggregates_staged", DataTypes.LongType)
      .add("quote", DataTypes.StringType)
      .add("quote_start", DataTypes.IntegerType)
      .add("quote_end", DataTypes.IntegerType)
      .add("lines_without_figures", DataTypes.LongType);

  // Where each column sits, read from the schema once: the layout is defined by SCHEMA alone.
  private static final int WIDTH = SCHEMA.length();
  private static final int KIND_AT = SCHEMA.fieldIndex(KIND);
  private static final int PROVINCE_CODE = SCHEMA.fieldIndex("province_code");
  private static final int PROVINCE_NAME = SCHEMA.fieldIndex("province_name");
  private static final int REGION_CODE = SCHEMA.fieldIndex("region_code");
  private static final int SCOPE = SCHEMA.fieldIndex("scope");
  private static final int SCOPE_NAME = SCHEMA.fieldIndex("scope_name");
  private static final int YEAR = SCHEMA.fieldIndex("year");
  private static final int PERIOD = SCHEMA.fieldIndex("period");
  private static final int INDICATOR = SCHEMA.fieldIndex("indicator");
  private static final int MEASURE = SCHEMA.fieldIndex("measure");
  private static final int VALUE = SCHEMA.fieldIndex("value");
  private static final int UNIT = SCHEMA.fieldIndex("unit");
  private static final int STATUS = SCHEMA.fieldIndex("status");
  private static final int SOURCE = SCHEMA.fieldIndex("source");
  private static final int SOURCE_LINE = SCHEMA.fieldIndex("source_line");
  private static final int VINTAGE = SCHEMA.fieldIndex("vintage");
  private static final int DOCUMENT = SCHEMA.fieldIndex("document");
  private static final int RAW_TEXT = SCHEMA.fieldIndex("raw_text");
  private static final int FIELD = SCHEMA.fieldIndex("field");
  private static final int REASON_CODE = SCHEMA.fieldIndex("reason_code");
  private static final int REASON = SCHEMA.fieldIndex("reason");
  private static final int FORMAT = SCHEMA.fieldIndex("format");
  private static final int CONTENT = SCHEMA.fieldIndex("content");
  private static final int LINES_READ = SCHEMA.fieldIndex("lines_read");
  private static final int LINES_ACCEPTED = SCHEMA.fieldIndex("lines_accepted");
  private static final int LINES_QUARANTINED = SCHEMA.fieldIndex("lines_quarantined");
  private static final int VALUES_NOT_AVAILABLE = SCHEMA.fieldIndex("values_not_available");
  private static final int VALUES_SKIPPED = SCHEMA.fieldIndex("values_skipped");
  private static final int OBSERVATIONS_STAGED = SCHEMA.fieldIndex("observations_staged");
  private static final int AGGREGATES_STAGED = SCHEMA.fieldIndex("aggregates_staged");
  private static final int QUOTE = SCHEMA.fieldIndex("quote");
  private static final int QUOTE_START = SCHEMA.fieldIndex("quote_start");
  private static final int QUOTE_END = SCHEMA.fieldIndex("quote_end");
  private static final int LINES_WITHOUT_FIGURES = SCHEMA.fieldIndex("lines_without_figures");

  private StagedRecords() {}

  /** A province's figure read from line {@code line} of {@code source}. */
  public static Row observation(Figure f, String source, int line) {
    return RowFactory.create(figure(OBSERVATION, f, source, line));
  }

  /** An observation read from a report's text, with the exact quote and its character offsets. */
  static Row observation(Figure f, String source, int line, String quote, int quoteStart, int quoteEnd) {
    Object[] v = figure(OBSERVATION, f, source, line);
    v[QUOTE] = quote;
    v[QUOTE_START] = quoteStart;
    v[QUOTE_END] = quoteEnd;
    return RowFactory.create(v);
  }

  static Row aggregate(Figure f, String source, int line) {
    return RowFactory.create(figure(AGGREGATE, f, source, line));
  }

  /** A record of {@code kind} from {@code source}, every other column null. */
  private static Object[] record(String kind, String source) {
    Object[] v = new Object[WIDTH];
    v[KIND_AT] = kind;
    v[SOURCE] = source;
    return v;
  }

  private static Object[] figure(String kind, Figure f, String source, int line) {
    Object[] v = record(kind, source);
    v[PROVINCE_CODE] = f.provinceCode();
    v[PROVINCE_NAME] = f.provinceName();
    v[REGION_CODE] = f.regionCode();
    v[SCOPE] = f.scope();
    v[SCOPE_NAME] = f.scopeName();
    v[YEAR] = f.year();
    v[PERIOD] = f.period();
    v[INDICATOR] = f.indicator();
    v[MEASURE] = f.measure().code();
    v[VALUE] = f.value();
    v[UNIT] = f.unit();
    v[STATUS] = f.status().code();
    v[SOURCE_LINE] = line;
    v[VINTAGE] = f.vintage();
    v[DOCUMENT] = f.document();
    return v;
  }

  static Row quarantine(String source, int line, String rawText, String field, QuarantineReason reason,
      String message) {
    Object[] v = record(QUARANTINE, source);
    v[SOURCE_LINE] = line;
    v[RAW_TEXT] = rawText;
    v[FIELD] = field;
    v[REASON_CODE] = reason.code();
    v[REASON] = message;
    return RowFactory.create(v);
  }

  /**
   * One file's accounting: {@code withoutFigures} counts a report's text lines that state no figure;
   * {@code observations} and {@code aggregates} the figures staged (before deduplication).
   */
  public static Row fileSummary(String source, String format, String content, long read, long accepted,
      long quarantined, long withoutFigures, long notAvailable, long skipped, long observations, long aggregates) {
    Object[] v = record(FILE_SUMMARY, source);
    v[FORMAT] = format;
    v[CONTENT] = content;
    v[LINES_READ] = read;
    v[LINES_ACCEPTED] = accepted;
    v[LINES_QUARANTINED] = quarantined;
    v[VALUES_NOT_AVAILABLE] = notAvailable;
    v[VALUES_SKIPPED] = skipped;
    v[OBSERVATIONS_STAGED] = observations;
    v[AGGREGATES_STAGED] = aggregates;
    v[LINES_WITHOUT_FIGURES] = withoutFigures;
    return RowFactory.create(v);
  }
}
