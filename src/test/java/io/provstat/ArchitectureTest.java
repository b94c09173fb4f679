package io.provstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Commands are thin adapters (issue 13): the classes of {@code io.provstat.jobs} parse options, call
 * one stage, print and choose the exit code; no Dataset transformation is written there. The scan
 * reads the sources with comments and string literals blanked out, and tells a Dataset's
 * {@code filter}/{@code where} (a Column or SQL text) from a Java stream's (a lambda or method
 * reference), and a Dataset's {@code join} from {@code String.join}.
 */
class ArchitectureTest {

  private static final Path COMMANDS = Path.of("src/main/java/io/provstat/jobs");

  /** Dataset (and grouped Dataset) transformations, however their arguments are written. */
  private static final Pattern TRANSFORMATION = Pattern.compile(
      "\\.(groupBy|groupByKey|rollup|cube|withColumn|withColumns|withColumnRenamed|agg|select|selectExpr|"
          + "unionByName|crossJoin|orderBy|dropDuplicates)\\s*\\(|(?<!String)\\.join\\s*\\(");

  /**
   * filter/where whose argument is not a lambda or a method reference (a Java stream's predicate):
   * a Column or SQL text, so a Dataset's.
   */
  private static final Pattern CONDITION = Pattern.compile(
      "\\.(filter|where)\\s*\\((?!\\s*(\\w+\\s*->|\\([^()]*\\)\\s*->|[\\w.]+\\s*::))");

  @Test
  void noCommandTransformsADataset() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(COMMANDS)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        found.addAll(transformations(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    assertTrue(found.isEmpty(), "Dataset transformations in commands (move them into their stage's package): "
        + String.join("; ", found));
  }

  @Test
  void theScanSeesTransformationsAndNothingElse() {
    String code = """
        class Sample {
          // a comment saying df.groupBy("x") is not code
          /* nor is this: df.join(other) */
          String text = "neither is .select(\\"a\\") in a string";
          void streams(java.util.List<String> names) {
            names.stream().filter(n -> !n.isEmpty()).filter(String::isBlank).toList();
            String.join(", ", names);
          }
          void datasets(Dataset<Row> df, Dataset<Row> other) {
            df.groupBy("province_code").count();
            df.join(other, "key");
            df.withColumn("x", col("y"));
            df.filter(col("year").gt(2020));
            df.where("year > 2020");
            df.filter(df.col("year").equalTo(2020));
          }
        }
        """;
    List<String> found = transformations("Sample.java", code);
    assertEquals(List.of("Sample.java:10 .groupBy(", "Sample.java:11 .join(", "Sample.java:12 .withColumn(",
        "Sample.java:13 .filter(", "Sample.java:14 .where(", "Sample.java:15 .filter("), found);
    assertFalse(COMMANDS.toFile().list().length == 0, "no command sources under " + COMMANDS.toAbsolutePath());
  }

  /** Each transformation call in the source, as "file:line .name(". */
  static List<String> transformations(String name, String source) {
    String code = blankCommentsAndStrings(source);
    List<String> found = new ArrayList<>();
    for (Pattern pattern : List.of(TRANSFORMATION, CONDITION)) {
      Matcher m = pattern.matcher(code);
      while (m.find()) {
        int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        String call = code.substring(m.start(), code.indexOf('(', m.start()) + 1).replaceAll("\\s+", "");
        found.add(line + "\u0000" + name + ":" + line + " " + call);
      }
    }
    return found.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(0, a.indexOf('\u0000'))),
        Integer.parseInt(b.substring(0, b.indexOf('\u0000'))))).map(s -> s.substring(s.indexOf('\u0000') + 1)).toList();
  }

  /** The source with comments, string literals, text blocks and char literals replaced by spaces; newlines kept. */
  static String blankCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int end;
      if (s.startsWith("//", i)) {
        end = s.indexOf('\n', i);
        end = end < 0 ? s.length() : end;
      } else if (s.startsWith("/*", i)) {
        end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
      } else if (s.startsWith("\"\"\"", i)) {
        end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? s.length() : end + 3;
        out.append('"');
        blank(out, s, i + 1, end - 1);
        out.append('"');
        i = end;
        continue;
      } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
        char quote = s.charAt(i);
        end = i + 1;
        while (end < s.length() && s.charAt(end) != quote) {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end + 1, s.length());
        // Keep the quotes, so that a string argument is still seen as one.
        out.append(quote);
        blank(out, s, i + 1, end - 1);
        out.append(quote);
        i = end;
        continue;
      } else {
        out.append(s.charAt(i++));
        continue;
      }
      blank(out, s, i, end);
      i = end;
    }
    return out.toString();
  }

  private static void blank(StringBuilder out, String s, int from, int to) {
    for (int k = from; k < to && k < s.length(); k++) {
      out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
  }
}
