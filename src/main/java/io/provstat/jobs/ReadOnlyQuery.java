package io.provstat.jobs;

import io.provstat.ingest.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * The read-only rule of {@code provstat sql}: a statement runs only if Spark's parser makes it a
 * query, every node of its plan (subqueries and common table expressions included) being one of a
 * fixed list of query operators. Anything else, that is every command (INSERT, CREATE ... AS, DROP,
 * ALTER, CACHE, SET, ADD JAR, SQL scripts, EXECUTE IMMEDIATE) and {@code INSERT OVERWRITE DIRECTORY}
 * and {@code TRANSFORM ... USING} (which runs a program), is refused, as are the functions that call
 * arbitrary Java methods. An allow-list, so that a statement kind Spark adds later is refused until
 * someone decides it is a query.
 */
public final class ReadOnlyQuery {

  /** Parsed (unresolved) plan nodes that only read. */
  private static final Set<String> QUERY_NODES = Set.of(
      // org.apache.spark.sql.catalyst.plans.logical
      "Project", "Filter", "Aggregate", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail", "Distinct",
      "Deduplicate", "Union", "Intersect", "Except", "Join", "LateralJoin", "SubqueryAlias", "UnresolvedWith",
      "WithCTE", "CTERelationDef", "CTERelationRef", "WithWindowDefinition", "Window", "Generate", "Sample", "Pivot",
      "Unpivot", "Expand", "RepartitionByExpression", "Repartition", "RebalancePartitions", "UnresolvedHint",
      "LocalRelation", "OneRowRelation", "Range", "View", "LimitAll", "UnionLoop", "UnionLoopRef",
      "EmptyRelation", "ResolvedHint", "Subquery", "WindowGroupLimit", "Transpose",
      // org.apache.spark.sql.catalyst.analysis and .expressions
      "UnresolvedRelation", "UnresolvedTableValuedFunction", "UnresolvedInlineTable", "ResolvedInlineTable",
      "UnresolvedHaving", "UnresolvedCteRelationRef", "UnresolvedTranspose", "RelationTimeTravel",
      "UnresolvedSubqueryColumnAliases", "UnresolvedTVFAliases", "PlanWithUnresolvedIdentifier", "PipeOperator");

  /** Functions that call a Java method named in the query: they can change anything. */
  private static final Set<String> REFUSED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect");

  /** How a refused node is named to the user, where its class name does not say it plainly. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("InsertIntoStatement", "INSERT"),
      Map.entry("InsertIntoDir", "INSERT OVERWRITE DIRECTORY"),
      Map.entry("CreateTableAsSelect", "CREATE TABLE AS SELECT"),
      Map.entry("ReplaceTableAsSelect", "REPLACE TABLE AS SELECT"),
      Map.entry("CacheTableAsSelect", "CACHE TABLE AS SELECT"),
      Map.entry("RenameTable", "ALTER TABLE RENAME"),
      Map.entry("CreateViewCommand", "CREATE VIEW"),
      Map.entry("CreateVariable", "DECLARE VARIABLE"),
      Map.entry("CompoundBody", "SQL script (BEGIN ... END)"),
      Map.entry("SingleStatement", "SQL script statement"),
      Map.entry("UnresolvedExecuteImmediate", "EXECUTE IMMEDIATE"),
      Map.entry("ScriptTransformation", "TRANSFORM ... USING (runs a program)"),
      Map.entry("SetCatalogAndNamespace", "USE"),
      Map.entry("DescribeRelation", "DESCRIBE TABLE"),
      Map.entry("RepairTable", "MSCK REPAIR TABLE"));

  private ReadOnlyQuery() {}

  /** Refuses (InputException, exit 2) a plan that is not a read-only query. */
  public static void check(LogicalPlan plan) {
    List<LogicalPlan> pending = new ArrayList<>();
    pending.add(plan);
    while (!pending.isEmpty()) {
      LogicalPlan node = pending.remove(pending.size() - 1);
      String name = node.getClass().getSimpleName();
      if (!QUERY_NODES.contains(name) || node instanceof org.apache.spark.sql.catalyst.plans.logical.Command) {
        throw new RefusedStatementException("refused: " + kind(name) + " is not a query; sql runs read-only "
            + "queries only (SELECT, WITH ... SELECT, VALUES, TABLE)");
      }
      scala.collection.Iterator<Expression> expressions = node.expressions().iterator();
      while (expressions.hasNext()) {
        checkFunctions(expressions.next());
      }
      node.children().foreach(child -> pending.add(child));
      // Common table expressions and subqueries are inner children, not children.
      node.innerChildren().foreach(inner -> inner instanceof LogicalPlan p ? pending.add(p) : false);
    }
  }

  private static void checkFunctions(Expression expression) {
    expression.foreach(e -> {
      if (e instanceof UnresolvedFunction f) {
        String function = f.nameParts().last().toLowerCase(Locale.ROOT);
        if (REFUSED_FUNCTIONS.contains(function)) {
          throw new RefusedStatementException("refused: function " + function
              + " calls Java methods and could change anything; sql runs read-only queries only");
        }
      }
      return scala.runtime.BoxedUnit.UNIT;
    });
  }

  /** "DropTable" -> "DROP TABLE", "AddJarsCommand" -> "ADD JARS", unless named in KINDS. */
  static String kind(String className) {
    String known = KINDS.get(className);
    if (known != null) {
      return known;
    }
    String bare = className.replaceAll("(Command|Statement)$", "");
    return bare.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }

  /** A statement that is not a read-only query. */
  public static final class RefusedStatementException extends InputException {
    private static final long serialVersionUID = 1L;

    RefusedStatementException(String message) {
      super(message);
    }
  }
}
