package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.provstat.testing.Observations;
import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sigma and beta convergence on five Mekong Delta provinces built so that the beta regression is a
 * textbook one: x = 1..5 against y = 5, 4, 5, 4, 2 (in hundredths), whose OLS line is known by
 * hand: slope -0.6 (here -0.006), Sxx = 10, SSE = 2.4 (2.4e-4), standard error sqrt(SSE / 3 / 10),
 * t = -2.1213, two-sided p = 0.1240 with 3 degrees of freedom, R^2 = 0.6.
 */
class ConvergenceTest extends SparkTestBase {

  private static final String[] PROVINCES = {"80", "82", "83", "84", "86"};
  private static final double[] GROWTH = {0.05, 0.04, 0.05, 0.04, 0.02};
  private static Dataset<Row> convergence;

  @BeforeAll
  static void compute() {
    Observations obs = Observations.builder();
    for (int i = 0; i < PROVINCES.length; i++) {
      double initial = Math.exp(i + 1);  // ln y_2010 = 1..5
      obs.add(PROVINCES[i], "retail_sales_services", "value", 2010, initial);
      obs.add(PROVINCES[i], "retail_sales_services", "value", 2015, initial * Math.exp(5 * GROWTH[i]),
          i == 4 ? "preliminary" : "final");
    }
    convergence = Convergence.compute(Facts.of(obs.build(spark)), ReferenceFrames.provinces(spark)).cache();
  }

  private static Row one(String where) {
    List<Row> rows = convergence.where(where).collectAsList();
    assertEquals(1, rows.size(), where + ": " + rows);
    return rows.get(0);
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  void betaIsTheTextbookRegression() {
    Row beta = one("scope = 'MRD' AND measure = 'beta' AND variant = 'span_5y'");
    assertEquals(2010, beta.<Integer>getAs("year_from"));
    assertEquals(2015, beta.<Integer>getAs("year_to"));
    assertEquals(-0.006, d(beta, "value"), 1e-12);
    assertEquals(Math.sqrt(2.4e-4 / 3 / 10), d(beta, "std_error"), 1e-12);
    assertEquals(-0.006 / Math.sqrt(2.4e-4 / 3 / 10), d(beta, "t_stat"), 1e-9);
    assertEquals(0.1240, d(beta, "p_value"), 5e-5);
    assertEquals(3L, beta.<Long>getAs("degrees_of_freedom"));
    assertEquals(0.6, d(beta, "r_squared"), 1e-12);
    double lambda = -Math.log(1 - 5 * 0.006) / 5;
    assertEquals(lambda, d(beta, "speed_lambda"), 1e-12);
    assertEquals(Math.log(2) / lambda, d(beta, "half_life_years"), 1e-9);
    assertEquals(5L, beta.<Long>getAs("n"));
    assertEquals(13L, beta.<Long>getAs("n_in_scope"));
    assertFalse(beta.<Boolean>getAs("complete"));
    assertEquals("preliminary", beta.getAs("status"));
  }

  @Test
  void withOneRegionTheConditionalBetaIsTheAbsoluteOneWithOneParameterMore() {
    Row absolute = one("scope = 'VN' AND measure = 'beta' AND variant = 'span_5y'");
    Row conditional = one("scope = 'VN' AND measure = 'beta_conditional' AND variant = 'span_5y'");
    assertEquals(d(absolute, "value"), d(conditional, "value"), 1e-12);
    assertEquals(d(absolute, "r_squared"), d(conditional, "r_squared"), 1e-12);
    assertEquals(3L, conditional.<Long>getAs("degrees_of_freedom"), "5 - slope - 1 region intercept");
    assertEquals(63L, conditional.<Long>getAs("n_in_scope"));
  }

  @Test
  void sigmaIsThePopulationSdOfLogsAndItsTrendAndRatioFollow() {
    Row first = one("scope = 'MRD' AND measure = 'sigma' AND year_from = 2010");
    assertEquals(Math.sqrt(2.0), d(first, "value"), 1e-12);  // SD of 1..5, divisor n
    double[] last = new double[5];
    double mean = 0;
    for (int i = 0; i < 5; i++) {
      last[i] = i + 1 + 5 * GROWTH[i];
      mean += last[i] / 5;
    }
    double ss = 0;
    for (double v : last) {
      ss += (v - mean) * (v - mean);
    }
    double sigma2015 = Math.sqrt(ss / 5);
    assertEquals(sigma2015, d(one("scope = 'MRD' AND measure = 'sigma' AND year_from = 2015"), "value"), 1e-12);
    assertEquals(Math.sqrt(2.0) / sigma2015, d(one("scope = 'MRD' AND measure = 'sigma_ratio'"), "value"), 1e-12);
    Row trend = one("scope = 'MRD' AND measure = 'sigma_trend'");
    assertEquals((sigma2015 - Math.sqrt(2.0)) / 5, d(trend, "value"), 1e-12);
    assertNull(trend.getAs("std_error"), "two years: no degrees of freedom left");
    assertEquals("too few points for a standard error", trend.getAs("note"));
  }

  @Test
  void theConditionalBetaIsTheSlopeWithinRegions() {
    // Mekong Delta x = 1, 2, 3 with growth 5, 4, 3 %; South East x = 4, 5, 6 with 6, 4, 4 %. Less the
    // region means, Sxy = -0.02 - 0.02, Sxx = 2 + 2: beta -0.01; the South East's residuals 1/300,
    // -2/300, 1/300 give SSE 6/90000 on 6 - 1 - 2 = 3 degrees of freedom.
    String[] provinces = {"80", "82", "83", "74", "75", "77"};
    double[] growth = {0.05, 0.04, 0.03, 0.06, 0.04, 0.04};
    Observations obs = Observations.builder();
    for (int i = 0; i < provinces.length; i++) {
      obs.add(provinces[i], "export_value", "value", 2016, Math.exp(i + 1));
      obs.add(provinces[i], "export_value", "value", 2021, Math.exp(i + 1 + 5 * growth[i]));
    }
    Row conditional = Convergence.compute(Facts.of(obs.build(spark)), ReferenceFrames.provinces(spark))
        .where("scope = 'VN' AND measure = 'beta_conditional' AND variant = 'span_5y'").first();
    assertEquals(-0.01, d(conditional, "value"), 1e-12);
    assertEquals(3L, conditional.<Long>getAs("degrees_of_freedom"));
    assertEquals(Math.sqrt(6.0 / 90000 / 3 / 4), d(conditional, "std_error"), 1e-12);
    assertEquals(6L, conditional.<Long>getAs("n"));
  }

  @Test
  void pValuesAreStudentsT() {
    assertEquals(0.1240, Convergence.twoSidedP(-2.1213203435596424, 3L), 5e-5);
    assertEquals(1.0, Convergence.twoSidedP(0.0, 10L), 1e-12);
    assertNull(Convergence.twoSidedP(1.0, 0L));
  }
}
