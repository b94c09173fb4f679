package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.provstat.reference.PerCapitaRule;
import io.provstat.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Per-capita figures: each level of a numerator in per_capita.csv divided by the average population
 * of the same province, year and period ({@code population}, thousand persons), times the rule's
 * factor, as observations of the per-capita indicator that every table then treats like any other
 * (rankings rank them). A derived figure is as final as the weaker of its level and the population
 * ({@link Statuses}), has {@code source = derived_per_capita} and the population's vintage, which
 * the facts carry on as {@code value_basis} and {@code population_vintage}. A level without a
 * positive population that year gives no per-capita figure.
 */
public final class PerCapita {

  /** The source (and value_basis) of a derived per-capita figure. */
  public static final String DERIVED = "derived_per_capita";

  private PerCapita() {}

  /** The rules as a frame: code, numerator, factor, unit. */
  static Dataset<Row> rules(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    ReferenceData ref = ReferenceData.get();
    for (PerCapitaRule rule : ref.perCapita()) {
      rows.add(RowFactory.create(rule.code(), rule.numerator(), rule.factor(),
          ref.indicator(rule.code()).orElseThrow().unit()));
    }
    return spark.createDataFrame(rows, new StructType().add("_code", DataTypes.StringType, false)
        .add("indicator", DataTypes.StringType, false).add("_factor", DataTypes.DoubleType, false)
        .add("_unit", DataTypes.StringType, false));
  }

  /** The observations with the per-capita figures they allow appended. */
  public static Dataset<Row> withDerived(Dataset<Row> observations) {
    Dataset<Row> population = observations
        .filter(col("indicator").equalTo(PerCapitaRule.POPULATION).and(col("measure").equalTo("value"))
            .and(col("value").gt(0)))
        .select(col("province_code"), col("period"), col("year"), col("value").as("_population"),
            col("status").as("_population_status"), col("vintage").as("_population_vintage"));
    Dataset<Row> levels = observations.filter(col("measure").equalTo("value"))
        .join(functions.broadcast(rules(observations.sparkSession())), "indicator");
    Dataset<Row> derived = levels.join(population, new String[] {"province_code", "period", "year"});
    List<Column> columns = new ArrayList<>();
    // The input's own columns: the 2025 units' observations carry fewer than the published ones.
    for (StructField field : observations.schema().fields()) {
      Column c = switch (field.name()) {
        case "indicator" -> col("_code");
        case "value" -> col("value").divide(col("_population")).multiply(col("_factor"));
        case "unit" -> col("_unit");
        case "status" -> Statuses.weakest(col("status"), col("_population_status"));
        case "source" -> lit(DERIVED);
        case "source_line" -> lit(0);
        case "vintage" -> col("_population_vintage");
        case "scope", "document", "quote", "quote_start", "quote_end" -> lit(null);
        default -> col(field.name());
      };
      columns.add(c.cast(field.dataType()).as(field.name()));
    }
    return observations.unionByName(derived.select(columns.toArray(Column[]::new)));
  }
}
