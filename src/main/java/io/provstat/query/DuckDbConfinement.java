package io.provstat.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provstat.ingest.InputException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the DuckDB engine lets a query do, decided on DuckDB's own parse of it ({@code
 * json_serialize_sql}, which serializes SELECT statements only and fails on any other kind): exactly
 * one statement, a query (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, SUMMARIZE all parse to a
 * select node); table functions from a list that reads nothing but the query's arguments or the
 * warehouse; a file a function reads (read_parquet, read_csv, glob, ...) named by a literal inside
 * the warehouse, through no link that leads out of it. DuckDB's own settings (external access off
 * but for the warehouse, configuration locked) are the second line behind this one.
 */
final class DuckDbConfinement {

  /** Table functions that read files: their first argument is a path, a glob, or a list of them. */
  static final Set<String> FILE_FUNCTIONS = Set.of("read_parquet", "parquet_scan", "read_csv", "read_csv_auto",
      "sniff_csv", "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto", "read_json_objects",
      "read_json_objects_auto", "read_ndjson_objects", "read_text", "read_blob", "glob", "parquet_metadata",
      "parquet_schema", "parquet_file_metadata", "parquet_kv_metadata", "parquet_bloom_probe");

  /** Table functions that only compute from their arguments or list the engine's read-only catalog. */
  static final Set<String> PURE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "json_each", "json_tree",
      "duckdb_tables", "duckdb_views", "duckdb_columns", "duckdb_functions", "duckdb_types", "duckdb_keywords",
      "duckdb_schemas", "duckdb_databases", "duckdb_constraints", "duckdb_settings", "pragma_table_info",
      "pragma_show", "show_tables", "show_databases", "test_all_types");

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String QUERY_KINDS = "SELECT, WITH ... SELECT, VALUES, TABLE, SHOW, DESCRIBE";

  private final LocalWarehouse warehouse;
  private final Set<String> relations;

  /** {@code relations}: the views the query may name (warehouse tables and reference tables). */
  DuckDbConfinement(LocalWarehouse warehouse, Set<String> relations) {
    this.warehouse = warehouse;
    this.relations = new HashSet<>();
    relations.forEach(r -> this.relations.add(r.toLowerCase(Locale.ROOT)));
  }

  /** Refuses (an {@link InputException} starting "refused:") what the query may not do; else returns. */
  void check(Connection connection, String query) throws SQLException {
    JsonNode parsed = parse(connection, query);
    if (parsed.path("error").asBoolean(false)) {
      String type = parsed.path("error_type").asText("");
      String message = parsed.path("error_message").asText("");
      if (type.equals("not implemented") || message.startsWith("Only SELECT statements")) {
        throw refusedStatement(query);
      }
      // A syntax error: DuckDB's own message, one line, as when the query runs.
      throw new InputException(DuckDbQuery.oneLine(type.isEmpty() ? message : capitalized(type) + " Error: " + message,
          warehouse, List.of()));
    }
    JsonNode statements = parsed.path("statements");
    if (statements.size() != 1) {
      throw new InputException("refused: " + statements.size() + " statements; sql runs exactly one query ("
          + QUERY_KINDS + ")" + (statements.size() > 1 ? ", one at a time" : ""));
    }
    Set<String> ctes = new HashSet<>();
    collectCtes(statements.get(0), ctes);
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.add(statements.get(0));
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (node.isObject()) {
        String type = node.path("type").asText("");
        if (type.equals("TABLE_FUNCTION")) {
          checkTableFunction(node.path("function"));
        } else if (type.equals("BASE_TABLE")) {
          checkTable(node, ctes);
        }
      }
      for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
        pending.push(children.next());
      }
    }
  }

  private static JsonNode parse(Connection connection, String query) throws SQLException {
    try (PreparedStatement serialize = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      serialize.setString(1, query);
      try (ResultSet result = serialize.executeQuery()) {
        result.next();
        return JSON.readTree(result.getString(1));
      }
    } catch (IOException e) {
      throw new IllegalStateException("DuckDB's parse of the query is not JSON: " + e.getMessage(), e);
    }
  }

  private static void collectCtes(JsonNode node, Set<String> ctes) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.add(node);
    while (!pending.isEmpty()) {
      JsonNode n = pending.pop();
      JsonNode map = n.path("cte_map").path("map");
      for (JsonNode entry : map) {
        ctes.add(entry.path("key").asText("").toLowerCase(Locale.ROOT));
      }
      for (Iterator<JsonNode> children = n.elements(); children.hasNext();) {
        pending.push(children.next());
      }
    }
  }

  private void checkTableFunction(JsonNode function) {
    String name = function.path("function_name").asText("").toLowerCase(Locale.ROOT);
    if (FILE_FUNCTIONS.contains(name)) {
      JsonNode children = function.path("children");
      JsonNode first = children.size() == 0 ? null : children.get(0);
      if (first == null || isNamedParameter(first)) {
        throw new InputException("refused: " + name + "(...) without a file name");
      }
      for (String path : literalPaths(name, first)) {
        checkPath(name + "('" + path + "')", path);
      }
    } else if (!PURE_FUNCTIONS.contains(name)) {
      throw new InputException("refused: table function " + name + "(...); sql reads the warehouse's tables "
          + "(and its files through read_parquet, read_csv, read_json, read_text, glob), computes with range, "
          + "generate_series, unnest, and lists its catalog with duckdb_tables, duckdb_columns and the like");
    }
  }

  /** A named parameter ({@code hive_partitioning = true}) parses as a comparison of a column with a value. */
  private static boolean isNamedParameter(JsonNode argument) {
    return argument.path("class").asText("").equals("COMPARISON");
  }

  /** The file names an argument gives: a string literal or a list of them; anything else is refused. */
  private static List<String> literalPaths(String function, JsonNode argument) {
    String kind = argument.path("class").asText("");
    if (kind.equals("CONSTANT") && argument.path("value").path("type").path("id").asText("").equals("VARCHAR")
        && !argument.path("value").path("is_null").asBoolean(false)) {
      return List.of(argument.path("value").path("value").asText());
    }
    if (kind.equals("FUNCTION") && Set.of("list_value", "array_value")
        .contains(argument.path("function_name").asText("").toLowerCase(Locale.ROOT))) {
      List<String> paths = new java.util.ArrayList<>();
      for (JsonNode element : argument.path("children")) {
        paths.addAll(literalPaths(function, element));
      }
      return paths;
    }
    throw new InputException("refused: " + function + "(...) with a file name that is not a string literal; "
        + "name the file inside the warehouse as text");
  }

  private void checkTable(JsonNode table, Set<String> ctes) {
    String name = table.path("table_name").asText("");
    String schema = table.path("schema_name").asText("");
    String catalog = table.path("catalog_name").asText("");
    String lower = name.toLowerCase(Locale.ROOT);
    if (schema.isEmpty() && catalog.isEmpty() && (relations.contains(lower) || ctes.contains(lower))) {
      return;
    }
    // A name DuckDB would read as a file ('x.csv', 'dir/x.parquet'): its replacement scan reads it.
    if (name.contains("/") || name.contains("\\") || name.contains(".") || name.contains("*")) {
      checkPath("'" + name + "'", name);
    }
  }

  /**
   * A path a query reads must lie inside the warehouse: resolved against the working directory, its
   * part before the first wildcard resolved through every link to a folder inside the warehouse's
   * real folder (a sibling {@code warehouse-x} does not start with {@code warehouse/}), no {@code ..}
   * after a wildcard, and no link under it that leads out.
   */
  private void checkPath(String what, String text) {
    if (java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://").matcher(text).find()) {
      throw refusedPath(what, "a URL");
    }
    Path given;
    try {
      given = Path.of(text);
    } catch (InvalidPathException e) {
      throw refusedPath(what, "not a usable path");
    }
    if (!given.isAbsolute()) {
      given = Path.of("").toAbsolutePath().resolve(given);
    }
    Path literal = given.getRoot();
    boolean wildcard = false;
    for (Path part : given) {
      String segment = part.toString();
      if (wildcard && segment.equals("..")) {
        throw refusedPath(what, ".. after a wildcard");
      }
      if (!wildcard && segment.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
        wildcard = true;
      }
      if (!wildcard) {
        literal = literal.resolve(segment);
      }
    }
    Path real = realPrefix(literal);
    if (real == null || !real.startsWith(warehouse.realRoot())) {
      throw refusedPath(what, "outside the warehouse " + warehouse.root());
    }
    for (Path link : warehouse.escapingLinks()) {
      if (link.startsWith(real) || real.startsWith(link)) {
        throw refusedPath(what, "through the link " + link + ", which leads out of the warehouse");
      }
    }
  }

  /**
   * The real path of {@code path}: its longest existing prefix with every link resolved (the
   * file system resolves {@code ..} after a link, not the text), then the rest, which may hold no
   * {@code ..}; null if it does.
   */
  private static Path realPrefix(Path path) {
    Path existing = path;
    Deque<String> rest = new ArrayDeque<>();
    while (existing != null && !java.nio.file.Files.exists(existing)) {
      if (existing.getFileName() != null) {
        rest.push(existing.getFileName().toString());
      }
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    try {
      Path real = existing.toRealPath();
      for (String segment : rest) {
        if (segment.equals("..")) {
          return null;
        }
        real = real.resolve(segment);
      }
      return real;
    } catch (IOException e) {
      return null;
    }
  }

  private static InputException refusedPath(String what, String why) {
    return new InputException("refused: " + what + " reads " + why + "; sql reads files of the warehouse only");
  }

  /**
   * A statement DuckDB would not serialize is not a query. Named by its first word (comments and
   * parentheses skipped) for the message only; DuckDB's parser made the decision.
   */
  private static InputException refusedStatement(String query) {
    String word = leadingWord(query).toUpperCase(Locale.ROOT);
    if (Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "FROM", "SUMMARIZE").contains(word)) {
      return new InputException("refused: a statement after the first " + word + " that is not a query, or "
          + "more than one statement; sql runs one read-only query at a time (" + QUERY_KINDS + ")");
    }
    String kind = word.isEmpty() ? "a statement that is not a query" : STATEMENTS.getOrDefault(word, word);
    if (Set.of("CREATE", "DROP", "ALTER").contains(word)) {
      // The object it would make, drop or change: DROP TABLE, CREATE VIEW, CREATE OR REPLACE MACRO.
      String rest = query.substring(leadingWordStart(query) + word.length());
      java.util.regex.Matcher object = java.util.regex.Pattern
          .compile("^\\s+((?:OR\\s+REPLACE\\s+)?(?:TEMP(?:ORARY)?\\s+)?[A-Za-z]+)").matcher(rest);
      if (object.find()) {
        kind = word + " " + object.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      }
    }
    return new InputException("refused: " + kind + " is not a query; sql runs read-only queries only ("
        + QUERY_KINDS + ")");
  }

  private static final Map<String, String> STATEMENTS = Map.of("SET", "SET (a setting change)", "RESET",
      "RESET (a setting change)", "PRAGMA", "PRAGMA (a setting or state change)", "CALL",
      "CALL (a procedure call)", "EXPORT", "EXPORT DATABASE", "IMPORT", "IMPORT DATABASE");

  static String leadingWord(String query) {
    int start = leadingWordStart(query);
    int i = start;
    while (i < query.length() && Character.isLetter(query.charAt(i))) {
      i++;
    }
    return query.substring(start, i);
  }

  /** Where the first word starts, after blanks, comments, parentheses and semicolons. */
  private static int leadingWordStart(String query) {
    int i = 0;
    int n = query.length();
    while (i < n) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c) || c == '(' || c == ';') {
        i++;
      } else if (query.startsWith("--", i)) {
        int end = query.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (query.startsWith("/*", i)) {
        int end = query.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static String capitalized(String type) {
    StringBuilder out = new StringBuilder();
    for (String word : type.split(" ")) {
      if (!word.isEmpty()) {
        out.append(out.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }
}
