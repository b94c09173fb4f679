package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Window partitions led by a hash of their keys. A window sorts its partition by the keys first,
 * and Spark's sort compares a fixed-size prefix of the first key only: with a string first key
 * that few values share (a region code, a province code) almost every comparison falls through to
 * the full row comparator. A leading 64-bit hash of the keys makes the prefix decide nearly all of
 * them. The keys themselves follow the hash, so a collision never merges two partitions; and the
 * hash is a function of the keys, so a shuffle on the keys still serves the window.
 */
final class Windows {

  private Windows() {}

  /** {@code Window.partitionBy(hash(keys), keys...)}. */
  static WindowSpec partitionBy(String... keys) {
    return Window.partitionBy(hashed(keys));
  }

  static Column[] hashed(String... keys) {
    List<Column> columns = new ArrayList<>();
    Column[] plain = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      plain[i] = col(keys[i]);
    }
    columns.add(xxhash64(plain));
    columns.addAll(List.of(plain));
    return columns.toArray(Column[]::new);
  }
}
