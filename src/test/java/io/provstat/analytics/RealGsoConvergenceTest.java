package io.provstat.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.SharedData;
import io.provstat.testing.SparkTestBase;
import io.provstat.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retail sales per person on the statistics office's real tables (../shared: retail sales and
 * average population, ingested unmodified): ranked, and their disparities and convergence across
 * the 63 provinces, printed, with the 2010-2016 beta checked against a regression computed here from the stored
 * per-capita levels.
 */
class RealGsoConvergenceTest extends SparkTestBase {

  @TempDir static Path dir;

  private static Dataset<Row> table(String name) {
    return Warehouse.open(spark, dir.toString())
        .read(Analysis.TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow());
  }

  @BeforeAll
  static void ingestAndAnalyze() {
    Path retail = SharedData.require("realdata/gso-province-tables-2017/retail_sales_by_province_current_prices_raw.csv");
    Path population = SharedData.require("realdata/gso-province-tables-2017/average_population_by_province_raw.csv");
    Ingestion.run(spark, Ingestion.Config.of(dir.toString(), retail.toString(), population.toString()));
    AnalyzeJob.run(spark, new AnalyzeJob.Config(dir.toString(), List.of(Boundaries.PUBLISHED), 0.5, null,
        List.of(new Convergence.Span(2010, 2016))));
  }

  @Test
  void retailSalesPerPersonAreRankedAndTheirConvergenceIsPrinted() {
    String perCapita = "indicator = 'retail_sales_services_per_capita' AND period = 'Y'";
    List<Row> ranked = table("rankings").where("scope = 'VN' AND basis = 'value' AND year = 2016 AND " + perCapita)
        .orderBy("rank").collectAsList();
    assertEquals(63, ranked.size());
    assertTrue(ranked.get(0).<Boolean>getAs("complete"));
    assertEquals("mn_vnd_per_person", ranked.get(0).getAs("unit"));
    assertEquals("derived_per_capita", ranked.get(0).getAs("value_basis"));
    assertEquals("preliminary", ranked.get(0).getAs("status"), "GSO's 2016 figures are preliminary");
    System.out.printf(Locale.ROOT, "retail sales per person 2016: first %s %.2f, last %s %.2f mn VND%n",
        ranked.get(0).getAs("province_name"), ranked.get(0).<Double>getAs("value"),
        ranked.get(62).getAs("province_name"), ranked.get(62).<Double>getAs("value"));

    Dataset<Row> convergence = table("convergence").where("scope = 'VN' AND " + perCapita);
    for (Row r : convergence.where("measure IN ('sigma_trend', 'sigma_ratio', 'beta', 'beta_conditional') "
        + "AND (variant <> 'span_5y' OR year_from = 2011)").orderBy("measure", "variant").collectAsList()) {
      System.out.printf(Locale.ROOT, "convergence VN %s %s %d-%d: %.6f (se %s, p %s, R2 %s, n %d, complete %s)%n",
          r.getAs("measure"), r.getAs("variant"), r.<Integer>getAs("year_from"), r.<Integer>getAs("year_to"),
          r.<Double>getAs("value"), r.getAs("std_error"), r.getAs("p_value"), r.getAs("r_squared"),
          r.<Long>getAs("n"), r.getAs("complete"));
    }

    // Disparities of retail sales per person across the nation, 2010 and 2016.
    Dataset<Row> disparities = table("disparities").where("scope = 'VN' AND " + perCapita
        + " AND year IN (2010, 2016) AND measure IN ('gini', 'theil_t', 'theil_l', 'williamson', 'cv')")
        .orderBy("measure", "variant", "year");
    for (Row r : disparities.collectAsList()) {
      System.out.printf(Locale.ROOT, "disparities VN %d %s (%s): %.6f (n %d, complete %s)%n", r.<Integer>getAs("year"),
          r.getAs("measure"), r.getAs("variant"), r.<Double>getAs("value"), r.<Long>getAs("n"), r.getAs("complete"));
    }
    Row theil = disparities.where("year = 2016 AND measure = 'theil_t' AND variant = 'population_weighted; natural log; total'")
        .first();
    double between = disparities.where("year = 2016 AND measure = 'theil_t' "
        + "AND variant = 'population_weighted; natural log; between regions'").first().getAs("value");
    double within = disparities.where("year = 2016 AND measure = 'theil_t' "
        + "AND variant = 'population_weighted; natural log; within regions'").first().getAs("value");
    assertEquals(theil.<Double>getAs("value"), between + within, 1e-12);
    assertEquals(63L, theil.<Long>getAs("n"));
    assertTrue(theil.<Boolean>getAs("complete"));

    // The 2010-2016 beta, against the OLS of the stored per-capita levels computed here.
    Row beta = convergence.where("measure = 'beta' AND variant = 'given_span' AND year_from = 2010 AND year_to = 2016")
        .first();
    List<Row> levels = table("growth").where(perCapita + " AND year IN (2010, 2016)")
        .select("province_code", "year", "value").collectAsList();
    java.util.Map<String, double[]> byProvince = new java.util.TreeMap<>();
    for (Row r : levels) {
      byProvince.computeIfAbsent(r.getString(0), k -> new double[2])[r.<Integer>getAs(1) == 2010 ? 0 : 1] =
          r.getDouble(2);
    }
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (double[] v : byProvince.values()) {
      if (v[0] > 0 && v[1] > 0) {
        double x = Math.log(v[0]);
        double y = Math.log(v[1] / v[0]) / 6;
        n++; sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
      }
    }
    double cxx = sxx - sx * sx / n, cxy = sxy - sx * sy / n, cyy = syy - sy * sy / n;
    double slope = cxy / cxx;
    double se = Math.sqrt((cyy - slope * cxy) / (n - 2) / cxx);
    assertEquals(63, (int) n);
    assertEquals(63L, beta.<Long>getAs("n"));
    assertTrue(beta.<Boolean>getAs("complete"));
    assertEquals(slope, beta.<Double>getAs("value"), 1e-9);
    assertEquals(se, beta.<Double>getAs("std_error"), 1e-9);
  }
}
