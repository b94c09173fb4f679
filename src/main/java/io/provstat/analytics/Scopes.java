package io.provstat.analytics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.provstat.reference.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Regions and the nation as scopes, and how many provinces each held in a year. */
final class Scopes {

  private static final StructType MEMBERS = new StructType()
      .add("_scope", DataTypes.StringType, false)
      .add("_current", DataTypes.LongType, false)
      .add("_valid_to", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  private Scopes() {}

  /**
   * Each row twice: once in its region ({@code scope} = region code), once in the nation (VN).
   * A generator, not a union: the rows are read once.
   */
  static Dataset<Row> explode(Dataset<Row> rows) {
    return rows.withColumn("scope", functions.explode(array(col("region_code"), lit(Region.NATION))));
  }

  /**
   * The rows with {@code n_in_scope} beside them: the provinces their {@code scope} held in their
   * {@code year} (a former province counts up to its last year; 0 for an unknown scope).
   *
   * <p>A function of the reference data alone, so it reads nothing of the data: each scope's
   * current members are counted and its former members' last years listed on the driver (the
   * provinces are a few dozen reference rows), and the count for a year is taken per row.
   */
  static Dataset<Row> withSizes(Dataset<Row> rows, Dataset<Row> provinces) {
    Map<String, long[]> current = new TreeMap<>();
    Map<String, List<Integer>> former = new TreeMap<>();
    for (Row p : provinces.select(col("region_code"), col("valid_to")).collectAsList()) {
      for (String scope : List.of(p.getString(0), Region.NATION)) {
        current.computeIfAbsent(scope, s -> new long[1]);
        former.computeIfAbsent(scope, s -> new ArrayList<>());
        if (p.isNullAt(1)) {
          current.get(scope)[0]++;
        } else {
          former.get(scope).add(p.getInt(1));
        }
      }
    }
    List<Row> members = new ArrayList<>();
    current.forEach((scope, n) -> members.add(RowFactory.create(scope, n[0],
        List.copyOf(former.get(scope)))));
    Dataset<Row> frame = rows.sparkSession().createDataFrame(members, MEMBERS);
    return rows.join(functions.broadcast(frame), col("scope").equalTo(col("_scope")), "left")
        .withColumn("n_in_scope", coalesce(col("_current")
            .plus(size(filter(col("_valid_to"), lastYear -> lastYear.geq(col("year"))))), lit(0L)))
        .drop("_scope", "_current", "_valid_to");
  }
}
