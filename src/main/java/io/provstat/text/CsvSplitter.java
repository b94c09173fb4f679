package io.provstat.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of delimited text into fields (RFC 4180 quoting: a field may be enclosed in double
 * quotes, and a doubled quote inside it stands for one quote). Records never span lines in the formats
 * provstat reads, so an unterminated quote is an error of that line, not a continuation.
 */
public final class CsvSplitter {

  private CsvSplitter() {}

  /** Thrown for a line whose quoting is broken; the message says where. */
  public static final class MalformedLineException extends Exception {
    public MalformedLineException(String message) {
      super(message);
    }
  }

  public static List<String> split(String line, char delimiter) throws MalformedLineException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      // Start of a field: quoted or plain.
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (!closed) {
          throw new MalformedLineException("unterminated quote in field " + (fields.size() + 1));
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != delimiter) {
          throw new MalformedLineException(
              "unexpected character '" + line.charAt(i) + "' after closing quote in field "
                  + (fields.size() + 1));
        }
      } else {
        while (i < n && line.charAt(i) != delimiter) {
          field.append(line.charAt(i));
          i++;
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // skip the delimiter
    }
  }
}
