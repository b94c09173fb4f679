package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Indicator;
import io.provstat.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Joins rows to the indicator catalogue. A family member (export_hs_0306) has no row of its own in
 * the catalogue frame: it joins its family's row (export_hs_*), whose code the member's is mapped
 * to by a column expression, so thousands of members cost no more than one broadcast row.
 */
final class Catalogue {

  private static final String KEY = "_catalogue_code";

  private Catalogue() {}

  /** The catalogue code of an indicator: its own, or its family's for a family member. */
  static Column code(Column indicator) {
    Column code = indicator;
    List<Indicator> families = new ArrayList<>(ReferenceData.get().indicatorFamilies());
    java.util.Collections.reverse(families);
    for (Indicator family : families) {
      String prefix = family.code().substring(0, family.code().length() - ReferenceData.FAMILY_WILDCARD.length());
      String member = "^" + Pattern.quote(prefix) + "[0-9]{" + ReferenceData.FAMILY_MEMBER_DIGITS + "}$";
      code = when(indicator.rlike(member), lit(family.code())).otherwise(code);
    }
    return code;
  }

  /**
   * The rows with the named catalogue columns ({@code additive}, {@code parent},
   * {@code component_set}) beside them: null for an indicator the catalogue lacks, whose rows are
   * kept (ingest admits none, but a table written by another tool may hold one).
   */
  static Dataset<Row> attach(Dataset<Row> rows, Dataset<Row> indicators, String... attributes) {
    List<Column> catalogue = new ArrayList<>();
    catalogue.add(col("indicator").as(KEY));
    for (String attribute : attributes) {
      catalogue.add(col(attribute));
    }
    return rows.withColumn(KEY, code(col("indicator")))
        .join(functions.broadcast(indicators.select(catalogue.toArray(Column[]::new))), new String[] {KEY}, "left")
        .drop(KEY);
  }

  /**
   * The rows of indicators the catalogue names as some component's parent: a broadcast semi-join on
   * the few parent codes, so the other rows never reach a later join's shuffle.
   */
  static Dataset<Row> parentsOnly(Dataset<Row> rows, Dataset<Row> indicators) {
    Dataset<Row> parentCodes = indicators.filter(col("parent").isNotNull()).select(col("parent").as("indicator"))
        .distinct();
    return rows.join(functions.broadcast(parentCodes), new String[] {"indicator"}, "left_semi");
  }
}
