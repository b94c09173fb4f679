package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Region;
import io.provstat.reference.Unit2025;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The provincial boundaries a table is computed on: as published (the 63 provinces of 2008-2025,
 * Hà Tây until 2007), or the 34 units from 1 July 2025.
 *
 * <p>On the 2025 units, additive levels and plans of the merged provinces are summed before any
 * ratio is taken, and only when every province of the unit published the figure that year; growth
 * rates, attainments, indices and ranks of a merged unit cannot be combined and are left out (the
 * analytics recompute growth and attainment from the summed levels). Units that took a single
 * province keep all its figures. Reported totals of the nation carry over; those of the old regions
 * do not, as the regions' membership changed.
 */
public enum Boundaries {
  PUBLISHED("published"),
  UNITS_2025("2025");

  private final String code;

  Boundaries(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Boundaries> fromCode(String code) {
    for (Boundaries b : values()) {
      if (b.code.equals(code.toLowerCase(Locale.ROOT))) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static final StructType MAPPING = new StructType()
      .add("province_code", DataTypes.StringType, false)
      .add("valid_to", DataTypes.IntegerType, true)
      .add("unit_code", DataTypes.StringType, false)
      .add("unit_name", DataTypes.StringType, false)
      .add("unit_region", DataTypes.StringType, false);

  /** Former province code -> 2025 unit, with the unit's name and region. */
  static Dataset<Row> mapping(SparkSession spark) {
    ReferenceData ref = ReferenceData.get();
    List<Row> rows = new ArrayList<>();
    for (Province p : ref.provinces()) {
      Unit2025 unit = ref.unit2025(p.unit2025Code()).orElseThrow();
      rows.add(RowFactory.create(p.gsoCode(), p.validTo(), unit.code(), unit.nameVi(), unit.regionCode()));
    }
    return spark.createDataFrame(rows, MAPPING);
  }

  /** Observations re-stated on the 2025 units. */
  public static Dataset<Row> observations2025(Dataset<Row> observations, Dataset<Row> indicators) {
    SparkSession spark = observations.sparkSession();
    Dataset<Row> mapping = mapping(spark);
    // How many provinces each unit had in a year: the figure of a merged unit needs all of them.
    Dataset<Row> members = observations.select(col("year")).distinct()
        .join(functions.broadcast(mapping))
        .where(col("valid_to").isNull().or(col("year").leq(col("valid_to"))))
        .groupBy(col("unit_code"), col("year"))
        .agg(count(lit(1)).as("_members"));
    Dataset<Row> mapped = observations
        .join(functions.broadcast(mapping.drop("valid_to")), "province_code")
        .transform(rows -> Catalogue.attach(rows, indicators, "additive"))
        .join(members, new String[] {"unit_code", "year"});
    // A reported rank is a rank among the old provinces: it means nothing among the 34 units.
    Dataset<Row> summable = mapped.filter(col("measure").notEqual("reported_rank"))
        .filter(col("_members").equalTo(1).or(col("additive").and(col("measure").isin("value", "plan"))));
    return summable
        .groupBy(col("unit_code"), col("year"), col("period"), col("indicator"), col("measure"))
        .agg(functions.countDistinct(col("province_code")).as("_n"), count(lit(1)).as("_rows"),
            max(col("_members")).as("_members"), Ratios.sum(col("value")).as("value"),
            first(col("unit_name")).as("province_name"), first(col("unit_region")).as("region_code"),
            first(col("unit")).as("unit"), first(col("scope")).as("scope"),
            // The least final status and the earliest vintage of the parts describe the sum.
            min(when(col("status").equalTo("estimate"), 1).when(col("status").equalTo("preliminary"), 2)
                .otherwise(3)).as("_status"),
            min(col("vintage")).as("vintage"))
        .filter(col("_n").equalTo(col("_members")).and(col("_rows").equalTo(col("_n"))))
        .select(col("unit_code").as("province_code"), col("province_name"), col("region_code"), col("period"),
            col("indicator"), col("measure"), col("value"), col("unit"),
            when(col("_status").equalTo(1), lit("estimate")).when(col("_status").equalTo(2), lit("preliminary"))
                .otherwise(lit("final")).as("status"),
            col("scope"), lit("boundaries-2025").as("source"), lit(0).as("source_line"), col("vintage"),
            lit(null).cast(DataTypes.StringType).as("document"), col("year"));
  }

  /** Reported aggregates that still hold on the 2025 units: the nation's. */
  public static Dataset<Row> aggregates2025(Dataset<Row> aggregates) {
    return aggregates.filter(col("scope").equalTo(Region.NATION));
  }
}
