package io.provstat.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSplitterTest {

  @Test
  void splitsPlainAndQuotedFields() throws Exception {
    assertEquals(List.of("a", "b", ""), CsvSplitter.split("a,b,", ','));
    assertEquals(List.of(" WHOLE COUNTRY", "119569.6", ".."),
        CsvSplitter.split("\" WHOLE COUNTRY\";119569.6;..", ';'));
    assertEquals(List.of("chế biến, chế tạo", "say \"hi\""),
        CsvSplitter.split("\"chế biến, chế tạo\",\"say \"\"hi\"\"\"", ','));
    assertEquals(List.of(""), CsvSplitter.split("", ','));
  }

  @Test
  void refusesBrokenQuoting() {
    CsvSplitter.MalformedLineException open =
        assertThrows(CsvSplitter.MalformedLineException.class, () -> CsvSplitter.split("a,\"b,c", ','));
    assertEquals("unterminated quote in field 2", open.getMessage());
    assertThrows(CsvSplitter.MalformedLineException.class, () -> CsvSplitter.split("\"a\"x,b", ','));
  }
}
