package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provstat.testing.Cli;
import io.provstat.testing.Cli.Outcome;
import io.provstat.testing.SparkTestBase;
import io.provstat.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sql --engine duckdb} and {@code sql --engine spark} print the same for the same query over
 * a warehouse Spark wrote: values rendered alike (doubles in Java's notation, NULLs, Vietnamese
 * text, a partition column), in each format, with the same truncation.
 */
class EngineParityTest extends SparkTestBase {

  private static Path warehouse;
  private static String w;

  @BeforeAll
  static void warehouse() throws Exception {
    warehouse = Files.createTempDirectory("provstat-parity");
    w = warehouse.toString();
    spark.sql("SELECT * FROM VALUES ('01', 'Hà Nội', 2021, 1234.5, 3), ('01', 'Hà Nội', 2022, 12345678.25, 1), "
        + "('79', 'Thành phố Hồ Chí Minh', 2022, 0.0001, 2), ('92', 'Cần Thơ', 2022, NULL, NULL), "
        + "('96', 'Cà Mau', 2021, -7.0, 5) AS t(province_code, province_name, year, value, rank)")
        .write().partitionBy("year").parquet(warehouse.resolve("figures").toString());
    spark.sql("SELECT * FROM VALUES ('a,b', 'say \"hi\"'), ('=1+1', NULL), ('', 'tab\there') AS t(k, v)")
        .coalesce(1).write().parquet(warehouse.resolve("texts").toString());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    TestFiles.deleteTree(warehouse);
  }

  private static void samePrintout(String query, String... options) {
    Outcome spark = Cli.sparkSql(w, query, options);
    String[] duck = new String[options.length + 2];
    System.arraycopy(options, 0, duck, 0, options.length);
    duck[options.length] = "--engine";
    duck[options.length + 1] = "duckdb";
    Outcome duckdb = Cli.sql(w, query, duck);
    assertEquals(0, spark.code(), spark.err());
    assertEquals(0, duckdb.code(), duckdb.err());
    assertEquals(spark.out(), duckdb.out(), query + " " + String.join(" ", options));
    assertEquals(spark.err(), duckdb.err(), query + " " + String.join(" ", options));
  }

  @Test
  void bothEnginesPrintTheSameInEveryFormat() {
    String[] queries = {
        "SELECT province_code, province_name, year, value, rank FROM figures ORDER BY province_code, year",
        "SELECT year, sum(value) AS total, count(*) AS n, max(rank) AS worst FROM figures GROUP BY year ORDER BY year",
        "SELECT province_name, value * 1000 AS scaled FROM figures WHERE value IS NOT NULL ORDER BY scaled",
        "SELECT k, v FROM texts ORDER BY k",
        "WITH r AS (SELECT province_code, rank FROM figures WHERE year = 2022) SELECT * FROM r ORDER BY rank NULLS LAST",
    };
    for (String query : queries) {
      for (String format : new String[] {"table", "csv", "json"}) {
        samePrintout(query, "--format", format);
      }
    }
  }

  @Test
  void bothEnginesTruncateAlike() {
    samePrintout("SELECT province_code, year FROM figures ORDER BY province_code, year", "--limit", "2");
    samePrintout("SELECT province_code, year FROM figures ORDER BY province_code, year", "--limit", "2",
        "--format", "csv");
  }
}
