package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ShiftShareTest extends SparkTestBase {

  private static void exports(Observations obs, String province, int year, double seafood, double rice, double total) {
    obs.add(province, "export_seafood", "value", year, seafood)
        .add(province, "export_rice", "value", year, rice)
        .add(province, "export_value", "value", year, total);
  }

  private Dataset<Row> shiftShare(Observations obs) {
    Dataset<Row> facts = Facts.of(obs.build(spark));
    return ShiftShare.compute(Contributions.byComponentSet(facts, ReferenceFrames.indicators(spark)),
        ReferenceFrames.provinces(spark));
  }

  @Test
  void effectsAddUpToTheActualChangeAndEstebanMarquillasSplitsTheCompetitiveEffect() {
    Observations obs = Observations.builder();
    exports(obs, "94", 2020, 500, 100, 700);
    exports(obs, "94", 2021, 550, 150, 760);
    exports(obs, "94", 2022, 600, 140, 800);
    exports(obs, "92", 2020, 200, 300, 600);
    exports(obs, "92", 2021, 210, 360, 640);
    exports(obs, "92", 2022, 260, 300, 700);
    Dataset<Row> rows = shiftShare(obs);
    List<Row> all = rows.collectAsList();
    assertTrue(!all.isEmpty());
    for (Row r : all) {
      double parts = r.<Double>getAs("national_effect") + r.<Double>getAs("mix_effect")
          + r.<Double>getAs("competitive_effect");
      assertEquals(r.<Double>getAs("actual_change"), parts, 1e-6, r.toString());
      assertEquals(r.<Double>getAs("competitive_effect"),
          r.<Double>getAs("homothetic_effect") + r.<Double>getAs("allocation_effect"), 1e-6, r.toString());
    }
    Row y2021 = rows.where("province_code = '94' AND reference_scope = 'MRD' AND variant = 'classic' "
        + "AND year_to = 2021").first();
    assertEquals(60.0, y2021.<Double>getAs("actual_change"), 1e-9);
    // Reference total 1300 -> 1400: +7.69 %; the province's 700 grows with it by 53.85.
    assertEquals(700 * 100.0 / 1300, y2021.<Double>getAs("national_effect"), 1e-9);
    assertEquals(2L, y2021.<Long>getAs("reference_provinces"));
    assertEquals(false, y2021.getAs("reference_complete"));

    Row dynamic = rows.where("province_code = '94' AND reference_scope = 'MRD' AND variant = 'dynamic'").first();
    assertEquals(2020, dynamic.<Integer>getAs("year_from"));
    assertEquals(2022, dynamic.<Integer>getAs("year_to"));
    double sumOfYears = rows.where("province_code = '94' AND reference_scope = 'MRD' AND variant = 'classic'")
        .collectAsList().stream().mapToDouble(r -> r.<Double>getAs("mix_effect")).sum();
    assertEquals(sumOfYears, dynamic.<Double>getAs("mix_effect"), 1e-9);
    assertEquals(100.0, dynamic.<Double>getAs("actual_change"), 1e-9);
  }

  @Test
  void aComponentAtZeroInBothYearsDoesNotBlankTheEffects() {
    Observations obs = Observations.builder();
    for (String province : new String[] {"94", "92"}) {
      obs.add(province, "export_goods", "value", 2021, 100).add(province, "export_value", "value", 2021, 100)
          .add(province, "export_goods", "value", 2022, province.equals("94") ? 120 : 110)
          .add(province, "export_value", "value", 2022, province.equals("94") ? 120 : 110);
    }
    Row r = shiftShare(obs).where("province_code = '94' AND reference_scope = 'MRD' AND component_set = 'goods_services'")
        .first();
    assertEquals(20.0, r.<Double>getAs("actual_change"), 1e-9);
    assertEquals(15.0, r.<Double>getAs("national_effect"), 1e-9);
    assertEquals(0.0, r.<Double>getAs("mix_effect"), 1e-9);
    assertEquals(5.0, r.<Double>getAs("competitive_effect"), 1e-9);
  }

  @Test
  void aZeroBaseLeavesTheSplitNullWithAReason() {
    Observations obs = Observations.builder();
    exports(obs, "94", 2021, 0, 100, 200);
    exports(obs, "94", 2022, 50, 100, 260);
    Row r = shiftShare(obs).where("reference_scope = 'MRD'").first();
    assertNull(r.getAs("mix_effect"));
    assertNull(r.getAs("homothetic_effect"));
    assertEquals(60.0, r.<Double>getAs("actual_change"), 1e-9);
    assertTrue(r.<String>getAs("note").contains("zero"), r.<String>getAs("note"));
  }
}
