package io.provstat.reference;

import io.provstat.text.CsvSplitter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV resource shipped in the jar: '#' lines are comments (they carry the source of the
 * data), the first other line is the header. A malformed resource is a build defect, so it fails
 * loudly with the resource name and line.
 */
public final class ResourceTable {

  private ResourceTable() {}

  /** One row of a resource table, with the line it came from for error messages. */
  public record Row(String resource, int line, Map<String, String> fields) {
    public String get(String column) {
      String value = fields.get(column);
      if (value == null) {
        throw new IllegalStateException(resource + " line " + line + ": no column '" + column + "'");
      }
      return value.strip();
    }

    public String required(String column) {
      String value = get(column);
      if (value.isEmpty()) {
        throw new IllegalStateException(resource + " line " + line + ": empty '" + column + "'");
      }
      return value;
    }

    public List<String> list(String column) {
      List<String> items = new ArrayList<>();
      for (String item : get(column).split("\\|")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return items;
    }

    public IllegalStateException error(String message) {
      return new IllegalStateException(resource + " line " + line + ": " + message);
    }
  }

  public static List<Row> load(String resource) {
    InputStream in = ResourceTable.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("resource not found on the classpath: " + resource);
    }
    return parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The same format from any reader (a user's extension of a resource); {@code name} is for messages. */
  public static List<Row> parse(String resource, java.io.Reader source) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(source)) {
      List<String> header = null;
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank() || text.startsWith("#")) {
          continue;
        }
        List<String> fields = CsvSplitter.split(text, ',');
        if (header == null) {
          header = fields;
          continue;
        }
        if (fields.size() != header.size()) {
          throw new IllegalStateException(resource + " line " + line + ": expected " + header.size()
              + " fields, found " + fields.size());
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          map.put(header.get(i), fields.get(i));
        }
        rows.add(new Row(resource, line, map));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    } catch (CsvSplitter.MalformedLineException e) {
      throw new IllegalStateException(resource + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
