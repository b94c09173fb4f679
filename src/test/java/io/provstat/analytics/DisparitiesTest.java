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
import org.junit.jupiter.api.Test;

/**
 * Each measure on a hand-worked example, and the identities between them.
 *
 * <p>The example (retail sales, 2021): Central Highlands 62 = 3 (population 2) and 64 = 2
 * (population 1), Mekong Delta 94 = 1 (population 1); the scopes are two provinces of each of
 * those regions (66 and 92 have no figure), so the nation has n = 3 of n_in_scope = 4. In province
 * code order the largest value has the largest weight: a Gini that paired the sorted values with
 * the unsorted weights (REAT's) would differ from ours.
 */
class DisparitiesTest extends SparkTestBase {

  private static final double EPS = 1e-12;
  private static final String IND = "retail_sales_services";

  private Dataset<Row> provinces() {
    return spark.createDataFrame(List.of(
        RowFactory.create("62", "Kon Tum", "CH", null), RowFactory.create("64", "Gia Lai", "CH", null),
        RowFactory.create("94", "Sóc Trăng", "MRD", null), RowFactory.create("92", "Cần Thơ", "MRD", null)),
        ReferenceFrames.PROVINCES);
  }

  private Dataset<Row> disparities(Observations obs) {
    return Disparities.compute(Facts.of(obs.build(spark)), provinces(), ReferenceFrames.indicators(spark));
  }

  private static Observations example(Observations obs, int year, double[] values, double[] population) {
    String[] codes = {"62", "64", "94"};
    for (int i = 0; i < codes.length; i++) {
      obs.add(codes[i], IND, "value", year, values[i]);
      if (population != null) {
        obs.add(codes[i], Disparities.POPULATION, "value", year, population[i]);
      }
    }
    return obs;
  }

  /** measure|variant -> row, for one scope, indicator and year. */
  private static Map<String, Row> byMeasure(Dataset<Row> d, String scope, String indicator, int year) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : d.where("scope = '" + scope + "' AND indicator = '" + indicator + "' AND year = " + year)
        .collectAsList()) {
      Row previous = out.put(r.<String>getAs("measure") + "|" + r.<String>getAs("variant"), r);
      assertNull(previous, "one row per measure and variant");
    }
    return out;
  }

  private static double value(Map<String, Row> m, String measureAndVariant) {
    Row r = m.get(measureAndVariant);
    assertNotNull(r, measureAndVariant + " in " + m.keySet());
    assertNotNull(r.getAs("value"), measureAndVariant + ": " + r.getAs("note"));
    return r.<Double>getAs("value");
  }

  @Test
  void eachMeasureAgreesWithTheHandComputation() {
    Map<String, Row> vn = byMeasure(disparities(example(Observations.builder(), 2021, new double[] {3, 2, 1},
        new double[] {2, 1, 1})), "VN", IND, 2021);
    // y = 3, 2, 1; mean 2; sorted 1, 2, 3: Gini = sum_i (2i - n - 1) y_i / (n^2 mean) = (-2*1 + 0*2 + 2*3) / 18 = 2/9.
    assertEquals(2.0 / 9, value(vn, "gini|unweighted"), EPS);
    // Weights 0.5 (y=3), 0.25 (y=2), 0.25 (y=1), weighted mean 2.25. Pairs w_i w_j |y_i - y_j|:
    // (1,2) .0625, (1,3) .25, (2,3) .125, sum .4375, both orders .875; Gini = .875 / (2 * 2.25) = 7/36.
    assertEquals(7.0 / 36, value(vn, "gini|population_weighted"), EPS);
    // Theil T = (1/3) [1.5 ln 1.5 + 1 ln 1 + 0.5 ln 0.5] = (1/3)(0.608198 - 0.346574) = 0.087208.
    double theilT = (1.5 * Math.log(1.5) + 0.5 * Math.log(0.5)) / 3;
    assertEquals(theilT, value(vn, "theil_t|unweighted; natural log; total"), EPS);
    assertEquals(0.0872081, theilT, 1e-6);
    // Regions: CH {3, 2} weight 2/3 mean 2.5, MRD {1} weight 1/3 mean 1.
    // between = (2/3)(1.25) ln 1.25 + (1/3)(0.5) ln 0.5 = 0.185953 - 0.115525 = 0.070429;
    // within = (2/3)(1.25) T_CH, T_CH = 0.5 [1.2 ln 1.2 + 0.8 ln 0.8] = 0.020136: 0.016780.
    double between = (2.0 / 3) * 1.25 * Math.log(1.25) + (1.0 / 3) * 0.5 * Math.log(0.5);
    double within = (2.0 / 3) * 1.25 * 0.5 * (1.2 * Math.log(1.2) + 0.8 * Math.log(0.8));
    assertEquals(between, value(vn, "theil_t|unweighted; natural log; between regions"), EPS);
    assertEquals(within, value(vn, "theil_t|unweighted; natural log; within regions"), EPS);
    // Theil L = (1/3) [ln(2/3) + ln(2/2) + ln(2/1)] = (1/3)(-0.405465 + 0.693147) = 0.095894.
    assertEquals((Math.log(2.0 / 3) + Math.log(2)) / 3, value(vn, "theil_l|unweighted; natural log; total"), EPS);
    // L between = (2/3) ln(2/2.5) + (1/3) ln(2/1); within = (2/3) * 0.5 [ln(2.5/3) + ln(2.5/2)].
    assertEquals((2.0 / 3) * Math.log(2 / 2.5) + (1.0 / 3) * Math.log(2),
        value(vn, "theil_l|unweighted; natural log; between regions"), EPS);
    assertEquals((2.0 / 3) * 0.5 * (Math.log(2.5 / 3) + Math.log(2.5 / 2)),
        value(vn, "theil_l|unweighted; natural log; within regions"), EPS);
    // Weighted Theil T = .5 (3/2.25) ln(3/2.25) + .25 (2/2.25) ln(2/2.25) + .25 (1/2.25) ln(1/2.25).
    assertEquals(0.5 * (3 / 2.25) * Math.log(3 / 2.25) + 0.25 * (2 / 2.25) * Math.log(2 / 2.25)
        + 0.25 * (1 / 2.25) * Math.log(1 / 2.25), value(vn, "theil_t|population_weighted; natural log; total"), EPS);
    // Weighted Theil L = .5 ln(2.25/3) + .25 ln(2.25/2) + .25 ln(2.25/1).
    assertEquals(0.5 * Math.log(2.25 / 3) + 0.25 * Math.log(2.25 / 2) + 0.25 * Math.log(2.25),
        value(vn, "theil_l|population_weighted; natural log; total"), EPS);
    // CV: deviations 1, 0, -1 from 2, variance 2/3 (divisor n), sd 0.816497, CV 0.408248.
    assertEquals(Math.sqrt(2.0 / 3) / 2, value(vn, "cv|unweighted; divisor n"), EPS);
    // Williamson: deviations from 2.25: .75, -.25, -1.25; .5*.5625 + .25*.0625 + .25*1.5625 = .6875;
    // sqrt(.6875) / 2.25 = 0.368514.
    assertEquals(Math.sqrt(0.6875) / 2.25, value(vn, "williamson|population_weighted; weights p_i/P"), EPS);
    // Hoover against population: shares 3/6, 2/6, 1/6 against .5, .25, .25: 0.5 (0 + 1/12 + 1/12) = 1/12.
    assertEquals(1.0 / 12, value(vn, "hoover|population_weighted; against population shares"), EPS);
    // Hoover unweighted: against 1/3 each: 0.5 (1/6 + 0 + 1/6) = 1/6.
    assertEquals(1.0 / 6, value(vn, "hoover|unweighted; against equal shares"), EPS);
    // Atkinson 0.5: mean of sqrt(y/2) = (1.224745 + 1 + 0.707107)/3 = 0.977284, squared 0.955084: 0.044916.
    double root = (Math.sqrt(1.5) + 1 + Math.sqrt(0.5)) / 3;
    assertEquals(1 - root * root, value(vn, "atkinson|unweighted; epsilon 0.5"), EPS);
    assertEquals(0.044916, 1 - root * root, 1e-6);
    // Atkinson 1: 1 - geometric mean / mean = 1 - 6^(1/3) / 2 = 1 - 1.817121 / 2 = 0.091440.
    assertEquals(1 - Math.cbrt(6) / 2, value(vn, "atkinson|unweighted; epsilon 1"), EPS);
    // HHI: (1/2)^2 + (1/3)^2 + (1/6)^2 = 9/36 + 4/36 + 1/36 = 14/36; normalised (14/36 - 1/3) / (2/3) = 1/12.
    assertEquals(14.0 / 36, value(vn, "hhi|unweighted; raw"), EPS);
    assertEquals(1.0 / 12, value(vn, "hhi|unweighted; normalised"), EPS);
    assertEquals(3.0, value(vn, "max_min_ratio|unweighted"), EPS);
    for (Row r : vn.values()) {
      assertEquals(3L, r.<Long>getAs("n"));
      assertEquals(3L, r.<Long>getAs("n_with_population"));
      assertEquals(4L, r.<Long>getAs("n_in_scope"));
      assertFalse(r.<Boolean>getAs("complete"), "66 and 92 have no figure");
      assertNull(r.getAs("note"));
    }
    // 8 measures of both weightings (gini, theil_t and theil_l with two components each, cv/williamson),
    // two hoovers, two atkinsons, two hhi, max/min.
    assertEquals(2 * 8 + 7, vn.size());
  }

  @Test
  void theilComponentsAddUpAndRegionsHaveNone() {
    Dataset<Row> d = disparities(example(Observations.builder(), 2021, new double[] {3, 2, 1}, new double[] {2, 1, 1})
        .add("64", IND, "value", 2022, 10).add("62", IND, "value", 2022, 7).add("94", IND, "value", 2022, 0.5)
        .add("64", Disparities.POPULATION, "value", 2022, 1.5).add("62", Disparities.POPULATION, "value", 2022, 3)
        .add("94", Disparities.POPULATION, "value", 2022, 2.25));
    for (int year : new int[] {2021, 2022}) {
      Map<String, Row> vn = byMeasure(d, "VN", IND, year);
      for (String theil : List.of("theil_t", "theil_l")) {
        for (String weights : List.of("unweighted", "population_weighted")) {
          String v = theil + "|" + weights + "; natural log; ";
          assertEquals(value(vn, v + "total"), value(vn, v + "between regions") + value(vn, v + "within regions"),
              1e-12, v + year);
        }
      }
    }
    Map<String, Row> ch = byMeasure(d, "CH", IND, 2021);
    assertTrue(ch.keySet().stream().noneMatch(k -> k.contains("between") || k.contains("within")), ch.keySet().toString());
    // CH {3, 2}: complete, n = 2; Gini = |3 - 2| * 2 / (2 * 4 * 2.5) = 0.1.
    assertEquals(0.1, value(ch, "gini|unweighted"), EPS);
    assertTrue(ch.get("gini|unweighted").<Boolean>getAs("complete"));
    assertEquals(2L, ch.get("gini|unweighted").<Long>getAs("n"));
    // MRD holds 94 and 92, only 94 has a figure: incomplete, n = 1 of 2.
    Row mrd = byMeasure(d, "MRD", IND, 2021).get("gini|unweighted");
    assertFalse(mrd.<Boolean>getAs("complete"));
    assertEquals(1L, mrd.<Long>getAs("n"));
    assertEquals(2L, mrd.<Long>getAs("n_in_scope"));
    assertEquals(Disparities.ONE_PROVINCE_NOTE, byMeasure(d, "MRD", IND, 2021).get("hhi|unweighted; normalised")
        .getAs("note"));
  }

  @Test
  void equalWeightsGiveTheUnweightedMeasures() {
    Map<String, Row> vn = byMeasure(disparities(example(Observations.builder(), 2021, new double[] {5, 1.5, 8},
        new double[] {4, 4, 4})), "VN", IND, 2021);
    for (String v : List.of("gini|", "theil_t|%s; natural log; total", "theil_t|%s; natural log; between regions",
        "theil_t|%s; natural log; within regions", "theil_l|%s; natural log; total",
        "theil_l|%s; natural log; within regions")) {
      String key = v.endsWith("|") ? v + "%s" : v;
      assertEquals(value(vn, String.format(key, "unweighted")), value(vn, String.format(key, "population_weighted")),
          EPS, key);
    }
    assertEquals(value(vn, "cv|unweighted; divisor n"), value(vn, "williamson|population_weighted; weights p_i/P"), EPS);
    assertEquals(value(vn, "hoover|unweighted; against equal shares"),
        value(vn, "hoover|population_weighted; against population shares"), EPS);
  }

  @Test
  void equalValuesAreEqual() {
    Map<String, Row> vn = byMeasure(disparities(example(Observations.builder(), 2021, new double[] {7, 7, 7},
        new double[] {1, 2, 3})), "VN", IND, 2021);
    for (Map.Entry<String, Row> e : vn.entrySet()) {
      if (e.getKey().startsWith("max_min_ratio")) {
        assertEquals(1.0, value(vn, e.getKey()), EPS);
      } else if (e.getKey().startsWith("hoover|population_weighted")) {
        // Equal figures, unequal populations: shares 1/3 each against 1/6, 2/6, 3/6: 0.5 (1/6 + 0 + 1/6).
        assertEquals(1.0 / 6, value(vn, e.getKey()), EPS);
      } else if (e.getKey().startsWith("hhi|unweighted; raw")) {
        assertEquals(1.0 / 3, value(vn, e.getKey()), EPS);
      } else {
        assertEquals(0.0, value(vn, e.getKey()), 1e-15, e.getKey());
      }
    }
  }

  @Test
  void aZeroValueOrMissingPopulationMakesMeasuresNullWithAReason() {
    Map<String, Row> vn = byMeasure(disparities(Observations.builder()
        .add("62", IND, "value", 2021, 4).add("64", IND, "value", 2021, 0).add("94", IND, "value", 2021, 2)
        .add("62", Disparities.POPULATION, "value", 2021, 1).add("64", Disparities.POPULATION, "value", 2021, 1)),
        "VN", IND, 2021);
    for (String logBased : List.of("theil_t|unweighted; natural log; total", "theil_l|unweighted; natural log; total",
        "atkinson|unweighted; epsilon 1")) {
      assertNull(vn.get(logBased).getAs("value"), logBased);
      assertEquals(Disparities.LOG_NOTE, vn.get(logBased).getAs("note"), logBased);
    }
    assertEquals(Disparities.ZERO_MIN_NOTE, vn.get("max_min_ratio|unweighted").getAs("note"));
    // y = 4, 0, 2: mean 2, sorted 0, 2, 4: Gini = (-2*0 + 0*2 + 2*4) / (9 * 2) = 4/9.
    assertEquals(4.0 / 9, value(vn, "gini|unweighted"), EPS);
    Row weightedGini = vn.get("gini|population_weighted");
    assertNull(weightedGini.getAs("value"));
    assertEquals("population is missing for 1 of the 3 provinces with a figure", weightedGini.getAs("note"));
    assertEquals(2L, weightedGini.<Long>getAs("n_with_population"));
  }

  @Test
  void hhiOnlyForAdditiveIndicators() {
    Dataset<Row> d = disparities(Observations.builder()
        .add("62", "iip", "value", 2021, 103).add("64", "iip", "value", 2021, 102));
    Map<String, Row> vn = byMeasure(d, "VN", "iip", 2021);
    assertTrue(vn.keySet().stream().noneMatch(k -> k.startsWith("hhi")), vn.keySet().toString());
    assertEquals(103.0 / 102, value(vn, "max_min_ratio|unweighted"), EPS);
  }
}
