package io.provstat.query;

import io.provstat.analytics.Analysis;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.NamedJobs;
import io.provstat.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A few lines that answer the three questions on what was just computed: targets met, the
 * reconciliation findings, what drove growth, and how complete the rankings are. Reads only small,
 * bounded results (aggregates and a handful of rows).
 */
public final class Digest {

  private static final int MAX_FINDINGS = 5;

  private Digest() {}

  private static final String PUBLISHED = "published";

  private static Dataset<Row> table(Warehouse store, String name) {
    TableDef table = Analysis.TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    return store.read(table);
  }

  /** The digest of the warehouse's published analytic tables; its Spark jobs are named {@code analyze: digest}. */
  public static List<String> of(Warehouse store) {
    return NamedJobs.run(store.spark(), "analyze: digest", () -> lines(store));
  }

  /**
   * Every line says what it counts, in the units of the table it names: a count of rows is called
   * rows (and equals the table's row count when the tables hold one set of boundaries), a count of
   * something else names that thing. With several sets of boundaries the digest is of one of them
   * (published, when computed), and its first line says so.
   */
  private static List<String> lines(Warehouse store) {
    List<String> lines = new ArrayList<>();
    List<String> held = table(store, "rankings").select("boundaries").distinct().orderBy("boundaries")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    String chosen = held.isEmpty() || held.contains(PUBLISHED) ? PUBLISHED : held.get(0);
    if (held.size() > 1 || !chosen.equals(PUBLISHED)) {
      lines.add("digest of the " + chosen + " boundaries (rows below count those; the tables hold "
          + String.join(", ", held) + ")");
    }
    java.util.function.Function<String, Dataset<Row>> read = name -> table(store, name)
        .where(org.apache.spark.sql.functions.col("boundaries").equalTo(chosen));

    Row plans = read.apply("plan_gap").selectExpr("count(*)",
        "count(verdict)", "count_if(verdict = 'exceeded')", "count_if(verdict = 'met')",
        "count_if(verdict = 'missed')").first();
    lines.add(String.format(Locale.ROOT, "plan_gap: %,d rows, %,d targets judged (exceeded %,d, met %,d, missed %,d)",
        plans.getLong(0), plans.getLong(1), plans.getLong(2), plans.getLong(3), plans.getLong(4)));

    Row checks = read.apply("reconciliation").selectExpr("count(*)", "count_if(ok)", "count_if(NOT ok)",
        "count_if(ok IS NULL)").first();
    lines.add(String.format(Locale.ROOT, "reconciliation: %,d rows, one per check: %,d agree, %,d disagree, "
        + "%,d not checkable", checks.getLong(0), checks.getLong(1), checks.getLong(2), checks.getLong(3)));
    for (Row r : read.apply("reconciliation").where("NOT ok")
        .orderBy("check", "province_code", "scope", "year", "period", "indicator", "compared_indicator")
        .limit(MAX_FINDINGS)
        .collectAsList()) {
      lines.add(String.format(Locale.ROOT, "  disagree: %s %s %d %s%s: reported %s, computed %s",
          r.getAs("check"), r.getAs("province_code"), r.<Integer>getAs("year"), r.getAs("indicator"),
          r.getAs("compared_indicator") == null ? "" : " vs " + r.getAs("compared_indicator"),
          number(r.getAs("reported")), number(r.getAs("computed"))));
    }

    for (Row group : read.apply("contributions").where("component_set <> 'geography'")
        .groupBy("scope", "year", "period", "parent_indicator", "component_set")
        .agg(org.apache.spark.sql.functions.first("parent_growth_pct").as("growth"),
            org.apache.spark.sql.functions.sort_array(org.apache.spark.sql.functions.collect_list(
                org.apache.spark.sql.functions.struct(
                    org.apache.spark.sql.functions.col("component"),
                    org.apache.spark.sql.functions.col("contribution_pp")))).as("parts"))
        .orderBy(org.apache.spark.sql.functions.col("year").desc(), org.apache.spark.sql.functions.col("scope"),
            org.apache.spark.sql.functions.col("period"), org.apache.spark.sql.functions.col("parent_indicator"),
            org.apache.spark.sql.functions.col("component_set"))
        .limit(MAX_FINDINGS).collectAsList()) {
      StringBuilder parts = new StringBuilder();
      for (Row part : group.<Row>getList(group.fieldIndex("parts"))) {
        parts.append(parts.length() == 0 ? "" : ", ").append(part.getString(0)).append(' ')
            .append(signed(part.getAs(1)));
      }
      lines.add(String.format(Locale.ROOT, "growth of %s in %s %d: %s%% = %s (points)",
          group.getAs("parent_indicator"), group.getAs("scope"), group.<Integer>getAs("year"),
          signed(group.getAs("growth")), parts));
    }

    Row ranks = read.apply("rankings").selectExpr("count(*)",
        "count(DISTINCT scope, indicator, basis, year, period)",
        "count(DISTINCT CASE WHEN complete THEN struct(scope, indicator, basis, year, period) END)").first();
    lines.add(String.format(Locale.ROOT, "rankings: %,d rows in %,d ranked lists (one per scope, indicator, basis, "
        + "year and period), %,d of them over a complete scope", ranks.getLong(0), ranks.getLong(1), ranks.getLong(2)));
    return lines;
  }

  private static String number(Object value) {
    return value == null ? "-" : Display.fixed((Double) value, Display.DEFAULT_DECIMALS);
  }

  private static String signed(Object value) {
    return value == null ? "-" : Display.signed((Double) value, Display.DEFAULT_DECIMALS);
  }
}
