package io.provstat.warehouse;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tables ingest writes, with their schemas. Names and meanings of columns are stable. */
public final class Tables {

  public static final TableDef OBSERVATIONS = new TableDef("observations",
      "One row per published number for a province: the canonical model.",
      new StructType()
          .add("province_code", DataTypes.StringType, false, "GSO two-digit province code")
          .add("province_name", DataTypes.StringType, false, "Vietnamese name, with diacritics")
          .add("region_code", DataTypes.StringType, false, "GSO socio-economic region: RRD NMM NCC CH SE MRD")
          .add("period", DataTypes.StringType, false, "Y full year; YTDmm January to month mm; Qn; Mmm one month")
          .add("indicator", DataTypes.StringType, false, "code from the indicator catalogue")
          .add("measure", DataTypes.StringType, false,
              "value plan yoy_growth_pct plan_attainment_pct plan_growth_pct index_prev_year reported_rank")
          .add("value", DataTypes.DoubleType, false, "the number, in unit")
          .add("unit", DataTypes.StringType, false, "bn_vnd mn_usd pct index mn_kwh mn_litres thousand_persons mn_vnd_per_person rank")
          .add("status", DataTypes.StringType, false, "final, preliminary or estimate")
          .add("scope", DataTypes.StringType, true, "for reported_rank: the region code or VN it ranks within")
          .add("source", DataTypes.StringType, false, "the ingested file")
          .add("source_line", DataTypes.IntegerType, false, "line of the figure in source")
          .add("vintage", DataTypes.StringType, true, "publication date or year (YYYY[-MM[-DD]]) when known")
          .add("document", DataTypes.StringType, true, "the publication the figure was keyed from, when cited")
          .add("quote", DataTypes.StringType, true,
              "for a figure read from a report: the exact text it was read from (null for tables)")
          .add("quote_start", DataTypes.IntegerType, true,
              "character offset (0-based, UTF-16) where quote starts in the report's text, after any BOM")
          .add("quote_end", DataTypes.IntegerType, true, "character offset just after quote ends")
          .add("year", DataTypes.IntegerType, false, "year the figure refers to (partition column)"),
      List.of("year"),
      List.of("year", "province_code", "indicator", "measure", "period"));

  public static final TableDef REPORTED_AGGREGATES = new TableDef("reported_aggregates",
      "Figures a source reports for a region or the whole country, kept to check province sums.",
      new StructType()
          .add("scope", DataTypes.StringType, false, "region code, or VN for the whole country")
          .add("scope_name", DataTypes.StringType, false, "Vietnamese name of the region or country")
          .add("year", DataTypes.IntegerType, false, "year the figure refers to")
          .add("period", DataTypes.StringType, false, "period code, as in observations")
          .add("indicator", DataTypes.StringType, false, "code from the indicator catalogue")
          .add("measure", DataTypes.StringType, false, "measure code, as in observations")
          .add("value", DataTypes.DoubleType, false, "the number, in unit")
          .add("unit", DataTypes.StringType, false, "unit code")
          .add("status", DataTypes.StringType, false, "final, preliminary or estimate")
          .add("source", DataTypes.StringType, false, "the ingested file")
          .add("source_line", DataTypes.IntegerType, false, "line of the figure in source")
          .add("vintage", DataTypes.StringType, true, "publication date or year when known"),
      List.of(),
      List.of("indicator", "measure", "scope", "year", "period"));

  public static final TableDef QUARANTINE = new TableDef("quarantine",
      "Every rejected input line, with where it was and why.",
      new StructType()
          .add("source", DataTypes.StringType, false, "the ingested file")
          .add("source_line", DataTypes.IntegerType, false, "line number in source (1-based)")
          .add("raw_text", DataTypes.StringType, false, "the line as read (bad bytes shown as U+FFFD)")
          .add("field", DataTypes.StringType, true, "the column or cell at fault, when one is")
          .add("reason_code", DataTypes.StringType, false,
              "undecodable_bytes malformed_line wrong_column_count missing_field unknown_province "
                  + "province_not_in_force unknown_indicator unparsable_number year_out_of_range "
                  + "unit_mismatch bad_value undetermined_province undetermined_year file_too_large")
          .add("reason", DataTypes.StringType, false, "what is wrong, naming the value"),
      List.of(),
      List.of("source", "source_line"));

  public static final TableDef CONFLICTS = new TableDef("conflicts",
      "Figures published twice with different values: which one was kept, which discarded, and why.",
      new StructType()
          .add("table_name", DataTypes.StringType, false, "observations or reported_aggregates")
          .add("entity_code", DataTypes.StringType, false, "province code, or scope of an aggregate")
          .add("year", DataTypes.IntegerType, false, "year")
          .add("period", DataTypes.StringType, false, "period code")
          .add("indicator", DataTypes.StringType, false, "indicator code")
          .add("measure", DataTypes.StringType, false, "measure code")
          .add("kept_value", DataTypes.DoubleType, false, "the value kept in the table")
          .add("kept_status", DataTypes.StringType, false, "its status")
          .add("kept_vintage", DataTypes.StringType, true, "its vintage")
          .add("kept_source", DataTypes.StringType, false, "its file")
          .add("kept_source_line", DataTypes.IntegerType, false, "its line")
          .add("discarded_value", DataTypes.DoubleType, false, "the value not kept")
          .add("discarded_status", DataTypes.StringType, false, "its status")
          .add("discarded_vintage", DataTypes.StringType, true, "its vintage")
          .add("discarded_source", DataTypes.StringType, false, "its file")
          .add("discarded_source_line", DataTypes.IntegerType, false, "its line")
          .add("resolution", DataTypes.StringType, false,
              "later_vintage, status_precedence (final > preliminary > estimate) or latest_source"),
      List.of(),
      List.of("table_name", "entity_code", "indicator", "measure", "year", "period", "discarded_source",
          "discarded_source_line"));

  public static final TableDef INGEST_RUNS = new TableDef("ingest_runs",
      "Per input file of the last ingest: lines read = accepted + quarantined + without figures.",
      new StructType()
          .add("run_id", DataTypes.StringType, false, "identifier of the ingest run")
          .add("run_started_at", DataTypes.TimestampType, false, "when the run started (UTC)")
          .add("source", DataTypes.StringType, false, "the ingested file")
          .add("format", DataTypes.StringType, false, "tidy-csv, gso-table or report")
          .add("content", DataTypes.StringType, false, "what the file holds (a GSO table's indicator)")
          .add("lines_read", DataTypes.LongType, false,
              "data lines read (not headers, blanks or comments); for a report, its non-blank lines")
          .add("lines_accepted", DataTypes.LongType, false, "lines whose figures went to the tables")
          .add("lines_quarantined", DataTypes.LongType, false, "lines sent to quarantine")
          .add("values_not_available", DataTypes.LongType, false, "cells marked not available (..)")
          .add("values_skipped", DataTypes.LongType, false,
              "cells of accepted lines in columns not read: a GSO table's breakdown gso_breakdowns.csv does not map")
          .add("observations_staged", DataTypes.LongType, false, "province figures read, before duplicates merge")
          .add("aggregates_staged", DataTypes.LongType, false, "region and country figures read")
          .add("lines_without_figures", DataTypes.LongType, false,
              "report lines that state no figure (narrative, menus); 0 for tables"),
      List.of(),
      List.of("source"));

  /** Every table ingest publishes, in publication order. */
  public static final List<TableDef> INGEST_TABLES =
      List.of(OBSERVATIONS, REPORTED_AGGREGATES, QUARANTINE, CONFLICTS, INGEST_RUNS);

  private Tables() {}
}
