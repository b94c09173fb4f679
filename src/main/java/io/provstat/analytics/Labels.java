package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Indicator;
import io.provstat.reference.ReferenceData;
import io.provstat.reference.Region;
import io.provstat.warehouse.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Makes an analytic table explain itself: beside its codes, the names of the provinces, regions and
 * indicators they stand for, and the unit and price basis of its figures, from the catalogue. One
 * pure function per table ({@link #apply}), its columns declared by {@link #define}; the reference
 * frames are a few hundred rows and are joined by broadcast. A row keeps every column it had and
 * gains only these; a code the reference lacks gets null names.
 */
public final class Labels {

  /** What a code column names, and so which frame names it. */
  enum Kind {
    /** A province or 2025 unit of the boundaries at hand. */
    PROVINCE,
    /** A region code or VN. */
    REGION,
    /** A province, or a region or VN (aggregate rows). */
    PLACE,
    /** An indicator code (a family member is named by its family). */
    INDICATOR,
    /** An indicator or a province code (contributions' component), or other. */
    ANY
  }

  /** A code column and the name column(s) that go beside it. */
  record Name(String code, Kind kind, String nameColumn, String description) {}

  /**
   * How one table is labelled.
   *
   * @param unitIndicator the column whose indicator gives unit and price_basis; null for a fixed unit
   * @param fixedUnit the unit when no indicator gives it (scorecard counts targets)
   * @param unitDescription which of the table's columns the unit applies to
   */
  record Spec(String unitIndicator, String fixedUnit, String unitDescription, List<Name> names) {}

  static final String PERCENT = "percent";
  static final String TARGETS = "targets";
  static final String NO_PRICE_BASIS = "none";

  private static final String CODE = "_label_code";
  private static final String NAME = "_label_name";
  private static final String NAME_EN = "_label_name_en";
  private static final String UNIT = "_label_unit";
  private static final String PRICE_BASIS = "_label_price_basis";

  static final Map<String, Spec> SPECS = Map.ofEntries(
      Map.entry(Rankings.OUTPUT.name(), new Spec("indicator", null,
          "unit of value: the indicator's level unit for basis value, percent for yoy_growth_pct and"
              + " plan_attainment_pct",
          List.of(new Name("scope", Kind.REGION, "scope_name", "Vietnamese name of the region (or the nation) ranked in"),
              indicatorNames("indicator")))),
      Map.entry(Growth.OUTPUT.name(), new Spec("indicator", null,
          "unit of value and prev_value (the indicator's level unit); the _pct and _pp columns are percent and points",
          List.of(new Name("region_code", Kind.REGION, "region_name", "Vietnamese name of the province's region"),
              indicatorNames("indicator")))),
      Map.entry(Contributions.OUTPUT.name(), new Spec("parent_indicator", null,
          "unit of value, prev_value, parent_value and parent_prev_value (the parent indicator's level unit);"
              + " the _pp and _pct columns are points and percent",
          List.of(new Name("scope", Kind.PLACE, "scope_name", "Vietnamese name of the province, region or nation"),
              indicatorNames("parent_indicator"),
              new Name("component", Kind.ANY, "component_name",
                  "Vietnamese name of the component indicator or province; null for other")))),
      Map.entry(ShiftShare.OUTPUT.name(), new Spec("parent_indicator", null,
          "unit of actual_change and every effect column (the parent indicator's level unit)",
          List.of(new Name("province_code", Kind.PROVINCE, "province_name", "Vietnamese name of the province"),
              new Name("reference_scope", Kind.REGION, "reference_scope_name",
                  "Vietnamese name of the reference region or the nation"),
              indicatorNames("parent_indicator")))),
      Map.entry(PlanGap.OUTPUT.name(), new Spec("indicator", null,
          "unit of actual, plan, gap_abs and base_value (the indicator's level unit); the _pct and _pp columns"
              + " are percent and points",
          List.of(new Name("region_code", Kind.REGION, "region_name", "Vietnamese name of the province's region"),
              indicatorNames("indicator")))),
      Map.entry(Scorecard.OUTPUT.name(), new Spec(null, TARGETS,
          "targets: the targets_ columns count plan targets; met_pct is percent of targets_set",
          List.of())),
      Map.entry(Reconciliation.OUTPUT.name(), new Spec("indicator", null,
          "unit of the indicator's levels, which reported, computed, difference and tolerance are in for level"
              + " checks (aggregate_sum, plan_implied_base); growth and attainment checks compare percent,"
              + " reported_rank compares ranks",
          List.of(new Name("province_code", Kind.PLACE, "province_name",
                  "Vietnamese name of the province, or of the region or nation of an aggregate check"),
              new Name("scope", Kind.REGION, "scope_name", "Vietnamese name of the region or nation in scope"),
              indicatorNames("indicator"), indicatorNames("compared_indicator")))),
      Map.entry(Convergence.OUTPUT.name(), new Spec("indicator", null,
          "unit of the indicator's levels the measures are computed on; the measures themselves are in log"
              + " points (sigma), ratios, or per year (trend, beta, speed)",
          List.of(new Name("scope", Kind.REGION, "scope_name", "Vietnamese name of the region (or the nation)"),
              indicatorNames("indicator")))),
      Map.entry(Disparities.OUTPUT.name(), new Spec("indicator", null,
          "unit of the indicator's levels, which the measures are computed over; the measures themselves are"
              + " indices or ratios without a unit (measure_unit)",
          List.of(new Name("scope", Kind.REGION, "scope_name", "Vietnamese name of the region (or the nation)"),
              indicatorNames("indicator")))),
      Map.entry(Specialisation.OUTPUT.name(), new Spec("indicator", null,
          "unit of the indicator's levels, which the shares are taken of; the measures themselves are ratios"
              + " or indices without a unit (measure_unit)",
          List.of(new Name("scope", Kind.PLACE, "scope_name",
                  "Vietnamese name of the region or nation compared with (the province itself for hhi)"),
              new Name("province_code", Kind.PROVINCE, "province_name", "Vietnamese name of the province"),
              indicatorNames("indicator"), indicatorNames("component")))));

  private Labels() {}

  private static Name indicatorNames(String code) {
    String prefix = code.equals("indicator") ? "indicator" : code;
    return new Name(code, Kind.INDICATOR, prefix + "_name_vi", "Vietnamese name of " + code + " in the catalogue");
  }

  static String englishColumn(Name name) {
    return name.nameColumn().substring(0, name.nameColumn().length() - "_vi".length()) + "_en";
  }

  static Spec spec(String table) {
    Spec spec = SPECS.get(table);
    if (spec == null) {
      throw new IllegalArgumentException("no labels for table " + table);
    }
    return spec;
  }

  /** The table's definition with the label columns appended, after its own. */
  public static TableDef define(TableDef table) {
    Spec spec = spec(table.name());
    StructType schema = new StructType(table.schema().fields());
    for (Name name : spec.names()) {
      if (!has(schema, name.nameColumn())) {
        schema = schema.add(name.nameColumn(), DataTypes.StringType, true, name.description());
      }
      if (name.kind() == Kind.INDICATOR) {
        schema = schema.add(englishColumn(name), DataTypes.StringType, true,
            "English name of " + name.code() + " in the catalogue");
      }
    }
    schema = schema.add("unit", DataTypes.StringType, true, spec.unitDescription())
        .add("price_basis", DataTypes.StringType, true,
            "current, constant_2010 or none: the prices the level figures are in, from the catalogue");
    return new TableDef(table.name(), table.description(), schema, table.partitionColumns(), table.sortColumns());
  }

  /**
   * The table's rows with the label columns of {@link #define} beside them.
   *
   * @param provinces the units of the boundaries the table was computed on ({@link ReferenceFrames})
   */
  public static Dataset<Row> apply(String table, Dataset<Row> rows, Dataset<Row> provinces) {
    Spec spec = spec(table);
    SparkSession spark = rows.sparkSession();
    Dataset<Row> regions = regions(spark);
    Dataset<Row> provinceNames = provinces.select(col("province_code").as(CODE), col("province_name").as(NAME));
    Dataset<Row> indicators = indicators(spark);
    Dataset<Row> out = rows;
    for (Name name : spec.names()) {
      switch (name.kind()) {
        case PROVINCE -> {
          if (!has(out.schema(), name.nameColumn())) {
            out = named(out, col(name.code()), provinceNames, name.nameColumn());
          }
        }
        case REGION -> out = named(out, col(name.code()), regions, name.nameColumn());
        case PLACE -> out = named(out, col(name.code()), provinceNames.unionByName(regions), name.nameColumn());
        case ANY -> out = named(out, when(col("component_kind").equalTo("indicator"), Catalogue.code(col(name.code())))
                .when(col("component_kind").equalTo("province"), col(name.code())),
            provinceNames.unionByName(indicators.select(CODE, NAME)), name.nameColumn());
        case INDICATOR -> out = out.withColumn(CODE, Catalogue.code(col(name.code())))
            .join(functions.broadcast(indicators.select(CODE, NAME, NAME_EN)), new String[] {CODE}, "left")
            .withColumnRenamed(NAME, name.nameColumn()).withColumnRenamed(NAME_EN, englishColumn(name))
            .drop(CODE);
        default -> throw new IllegalStateException("unknown kind " + name.kind());
      }
    }
    if (spec.unitIndicator() == null) {
      return out.withColumn("unit", lit(spec.fixedUnit())).withColumn("price_basis", lit(NO_PRICE_BASIS));
    }
    out = out.withColumn(CODE, Catalogue.code(col(spec.unitIndicator())))
        .join(functions.broadcast(indicators.select(CODE, UNIT, PRICE_BASIS)), new String[] {CODE}, "left")
        .drop(CODE);
    Column unit = col(UNIT);
    if (has(rows.schema(), "basis") && table.equals(Rankings.OUTPUT.name())) {
      unit = when(col("basis").equalTo(Rankings.BASIS_VALUE), col(UNIT)).otherwise(lit(PERCENT));
    }
    return out.withColumn("unit", unit).withColumnRenamed(PRICE_BASIS, "price_basis").drop(UNIT);
  }

  private static Dataset<Row> named(Dataset<Row> rows, Column code, Dataset<Row> names, String column) {
    return rows.withColumn(CODE, code)
        .join(functions.broadcast(names), new String[] {CODE}, "left")
        .withColumnRenamed(NAME, column)
        .drop(CODE);
  }

  private static boolean has(StructType schema, String column) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return true;
      }
    }
    return false;
  }

  static Dataset<Row> regions(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Region r : ReferenceData.get().regions()) {
      rows.add(RowFactory.create(r.code(), r.nameVi()));
    }
    return spark.createDataFrame(rows, new StructType().add(CODE, DataTypes.StringType, false)
        .add(NAME, DataTypes.StringType, false));
  }

  static Dataset<Row> indicators(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    List<Indicator> catalogue = new ArrayList<>(ReferenceData.get().indicators());
    catalogue.addAll(ReferenceData.get().indicatorFamilies());
    for (Indicator i : catalogue) {
      rows.add(RowFactory.create(i.code(), i.nameVi(), i.nameEn(), i.unit(), i.priceBasis()));
    }
    return spark.createDataFrame(rows, new StructType().add(CODE, DataTypes.StringType, false)
        .add(NAME, DataTypes.StringType, true).add(NAME_EN, DataTypes.StringType, true)
        .add(UNIT, DataTypes.StringType, true).add(PRICE_BASIS, DataTypes.StringType, true));
  }
}
