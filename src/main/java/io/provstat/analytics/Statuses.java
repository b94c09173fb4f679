package io.provstat.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.provstat.reference.Status;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The status of a derived figure: the weakest of the published figures it comes from (an estimate
 * is weaker than a preliminary figure, which is weaker than a final one), so a growth computed on
 * a preliminary level is itself preliminary. Statuses are combined as their precedence
 * ({@link Status#precedence}): the least wins, and a missing input (null) does not count.
 */
public final class Statuses {

  /** The column every analytic table carries. */
  public static final String COLUMN = "status";

  private Statuses() {}

  /** A status code as its precedence (1 estimate, 2 preliminary, 3 final); null stays null. */
  public static Column precedence(Column status) {
    Column rank = null;
    for (Status s : Status.values()) {
      rank = rank == null ? when(status.equalTo(s.code()), s.precedence())
          : rank.when(status.equalTo(s.code()), s.precedence());
    }
    return rank;
  }

  /** A precedence back as its status code; null stays null. */
  public static Column code(Column precedence) {
    Column code = null;
    for (Status s : Status.values()) {
      code = code == null ? when(precedence.equalTo(s.precedence()), lit(s.code()))
          : code.when(precedence.equalTo(s.precedence()), lit(s.code()));
    }
    return code.cast(DataTypes.StringType);
  }

  /** The weakest of some status codes, ignoring nulls; null when all are null. */
  public static Column weakest(Column... statuses) {
    if (statuses.length == 1) {
      return statuses[0];
    }
    return code(leastPrecedence(statuses));
  }

  /** The least precedence of some status codes, ignoring nulls. */
  public static Column leastPrecedence(Column... statuses) {
    Column[] ranks = Arrays.stream(statuses).map(Statuses::precedence).toArray(Column[]::new);
    return ranks.length == 1 ? ranks[0] : least(ranks);
  }

  /** The weakest status of a group's rows: an aggregate over a status column. */
  public static Column weakestOf(Column status) {
    return code(functions.min(precedence(status)));
  }

  /** As {@link #weakestOf(Column)}, of column {@link #COLUMN}. */
  public static Column weakestOfRows() {
    return weakestOf(col(COLUMN));
  }

  /** The description the {@code status} column has in every table, with what it is the weakest of. */
  public static String describe(String ofWhat) {
    return "final, preliminary or estimate: the weakest status of " + ofWhat;
  }
}
