package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.TableDef;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The label columns every analytic table carries, and what they say. */
class LabelsTest extends SparkTestBase {

  private static Set<String> columns(TableDef table) {
    return Arrays.stream(table.schema().fieldNames()).collect(Collectors.toSet());
  }

  @Test
  void everyColumnOfEveryTableSaysWhatItMeans() {
    for (TableDef table : Analysis.TABLES) {
      for (StructField f : table.schema().fields()) {
        String description = f.getComment().getOrElse(() -> "");
        assertFalse(description.isBlank(), table.name() + "." + f.name() + " has no description");
        assertFalse(description.toLowerCase(Locale.ROOT).matches(".*\\bsee .*"),
            table.name() + "." + f.name() + " points elsewhere: " + description);
      }
    }
  }

  @Test
  void everyTableHasUnitPriceBasisAndNamesBesideItsCodes() {
    for (TableDef table : Analysis.TABLES) {
      Set<String> columns = columns(table);
      assertTrue(columns.contains("unit"), table.name());
      assertTrue(columns.contains("price_basis"), table.name());
      for (String code : List.of("province_code", "region_code", "indicator", "parent_indicator", "component",
          "reference_scope", "compared_indicator", "scope")) {
        if (columns.contains(code)) {
          String prefix = code.endsWith("_code") ? code.substring(0, code.length() - "_code".length()) : code;
          boolean named = columns.contains(prefix + "_name") || columns.contains(prefix + "_name_vi");
          assertTrue(named, table.name() + "." + code + " has no name beside it: " + columns);
        }
      }
    }
    assertTrue(columns(Analysis.TABLES.get(0)).contains("indicator_name_en"));
  }

  @Test
  void unknownTableIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.spec("no_such"));
    assertTrue(e.getMessage().contains("no_such"), e.getMessage());
  }

  private static Dataset<Row> rankings(Object[]... rows) {
    StructType schema = new StructType().add("scope", "string").add("indicator", "string").add("basis", "string")
        .add("province_code", "string").add("province_name", "string");
    return spark.createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  @Test
  void rankingsGetNamesUnitAndPercentForRates() {
    Dataset<Row> rows = rankings(new Object[] {"MRD", "export_value", "value", "94", "Sóc Trăng"},
        new Object[] {"MRD", "export_value", "yoy_growth_pct", "94", "Sóc Trăng"},
        new Object[] {"XX", "not_in_catalogue", "value", "94", "Sóc Trăng"});
    List<Row> out = Labels.apply("rankings", rows, ReferenceFrames.provinces(spark))
        .orderBy("indicator", "basis").collectAsList();
    assertEquals(3, out.size(), "labelling adds columns, never rows");
    Row value = out.get(0);
    assertEquals("Đồng bằng sông Cửu Long", value.getAs("scope_name"));
    assertEquals("Kim ngạch xuất khẩu", value.getAs("indicator_name_vi"));
    assertEquals("Export turnover", value.getAs("indicator_name_en"));
    assertEquals("mn_usd", value.getAs("unit"));
    assertEquals("current", value.getAs("price_basis"));
    Row growth = out.get(1);
    assertEquals("yoy_growth_pct", growth.getAs("basis"));
    assertEquals("percent", growth.getAs("unit"));
    Row unknown = out.get(2);
    assertNull(unknown.getAs("scope_name"));
    assertNull(unknown.getAs("indicator_name_vi"));
    assertNull(unknown.getAs("unit"));
  }

  @Test
  void contributionsNameComponentsOfEitherKindAndScorecardCountsTargets() {
    StructType schema = new StructType().add("scope", "string").add("parent_indicator", "string")
        .add("component", "string").add("component_kind", "string");
    Dataset<Row> rows = spark.createDataFrame(List.of(
        RowFactory.create("94", "export_value", "export_seafood", "indicator"),
        RowFactory.create("MRD", "export_value", "94", "province"),
        RowFactory.create("MRD", "export_value", "other", "other")), schema);
    List<Row> out = Labels.apply("contributions", rows, ReferenceFrames.provinces(spark))
        .orderBy("component_kind").collectAsList();
    assertEquals(3, out.size());
    assertEquals("Xuất khẩu thủy sản", out.get(0).getAs("component_name"));
    assertEquals("Sóc Trăng", out.get(0).getAs("scope_name"));
    assertNull(out.get(1).getAs("component_name"));
    assertEquals("Sóc Trăng", out.get(2).getAs("component_name"));
    assertEquals("Đồng bằng sông Cửu Long", out.get(2).getAs("scope_name"));
    assertEquals("mn_usd", out.get(2).getAs("unit"));

    Dataset<Row> card = spark.createDataFrame(List.of(RowFactory.create("94", "Sóc Trăng")),
        new StructType().add("province_code", "string").add("province_name", "string"));
    Row row = Labels.apply("scorecard", card, ReferenceFrames.provinces(spark)).first();
    assertEquals("targets", row.getAs("unit"));
    assertEquals("none", row.getAs("price_basis"));
  }
}
