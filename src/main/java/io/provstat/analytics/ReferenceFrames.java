package io.provstat.analytics;

import io.provstat.reference.Indicator;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Unit2025;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The reference data as small Datasets, for joins in the analytics (broadcast by size). */
public final class ReferenceFrames {

  public static final StructType PROVINCES = new StructType()
      .add("province_code", DataTypes.StringType, false)
      .add("province_name", DataTypes.StringType, false)
      .add("region_code", DataTypes.StringType, false)
      .add("valid_to", DataTypes.IntegerType, true);

  public static final StructType INDICATORS = new StructType()
      .add("indicator", DataTypes.StringType, false)
      .add("additive", DataTypes.BooleanType, false)
      .add("parent", DataTypes.StringType, true)
      .add("component_set", DataTypes.StringType, true);

  public static final StructType MERGERS = new StructType()
      .add("former_code", DataTypes.StringType, false)
      .add("successor_code", DataTypes.StringType, false)
      .add("last_year", DataTypes.IntegerType, false);

  private ReferenceFrames() {}

  /** Provinces absorbed by another (Hà Tây into Hà Nội): the successor's series breaks after last_year. */
  public static Dataset<Row> mergers(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Province p : ReferenceData.get().provinces()) {
      if (p.isFormer()) {
        rows.add(RowFactory.create(p.gsoCode(), p.mergedInto(), p.validTo()));
      }
    }
    return spark.createDataFrame(rows, MERGERS);
  }

  /** No mergers: the 2025 units already hold every former province in every year. */
  public static Dataset<Row> noMergers(SparkSession spark) {
    return spark.createDataFrame(List.of(), MERGERS);
  }

  /** The provinces as published (2008-2025, with Hà Tây until it ceased). */
  public static Dataset<Row> provinces(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Province p : ReferenceData.get().provinces()) {
      rows.add(RowFactory.create(p.gsoCode(), p.nameVi(), p.regionCode(), p.validTo()));
    }
    return spark.createDataFrame(rows, PROVINCES);
  }

  /** The 34 units from July 2025, with their regions from units_2025.csv (see its source note). */
  public static Dataset<Row> units2025(SparkSession spark) {
    ReferenceData ref = ReferenceData.get();
    List<Row> rows = new ArrayList<>();
    for (Unit2025 u : ref.units2025()) {
      rows.add(RowFactory.create(u.code(), u.nameVi(), u.regionCode(), null));
    }
    return spark.createDataFrame(rows, PROVINCES);
  }

  /** The catalogue, with one row per family (export_hs_*) that its members join through {@link Catalogue}. */
  public static Dataset<Row> indicators(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    List<Indicator> catalogue = new ArrayList<>(ReferenceData.get().indicators());
    catalogue.addAll(ReferenceData.get().indicatorFamilies());
    for (Indicator i : catalogue) {
      rows.add(RowFactory.create(i.code(), i.additive(), i.parent(), i.componentSet()));
    }
    return spark.createDataFrame(rows, INDICATORS);
  }
}
