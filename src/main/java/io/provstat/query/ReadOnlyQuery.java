package io.provstat.query;

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
 *
 * <p>The parsed plan hides what IDENTIFIER(...) names, so {@link #checkAnalyzed} checks the analyzed
 * plan too, which is the one that runs: its relations, node and expression classes.
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
      Map.entry("CreateDataSourceTableAsSelectCommand", "CREATE TABLE AS SELECT"),
      Map.entry("CreateHiveTableAsSelectCommand", "CREATE TABLE AS SELECT"),
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

  // ---- the analyzed plan: what will actually run

  /** Analyzed plan nodes that only read (relations are checked on their own, see checkAnalyzed). */
  private static final Set<String> ANALYZED_NODES = Set.of(
      "Project", "Filter", "Aggregate", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail", "Distinct",
      "Deduplicate", "Union", "Intersect", "Except", "Join", "LateralJoin", "SubqueryAlias", "WithCTE",
      "CTERelationDef", "CTERelationRef", "Window", "WindowGroupLimit", "Generate", "Sample", "Expand",
      "RepartitionByExpression", "Repartition", "RebalancePartitions", "ResolvedHint", "LocalRelation",
      "OneRowRelation", "Range", "View", "UnionLoop", "UnionLoopRef", "EmptyRelation", "ResolvedInlineTable",
      "Subquery", "PipeOperator", "LogicalRelation");

  /**
   * Expression classes that no built-in function names but that the parser and the analyzer make
   * from ordinary SQL: columns, literals, casts, sort orders, windows, aggregates, subqueries,
   * lambdas, field access, interval and decimal arithmetic, and the internal calls that built-in
   * functions expand to.
   */
  private static final Set<String> STRUCTURAL_EXPRESSIONS = Set.of(
      "AttributeReference", "Alias", "Literal", "Cast", "UpCast", "SortOrder", "OuterReference",
      "ScalarSubquery", "ListQuery", "Exists", "InSubquery", "LateralSubquery", "NamedLambdaVariable",
      "LambdaFunction", "WindowExpression", "WindowSpecDefinition", "SpecifiedWindowFrame", "UnspecifiedFrame$",
      "RowFrame$", "RangeFrame$", "UnboundedPreceding$", "UnboundedFollowing$", "CurrentRow$",
      "AggregateExpression", "GetStructField", "GetArrayStructFields", "GetArrayItem", "GetMapValue",
      "KnownNotNull", "KnownNullable", "KnownFloatingPointNormalized", "PrettyAttribute", "Grouping",
      "GroupingID", "InSet", "PivotFirst", "CheckOverflow", "CheckOverflowInSum", "MakeDecimal",
      "UnscaledValue", "DecimalAddNoOverflowCheck", "DecimalDivideWithOverflowCheck", "TimeAdd",
      "DateAddInterval", "DatetimeSub", "SubtractTimestamps", "SubtractDates", "TimestampAddYMInterval",
      "DateAddYMInterval", "MultiplyYMInterval", "MultiplyDTInterval", "DivideYMInterval", "DivideDTInterval",
      "MultiplyInterval", "DivideInterval", "ExtractIntervalYears", "ExtractIntervalMonths",
      "ExtractIntervalDays", "ExtractIntervalHours", "ExtractIntervalMinutes", "ExtractIntervalSeconds",
      "ExtractANSIIntervalYears", "ExtractANSIIntervalMonths", "ExtractANSIIntervalDays",
      "ExtractANSIIntervalHours", "ExtractANSIIntervalMinutes", "ExtractANSIIntervalSeconds",
      "PreciseTimestampConversion", "Invoke", "StaticInvoke", "TryEval", "ArraysZip", "GeneratorOuter",
      "ResolvedLambdaVariable", "Collate", "CollationKey", "ToPrettyString", "EqualNull", "Empty2Null",
      "IntegralDivide", "Remainder", "Pmod", "UnaryPositive", "CaseWhen", "Coalesce", "TimeZoneAwareExpression",
      "ExpressionProxy", "BoundReference", "NullIf", "Nvl", "Nvl2", "IfNull", "SessionWindow", "TimeWindow",
      "MakeInterval", "MakeDTInterval", "MakeYMInterval", "VariantGet", "ParseJson", "IsValidUTF8",
      "Elt", "Sequence", "CreateArray", "CreateMap", "CreateNamedStruct", "MapFromArrays", "Stack",
      "RuntimeReplaceableAggregate", "First", "Last", "Percentile", "PercentileCont", "PercentileDisc",
      "Mode", "Average", "Sum", "TryAverage", "TrySum", "Count", "CountMinSketchAgg", "Explode", "PosExplode",
      "Inline", "VariantExplode", "StartsWith", "EndsWith", "Contains", "StringLPad", "StringRPad",
      "BinaryLPad", "BinaryRPad", "Ceil", "Floor", "RoundCeil", "RoundFloor", "ParseToDate", "ParseToTimestamp",
      "MakeTimestamp", "MakeTimestampNTZ", "MakeTimestampLTZ", "TryMakeTimestamp", "TryToTimestamp",
      "TryToDate", "ToCharacter", "ToNumber", "DatePart", "Extract", "Second", "Minute", "Hour",
      "SecondsOfTimeWithFraction", "MinutesOfTime", "HoursOfTime", "SecondsOfTime", "CurrentDate",
      "RaiseError", "Mask", "TryToTime", "ToTime", "VariantGetExpressionBuilder", "ArrayTransform",
      "ArrayFilter", "ArrayExists", "ArrayForAll", "ArrayAggregate", "ArraySort", "MapFilter", "MapZipWith",
      "ZipWith", "TransformKeys", "TransformValues", "ElementAt", "BitwiseGet", "TimestampAddInterval",
      "BinaryPad", "ResolvedCollation", "TimestampAdd", "TimestampDiff", "DateAdd", "DateDiff",
      // [I]LIKE ANY|ALL (...) and their negations: pattern matching that no function name registers.
      "LikeAny", "LikeAll", "NotLikeAny", "NotLikeAll");

  /**
   * Built-in functions refused although Spark has them: they call a Java method the query names
   * (reflect, java_method, try_reflect), or parse XML, whose external entities could read files.
   * Every UDF class (Scala, Java, Python, Hive) is refused too: none is on the allow-list.
   */
  private static final Map<String, String> DENIED_EXPRESSIONS = Map.ofEntries(
      Map.entry("CallMethodViaReflection", "calls Java methods and could change anything"),
      Map.entry("TryReflect", "calls Java methods and could change anything"),
      Map.entry("XPathList", "parses XML (external entities could read files)"),
      Map.entry("XPathString", "parses XML (external entities could read files)"),
      Map.entry("XPathBoolean", "parses XML (external entities could read files)"),
      Map.entry("XPathShort", "parses XML (external entities could read files)"),
      Map.entry("XPathInt", "parses XML (external entities could read files)"),
      Map.entry("XPathLong", "parses XML (external entities could read files)"),
      Map.entry("XPathFloat", "parses XML (external entities could read files)"),
      Map.entry("XPathDouble", "parses XML (external entities could read files)"),
      Map.entry("XmlToStructs", "parses XML (external entities could read files)"),
      Map.entry("SchemaOfXml", "parses XML (external entities could read files)"));

  /**
   * Functions that act while the query is ANALYZED, before {@link #checkAnalyzed} can refuse them:
   * reflect loads and initializes the class it names, from_protobuf/to_protobuf read the descriptor
   * file they name, from_xml evaluates schema_of_xml(...) over XML. IDENTIFIER('reflect')(...) hides
   * the name from the parsed plan, so {@link #disarm} takes them out of the query session instead.
   */
  private static final Map<String, String> DISARMED_EXPRESSIONS = disarmedExpressions();

  private static Map<String, String> disarmedExpressions() {
    Map<String, String> disarmed = new java.util.HashMap<>(DENIED_EXPRESSIONS);
    disarmed.put("FromProtobuf", "reads the descriptor file the query names");
    disarmed.put("ToProtobuf", "reads the descriptor file the query names");
    return Map.copyOf(disarmed);
  }

  /**
   * Replaces, in {@code session}'s own function registry (a copy of the built-in one; other
   * sessions keep theirs), every function whose class is refused by one whose builder refuses it:
   * however the query names it (IDENTIFIER, builtin., any case), building it is the refusal, so
   * nothing of it runs during analysis.
   */
  public static void disarm(org.apache.spark.sql.classic.SparkSession session) {
    org.apache.spark.sql.catalyst.analysis.FunctionRegistry registry = session.sessionState().functionRegistry();
    scala.collection.Iterator<org.apache.spark.sql.catalyst.FunctionIdentifier> ids = registry.listFunction().iterator();
    List<org.apache.spark.sql.catalyst.FunctionIdentifier> all = new ArrayList<>();
    while (ids.hasNext()) {
      all.add(ids.next());
    }
    for (org.apache.spark.sql.catalyst.FunctionIdentifier id : all) {
      scala.Option<org.apache.spark.sql.catalyst.expressions.ExpressionInfo> info = registry.lookupFunction(id);
      if (info.isEmpty() || info.get().getClassName() == null) {
        continue;
      }
      String className = info.get().getClassName();
      String reason = DISARMED_EXPRESSIONS.get(className.substring(className.lastIndexOf('.') + 1));
      if (reason == null) {
        continue;
      }
      String message = "refused: function " + id.funcName() + " " + reason + "; sql runs read-only queries only";
      // Dropped first: replacing a registered function logs a warning on every run.
      registry.dropFunction(id);
      registry.registerFunction(id, info.get(),
          (scala.Function1<scala.collection.immutable.Seq<Expression>, Expression>) arguments -> {
            throw new RefusedStatementException(message);
          });
    }
  }

  /** Simple names of the classes of Spark's built-in (scalar, aggregate, window, generator) functions. */
  private static final Set<String> BUILTIN_EXPRESSIONS = builtinExpressionClasses();

  private static Set<String> builtinExpressionClasses() {
    Set<String> names = new java.util.HashSet<>();
    for (org.apache.spark.sql.catalyst.analysis.FunctionRegistryBase<?> registry
        : List.of(org.apache.spark.sql.catalyst.analysis.FunctionRegistry.builtin(),
            org.apache.spark.sql.catalyst.analysis.TableFunctionRegistry.builtin())) {
      scala.collection.Iterator<org.apache.spark.sql.catalyst.FunctionIdentifier> ids =
          registry.listFunction().iterator();
      while (ids.hasNext()) {
        scala.Option<org.apache.spark.sql.catalyst.expressions.ExpressionInfo> info = registry.lookupFunction(ids.next());
        if (info.isDefined() && info.get().getClassName() != null) {
          String className = info.get().getClassName();
          names.add(className.substring(className.lastIndexOf('.') + 1));
        }
      }
    }
    return Set.copyOf(names);
  }

  /** Where the warehouse's views read: the view names and their tables' locations (URIs). */
  public record Confinement(Set<String> viewNames, List<String> tableLocations) {

    boolean isView(String name) {
      return viewNames.stream().anyMatch(v -> v.equalsIgnoreCase(name));
    }

    /** A path inside one of the tables' folders. */
    boolean isInside(String path) {
      String normalized = java.net.URI.create(path).normalize().toString();
      return tableLocations.stream().anyMatch(l -> normalized.equals(l) || normalized.startsWith(l + "/"));
    }
  }

  /**
   * Refuses (exit 2) an ANALYZED plan that is not a read-only query over the warehouse: a command
   * anywhere (an IDENTIFIER(...) clause shows its command only now), a node or an expression class
   * that is not on the allow-lists, or a relation other than a warehouse view's own Parquet files,
   * VALUES, range or a generator.
   */
  public static void checkAnalyzed(LogicalPlan analyzed, Confinement confinement) {
    checkAnalyzed(analyzed, confinement, false);
  }

  private static void checkAnalyzed(LogicalPlan node, Confinement confinement, boolean insideView) {
    String name = node.getClass().getSimpleName();
    if (node instanceof org.apache.spark.sql.catalyst.plans.logical.Command || !ANALYZED_NODES.contains(name)
        || !node.getClass().getName().startsWith("org.apache.spark.sql.")) {
      throw new RefusedStatementException("refused: " + kind(name) + " is not a query; sql runs read-only "
          + "queries only (SELECT, WITH ... SELECT, VALUES, TABLE)");
    }
    boolean inside = insideView;
    if (node instanceof org.apache.spark.sql.catalyst.plans.logical.View view) {
      String viewName = view.desc().identifier().table();
      if (!view.isTempView() || !confinement.isView(viewName)) {
        throw new RefusedStatementException("refused: view " + view.desc().identifier().unquotedString()
            + " is not a table of the warehouse; sql reads the warehouse's tables only");
      }
      inside = true;
    }
    if (node instanceof org.apache.spark.sql.execution.datasources.LogicalRelation relation) {
      checkRelation(relation, confinement, insideView);
    }
    scala.collection.Iterator<Expression> expressions = node.expressions().iterator();
    while (expressions.hasNext()) {
      checkExpression(expressions.next(), confinement);
    }
    final boolean childInside = inside;
    node.children().foreach(child -> {
      checkAnalyzed(child, confinement, childInside);
      return scala.runtime.BoxedUnit.UNIT;
    });
  }

  private static void checkRelation(org.apache.spark.sql.execution.datasources.LogicalRelation relation,
      Confinement confinement, boolean insideView) {
    String shown = relation.catalogTable().isDefined() ? relation.catalogTable().get().identifier().unquotedString()
        : relation.relation().toString();
    if (!(relation.relation() instanceof org.apache.spark.sql.execution.datasources.HadoopFsRelation files)) {
      throw new RefusedStatementException("refused: table " + shown + " is not a table of the warehouse; "
          + "sql reads the warehouse's tables only");
    }
    List<String> roots = new ArrayList<>();
    files.location().rootPaths().foreach(p -> roots.add(p.toUri().toString()));
    for (String root : roots) {
      if (!insideView || relation.catalogTable().isDefined() || !confinement.isInside(root)
          || !(files.fileFormat() instanceof org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat)) {
        throw new RefusedStatementException("refused: " + (relation.catalogTable().isDefined() ? "table " + shown
            : "files at " + root) + " are not a table of the warehouse; sql reads the warehouse's tables only");
      }
    }
  }

  private static void checkExpression(Expression expression, Confinement confinement) {
    String name = expression.getClass().getSimpleName();
    String denied = DENIED_EXPRESSIONS.get(name);
    if (denied != null) {
      throw new RefusedStatementException("refused: function " + functionName(expression) + " " + denied
          + "; sql runs read-only queries only");
    }
    boolean spark = expression.getClass().getName().startsWith("org.apache.spark.sql.catalyst.expressions.");
    if (!spark || !(BUILTIN_EXPRESSIONS.contains(name) || STRUCTURAL_EXPRESSIONS.contains(name)
        || isBuiltinOperator(expression))) {
      throw new RefusedStatementException("refused: function or expression " + functionName(expression)
          + " (" + name + ") is not on sql's allow-list of built-in functions");
    }
    if (expression instanceof org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke call
        && !call.staticObject().getName().startsWith("org.apache.spark.")) {
      throw new RefusedStatementException("refused: a call of " + call.staticObject().getName()
          + " is not on sql's allow-list");
    }
    if (expression instanceof org.apache.spark.sql.catalyst.expressions.SubqueryExpression subquery) {
      checkAnalyzed(subquery.plan(), confinement, false);
    }
    // A function that expands to others (InheritAnalysisRules): its arguments are what the user wrote.
    scala.collection.Iterator<Expression> children = expression
        instanceof org.apache.spark.sql.catalyst.expressions.InheritAnalysisRules inherit
        ? inherit.parameters().iterator() : expression.children().iterator();
    while (children.hasNext()) {
      checkExpression(children.next(), confinement);
    }
  }

  /** Comparison, arithmetic and logic operators whose classes Spark registers under symbols. */
  private static boolean isBuiltinOperator(Expression expression) {
    return expression instanceof org.apache.spark.sql.catalyst.expressions.BinaryOperator
        && expression.getClass().getName().startsWith("org.apache.spark.sql.catalyst.expressions.");
  }

  private static String functionName(Expression expression) {
    try {
      return expression.prettyName();
    } catch (RuntimeException e) {
      return expression.getClass().getSimpleName();
    }
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
