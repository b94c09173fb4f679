package io.provstat.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void vietnameseThousandsDotAndDecimalComma() throws Exception {
    assertEquals(27236.0, Numbers.parseVietnamese("27.236"));
    assertEquals(0.87, Numbers.parseVietnamese("0,87"));
    assertEquals(97.5, Numbers.parseVietnamese("97,5"));
    assertEquals(1050.5, Numbers.parseVietnamese("1.050,5"));
    assertEquals(11802322.0, Numbers.parseVietnamese("11.802.322"));
    assertEquals(-5.47, Numbers.parseVietnamese("-5,47"));
    assertEquals(1500.0, Numbers.parseVietnamese("1500"));
  }

  @Test
  void ambiguousOrForeignFormsAreRefusedNotGuessed() {
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseVietnamese("27.2"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseVietnamese("1,234.5"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseVietnamese(""));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseVietnamese("12a"));
  }

  @Test
  void machineNumbers() throws Exception {
    assertEquals(1288.99, Numbers.parseMachine("1288.99"));
    assertEquals(-39.39, Numbers.parseMachine(" -39.39 "));
    assertEquals(1e3, Numbers.parseMachine("1e3"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("NaN"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("Infinity"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("1e400"));
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("27,236"));
    Numbers.NumberFormatError e =
        assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("12x"));
    assertEquals("'12x' is not a number", e.getMessage());
  }

  @Test
  void anUnderflowIsRefusedWithItsTextNotStoredAsZero() throws Exception {
    Numbers.NumberFormatError e =
        assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("1e-400"));
    assertEquals("'1e-400' is too small for a number (it would be stored as 0)", e.getMessage());
    assertThrows(Numbers.NumberFormatError.class, () -> Numbers.parseMachine("-2.5E-999"));
    assertThrows(Numbers.NumberFormatError.class,
        () -> Numbers.parseVietnamese("0," + "0".repeat(400) + "1"));
    assertThrows(Numbers.NumberFormatError.class,
        () -> io.provstat.ingest.Quantities.parse("0," + "0".repeat(400) + "1 tỷ đồng"));
    // Zero written any way is zero, and a small number that a double holds is kept.
    assertEquals(0.0, Numbers.parseMachine("0e-400"));
    assertEquals(0.0, Numbers.parseMachine("0.000"));
    assertEquals(1e-300, Numbers.parseMachine("1e-300"));
  }

  @Test
  void negativeZeroIsStoredAsZero() throws Exception {
    // -0.0 equals 0.0 in Java arithmetic but prints as -0.0 and sorts before 0.0 in Spark and Parquet.
    assertEquals(0L, Double.doubleToRawLongBits(Numbers.parseMachine("-0")));
    assertEquals(0L, Double.doubleToRawLongBits(Numbers.parseMachine("-0.0e5")));
    assertEquals(0L, Double.doubleToRawLongBits(Numbers.parseVietnamese("-0,0")));
    assertEquals(0L, Double.doubleToRawLongBits(io.provstat.ingest.Quantities.parse("-0 tỷ đồng").value()));
  }
}
