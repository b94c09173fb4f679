package io.provstat.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Status;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * One figure per key. The same key (place, scope, year, period, indicator, measure) seen more than once is
 * resolved in this order: the later vintage wins; at equal vintage the more final status wins (final
 * &gt; preliminary &gt; estimate); at equal status the later file and line win, so the result never
 * depends on the order Spark read the files in. Equal values (within {@value #RELATIVE_TOLERANCE}
 * relative) are plain duplicates; a different value that loses is a conflict, kept as a row of the
 * {@code conflicts} table, never dropped unseen.
 *
 * <p>{@link #rank} adds the ranking columns in one window pass; the winners and the conflicts are
 * both filters of its result.
 */
public final class Deduplication {

  public static final double RELATIVE_TOLERANCE = 1e-9;

  static final String RANK = "_rank";
  static final String CONFLICT = "_conflict";
  static final String RESOLUTION = "_resolution";
  static final String WINNER = "_winner_";

  private static final String[] WINNER_COLUMNS = {"value", "status", "vintage", "source", "source_line"};

  private Deduplication() {}

  /**
   * {@link Status#precedence()} as a column: the one definition of which status is more final. A
   * status that is none of them (never stored: ingest checks it) ranks as the least final.
   */
  private static Column statusRank(Column status) {
    Column rank = null;
    int least = Integer.MAX_VALUE;
    for (Status s : Status.values()) {
      rank = rank == null ? when(status.equalTo(s.code()), s.precedence())
          : rank.when(status.equalTo(s.code()), s.precedence());
      least = Math.min(least, s.precedence());
    }
    return rank.otherwise(least);
  }

  /**
   * Ranks the figures of each key; {@code entity} is the place column ({@code province_code} for
   * observations, {@code scope} for aggregates).
   */
  public static Dataset<Row> rank(Dataset<Row> figures, String entity) {
    Column vintage = coalesce(col("vintage"), lit(""));
    // scope is part of the key: a rank in the region and a rank in the nation are two figures.
    WindowSpec byKey = Window.partitionBy(col(entity), col("scope"), col("year"), col("period"),
            col("indicator"), col("measure"))
        .orderBy(vintage.desc(), statusRank(col("status")).desc(), col("source").desc(),
            col("source_line").desc());
    WindowSpec upToHere = byKey.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> ranked = figures.withColumn(RANK, row_number().over(byKey));
    for (String c : WINNER_COLUMNS) {
      ranked = ranked.withColumn(WINNER + c, first(col(c)).over(upToHere));
    }
    Column winnerValue = col(WINNER + "value");
    Column differs = abs(col("value").minus(winnerValue))
        .gt(greatest(abs(col("value")), abs(winnerValue)).multiply(RELATIVE_TOLERANCE));
    Column winnerVintage = coalesce(col(WINNER + "vintage"), lit(""));
    return ranked
        .withColumn(CONFLICT, col(RANK).gt(1).and(differs))
        .withColumn(RESOLUTION,
            when(winnerVintage.gt(vintage), lit("later_vintage"))
                .when(statusRank(col(WINNER + "status")).gt(statusRank(col("status"))), lit("status_precedence"))
                .otherwise(lit("latest_source")));
  }

  /** The winning figure of each key, with the ranking columns removed. */
  public static Dataset<Row> winners(Dataset<Row> ranked) {
    Dataset<Row> top = ranked.filter(col(RANK).equalTo(1)).drop(RANK, CONFLICT, RESOLUTION);
    for (String c : WINNER_COLUMNS) {
      top = top.drop(WINNER + c);
    }
    return top;
  }

  /** The losing figures whose value differs from the winner's, in the conflicts table's columns. */
  public static Dataset<Row> conflicts(Dataset<Row> ranked, String tableName, String entity) {
    return ranked.filter(col(CONFLICT)).select(
        lit(tableName).as("table_name"),
        col(entity).as("entity_code"),
        col("year"), col("period"), col("indicator"), col("measure"),
        col(WINNER + "value").as("kept_value"),
        col(WINNER + "status").as("kept_status"),
        col(WINNER + "vintage").as("kept_vintage"),
        col(WINNER + "source").as("kept_source"),
        col(WINNER + "source_line").as("kept_source_line"),
        col("value").as("discarded_value"),
        col("status").as("discarded_status"),
        col("vintage").as("discarded_vintage"),
        col("source").as("discarded_source"),
        col("source_line").as("discarded_source_line"),
        col(RESOLUTION).as("resolution"));
  }
}
