package io.provstat.testing;

import io.provstat.reference.Indicator;
import io.provstat.reference.Measure;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import io.provstat.warehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Hand-made observations for analytics tests: made-up figures, never mixed with real ones. */
public final class Observations {

  private final List<Row> rows = new ArrayList<>();

  public static Observations builder() {
    return new Observations();
  }

  /** A full-year figure; names, region and unit come from the reference data. */
  public Observations add(String province, String indicator, String measure, int year, double value) {
    return add(province, indicator, measure, year, "Y", value, null);
  }

  /** A full-year figure with a status other than final. */
  public Observations add(String province, String indicator, String measure, int year, double value, String status) {
    return add(province, indicator, measure, year, "Y", value, null, status);
  }

  public Observations add(String province, String indicator, String measure, int year, String period,
      double value, String scope) {
    return add(province, indicator, measure, year, period, value, scope, "final");
  }

  public Observations add(String province, String indicator, String measure, int year, String period,
      double value, String scope, String status) {
    ReferenceData ref = ReferenceData.get();
    Province p = ref.provinceByCode(province).orElseThrow();
    Indicator i = ref.indicator(indicator).orElseThrow();
    String unit = Measure.fromCode(measure).orElseThrow().unitFor(i);
    rows.add(RowFactory.create(p.gsoCode(), p.nameVi(), p.regionCode(), period, indicator, measure, value, unit,
        status, scope, "test.csv", rows.size() + 1, null, null, null, null, null, year));
    return this;
  }

  public Dataset<Row> build(SparkSession spark) {
    return spark.createDataFrame(rows, Tables.OBSERVATIONS.schema());
  }

  public static Dataset<Row> noAggregates(SparkSession spark) {
    return spark.createDataFrame(List.of(), Tables.REPORTED_AGGREGATES.schema());
  }

  public static Dataset<Row> aggregates(SparkSession spark, Object[]... scopeIndicatorYearValue) {
    List<Row> list = new ArrayList<>();
    for (Object[] a : scopeIndicatorYearValue) {
      String indicator = (String) a[1];
      String unit = ReferenceData.get().indicator(indicator).orElseThrow().unit();
      list.add(RowFactory.create(a[0], "scope", a[2], "Y", indicator, "value", a[3], unit, "final", "test.csv",
          list.size() + 1, null));
    }
    return spark.createDataFrame(list, Tables.REPORTED_AGGREGATES.schema());
  }
}
