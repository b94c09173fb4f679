package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each measure on a hand-worked example.
 *
 * <p>Exports by commodity, 2021: Kon Tum (62, Central Highlands) 100 in all, seafood 50, rice 30,
 * so other 20; Gia Lai (64, CH) 200, seafood 20, rice 100 (preliminary), other 80; Sóc Trăng (94,
 * Mekong Delta) 100, seafood 60 and no rice figure. Cần Thơ (92, MRD) has no figure, so the nation
 * holds 4 provinces. The nation's components are seafood and rice; Sóc Trăng lacks rice, so the
 * national reference is 62 and 64: 300 in all, seafood 70, rice 130, other 100. Population
 * (thousand persons): 62 = 2, 64 = 1, 94 = 1. In 2022 Kon Tum's components (70 + 40) exceed its
 * exports of 100.
 */
class SpecialisationTest extends SparkTestBase {

  private static final double EPS = 1e-12;
  private static final String PARENT = "export_value";
  private static Dataset<Row> table;

  @BeforeAll
  static void compute() {
    Observations obs = Observations.builder()
        .add("62", PARENT, "value", 2021, 100).add("62", "export_seafood", "value", 2021, 50)
        .add("62", "export_rice", "value", 2021, 30)
        .add("64", PARENT, "value", 2021, 200).add("64", "export_seafood", "value", 2021, 20)
        .add("64", "export_rice", "value", 2021, 100, "preliminary")
        .add("94", PARENT, "value", 2021, 100).add("94", "export_seafood", "value", 2021, 60)
        .add("62", Disparities.POPULATION, "value", 2021, 2).add("64", Disparities.POPULATION, "value", 2021, 1)
        .add("94", Disparities.POPULATION, "value", 2021, 1)
        .add("62", PARENT, "value", 2022, 100).add("62", "export_seafood", "value", 2022, 70)
        .add("62", "export_rice", "value", 2022, 40)
        .add("64", PARENT, "value", 2022, 200).add("64", "export_seafood", "value", 2022, 20)
        .add("64", "export_rice", "value", 2022, 100);
    Dataset<Row> provinces = spark.createDataFrame(List.of(
        RowFactory.create("62", "Kon Tum", "CH", null), RowFactory.create("64", "Gia Lai", "CH", null),
        RowFactory.create("94", "Sóc Trăng", "MRD", null), RowFactory.create("92", "Cần Thơ", "MRD", null)),
        ReferenceFrames.PROVINCES);
    table = Specialisation.compute(Facts.of(obs.build(spark)), provinces, ReferenceFrames.indicators(spark)).cache();
  }

  /** measure|variant|component -> row, for one scope, province, indicator, component set and year. */
  private static Map<String, Row> rows(String scope, String province, String indicator, String set, int year) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : table.where("scope = '" + scope + "' AND province_code = '" + province + "' AND indicator = '"
        + indicator + "' AND component_set = '" + set + "' AND year = " + year).collectAsList()) {
      Row previous = out.put(r.getAs("measure") + "|" + r.getAs("variant") + "|" + r.getAs("component"), r);
      assertNull(previous, "one row per measure, variant and component");
    }
    return out;
  }

  private static Row row(Map<String, Row> rows, String measure, String variant, String component) {
    Row r = rows.get(measure + "|" + variant + "|" + component);
    assertNotNull(r, measure + "|" + variant + "|" + component + " in " + rows.keySet());
    return r;
  }

  private static double value(Map<String, Row> rows, String measure, String variant, String component) {
    Row r = row(rows, measure, variant, component);
    assertNotNull(r.getAs("value"), measure + " " + component + ": " + r.getAs("note"));
    return r.<Double>getAs("value");
  }

  private static double lq(Map<String, Row> rows, String component) {
    return value(rows, Specialisation.LOCATION_QUOTIENT, Specialisation.MIX_VARIANT, component);
  }

  @Test
  void locationQuotientsAreOwnSharesOverTheReferenceShares() {
    Map<String, Row> kt = rows("VN", "62", PARENT, "commodity", 2021);
    // Kon Tum's shares .5, .3, .2 against the reference's 70/300, 130/300, 100/300.
    assertEquals(0.5 / (70.0 / 300), lq(kt, "export_seafood"), EPS);
    assertEquals(0.3 / (130.0 / 300), lq(kt, "export_rice"), EPS);
    assertEquals(0.2 / (100.0 / 300), lq(kt, Specialisation.OTHER), EPS);
    Row seafood = row(kt, Specialisation.LOCATION_QUOTIENT, Specialisation.MIX_VARIANT, "export_seafood");
    assertEquals(0.5, seafood.<Double>getAs("province_share"), EPS);
    assertEquals(70.0 / 300, seafood.<Double>getAs("reference_share"), EPS);
    assertEquals(2L, seafood.<Long>getAs("n"));
    assertEquals(4L, seafood.<Long>getAs("n_in_scope"));
    assertFalse(seafood.<Boolean>getAs("complete"), "the nation has 4 provinces, 2 in the reference");
    assertEquals("ratio", seafood.getAs("measure_unit"));
    // Gia Lai's preliminary rice is in the national reference, so every national quotient is preliminary.
    assertEquals("preliminary", seafood.getAs("status"));

    // Sóc Trăng has no rice figure: its seafood is still set against the reference (60/100 vs 70/300),
    // and its other (40, its rice included) against the reference's other.
    Map<String, Row> st = rows("VN", "94", PARENT, "commodity", 2021);
    assertEquals(0.6 / (70.0 / 300), lq(st, "export_seafood"), EPS);
    assertEquals(0.4 / (100.0 / 300), lq(st, Specialisation.OTHER), EPS);
    assertFalse(st.containsKey(Specialisation.LOCATION_QUOTIENT + "|" + Specialisation.MIX_VARIANT + "|export_rice"));
  }

  @Test
  void krugmanAgainstTheWholeScopeAndItsRest() {
    Map<String, Row> kt = rows("VN", "62", PARENT, "commodity", 2021);
    // |.5 - 7/30| + |.3 - 13/30| + |.2 - 1/3| = 8/30 + 4/30 + 4/30.
    assertEquals(16.0 / 30, value(kt, Specialisation.KRUGMAN, Specialisation.WHOLE_SCOPE, null), EPS);
    // The rest of the nation's reference is Gia Lai alone: shares .1, .5, .4.
    assertEquals(0.4 + 0.2 + 0.2, value(kt, Specialisation.KRUGMAN, Specialisation.REST_OF_SCOPE, null), EPS);
    Row k = row(kt, Specialisation.KRUGMAN, Specialisation.WHOLE_SCOPE, null);
    assertEquals(3L, k.<Long>getAs("n_parts"));
    assertEquals("index_0_2", k.getAs("measure_unit"));
    // Identity: K = sum_k s_rk |LQ_k - 1|.
    double identity = 70.0 / 300 * Math.abs(lq(kt, "export_seafood") - 1)
        + 130.0 / 300 * Math.abs(lq(kt, "export_rice") - 1) + 100.0 / 300 * Math.abs(lq(kt, Specialisation.OTHER) - 1);
    assertEquals(identity, k.<Double>getAs("value"), EPS);

    // Sóc Trăng reports 1 of the 2 components: no index, and the reason.
    Row st = row(rows("VN", "94", PARENT, "commodity", 2021), Specialisation.KRUGMAN, Specialisation.WHOLE_SCOPE, null);
    assertNull(st.getAs("value"));
    assertEquals("the province reports 1 of the 2 components its scope reports", st.getAs("note"));

    // In the Mekong Delta Sóc Trăng is its own reference: quotients 1, index 0, and no rest.
    Map<String, Row> mrd = rows("MRD", "94", PARENT, "commodity", 2021);
    assertEquals(1.0, lq(mrd, "export_seafood"), EPS);
    assertEquals(0.0, value(mrd, Specialisation.KRUGMAN, Specialisation.WHOLE_SCOPE, null), EPS);
    Row rest = row(mrd, Specialisation.KRUGMAN, Specialisation.REST_OF_SCOPE, null);
    assertNull(rest.getAs("value"));
    assertEquals(Specialisation.NO_REST_NOTE, rest.getAs("note"));
    assertEquals("final", rest.getAs("status"));
    assertEquals(1L, rest.<Long>getAs("n"));
    assertEquals(2L, rest.<Long>getAs("n_in_scope"));
  }

  @Test
  void herfindahlOfTheProvincesOwnMix() {
    Map<String, Row> kt = rows("62", "62", PARENT, "commodity", 2021);
    // .5^2 + .3^2 + .2^2 = .38; normalised over 3 parts: (.38 - 1/3) / (2/3).
    assertEquals(0.38, value(kt, Specialisation.HHI, Specialisation.RAW, null), EPS);
    assertEquals((0.38 - 1.0 / 3) / (2.0 / 3), value(kt, Specialisation.HHI, Specialisation.NORMALISED, null), EPS);
    Row raw = row(kt, Specialisation.HHI, Specialisation.RAW, null);
    assertEquals("final", raw.getAs("status"), "Kon Tum's own figures are final");
    assertTrue(raw.<Boolean>getAs("complete"));
    // Sóc Trăng: .6^2 + .4^2 = .52 over 2 parts.
    Map<String, Row> st = rows("94", "94", PARENT, "commodity", 2021);
    assertEquals(0.52, value(st, Specialisation.HHI, Specialisation.RAW, null), EPS);
    assertEquals((0.52 - 0.5) / 0.5, value(st, Specialisation.HHI, Specialisation.NORMALISED, null), EPS);
  }

  @Test
  void aMixWhoseComponentsExceedTheParentHasNoIndices() {
    Map<String, Row> kt = rows("VN", "62", PARENT, "commodity", 2022);
    Row krugman = row(kt, Specialisation.KRUGMAN, Specialisation.WHOLE_SCOPE, null);
    assertNull(krugman.getAs("value"));
    assertEquals(Specialisation.INVALID_MIX_NOTE, krugman.getAs("note"));
    // Its shares of the parent still compare: 70/100 against the reference (Gia Lai alone) 20/200.
    assertEquals(0.7 / 0.1, lq(kt, "export_seafood"), EPS);
    Row other = row(kt, Specialisation.LOCATION_QUOTIENT, Specialisation.MIX_VARIANT, Specialisation.OTHER);
    assertNull(other.getAs("value"));
    assertEquals(Specialisation.INVALID_MIX_NOTE, other.getAs("note"));
    Row hhi = row(rows("62", "62", PARENT, "commodity", 2022), Specialisation.HHI, Specialisation.RAW, null);
    assertNull(hhi.getAs("value"));
    assertEquals(1L, row(kt, Specialisation.LOCATION_QUOTIENT, Specialisation.MIX_VARIANT, "export_seafood")
        .<Long>getAs("n"), "the reference leaves the invalid mix out");
  }

  @Test
  void locationQuotientsAgainstPopulationShares() {
    // Exports 100, 200, 100 of 400; population 2, 1, 1 of 4.
    String set = Specialisation.POPULATION_SHARES;
    String variant = Specialisation.POPULATION_VARIANT;
    assertEquals(0.25 / 0.5, value(rows("VN", "62", PARENT, set, 2021), Specialisation.LOCATION_QUOTIENT, variant, null),
        EPS);
    Row gl = row(rows("VN", "64", PARENT, set, 2021), Specialisation.LOCATION_QUOTIENT, variant, null);
    assertEquals(0.5 / 0.25, gl.<Double>getAs("value"), EPS);
    assertEquals(0.5, gl.<Double>getAs("province_share"), EPS);
    assertEquals(0.25, gl.<Double>getAs("reference_share"), EPS);
    assertEquals(3L, gl.<Long>getAs("n"));
    // Within the Central Highlands: 100 and 200 of 300 against 2 and 1 of 3.
    assertEquals((1.0 / 3) / (2.0 / 3),
        value(rows("CH", "62", PARENT, set, 2021), Specialisation.LOCATION_QUOTIENT, variant, null), EPS);
    // Equivalently the province's exports per person over the scope's: (100 / 2) / (400 / 4).
    assertEquals((100.0 / 2) / (400.0 / 4),
        value(rows("VN", "62", PARENT, set, 2021), Specialisation.LOCATION_QUOTIENT, variant, null), EPS);
    // 2022 has no population: a row per province, null with the reason.
    Row noPopulation = row(rows("VN", "62", PARENT, set, 2022), Specialisation.LOCATION_QUOTIENT, variant, null);
    assertNull(noPopulation.getAs("value"));
    assertEquals(Specialisation.NO_POPULATION_NOTE, noPopulation.getAs("note"));
    assertEquals(0L, table.where("indicator = 'population'").count(), "population is not set against itself");
  }

  @Test
  void onlyAnnualFiguresAndOneRowPerKey() {
    assertEquals(0L, table.where("period <> 'Y'").count());
    long rows = table.count();
    long keys = table.select("scope", "province_code", "indicator", "component_set", "year", "period", "measure",
        "variant", "component").distinct().count();
    assertEquals(rows, keys);
  }
}
