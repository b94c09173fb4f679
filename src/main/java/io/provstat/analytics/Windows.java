package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Window partitions led by a hash of their keys, held in a column of its own.
 *
 * <p>A window sorts its partition by the keys first, and Spark's sort compares a fixed-size prefix
 * of the first key only: with a string first key that few values share (a region code, a province
 * code) almost every comparison falls through to the full row comparator. A leading 64-bit hash of
 * the keys makes the prefix decide nearly all of them. The keys themselves follow the hash, so a
 * collision never merges two partitions; and the hash is a function of the keys, so a shuffle on
 * the keys still serves the window.
 *
 * <p>The hash is a column ({@link #withKeyHash}), not an expression in the window: Spark gives an
 * expression in a window's partitioning an alias of its own per window operator, so no two windows
 * would share a sort (growth sorted its rows 13 times for 11 windows). Over one hash column, every
 * window of the same keys, and every later one whose keys start with them, reuses one sort.
 */
final class Windows {

  private Windows() {}

  /** The rows with {@code column} = xxhash64 of the keys. */
  static Dataset<Row> withKeyHash(Dataset<Row> rows, String column, String... keys) {
    return rows.withColumn(column, xxhash64(columns(keys)));
  }

  /** {@code Window.partitionBy(hashColumn, keys...)}, the hash column made by {@link #withKeyHash}. */
  static WindowSpec over(String hashColumn, String... keys) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(hashColumn));
    columns.addAll(List.of(columns(keys)));
    return Window.partitionBy(columns.toArray(Column[]::new));
  }

  static Column[] columns(String... keys) {
    Column[] plain = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      plain[i] = col(keys[i]);
    }
    return plain;
  }
}
