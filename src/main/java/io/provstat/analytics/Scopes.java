package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.provstat.reference.Region;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Regions and the nation as scopes, and how many provinces each held in a year. */
final class Scopes {

  private Scopes() {}

  /** Each row twice: once in its region ({@code scope} = region code), once in the nation (VN). */
  static Dataset<Row> explode(Dataset<Row> rows) {
    return rows.withColumn("scope", col("region_code"))
        .unionByName(rows.withColumn("scope", lit(Region.NATION)));
  }

  /**
   * For each (scope, year) in {@code scopeYears}, {@code n_in_scope}: the provinces the scope
   * held that year (a former province counts up to its last year).
   */
  static Dataset<Row> sizes(Dataset<Row> scopeYears, Dataset<Row> provinces) {
    Dataset<Row> members = explode(provinces).select(col("scope"), col("valid_to"));
    return scopeYears.select(col("scope"), col("year")).distinct()
        .join(functions.broadcast(members), "scope")
        .where(col("valid_to").isNull().or(col("year").leq(col("valid_to"))))
        .groupBy(col("scope"), col("year"))
        .agg(count(lit(1)).as("n_in_scope"));
  }
}
