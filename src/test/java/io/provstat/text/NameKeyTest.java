package io.provstat.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NameKeyTest {

  @Test
  void foldsDiacriticsCaseSpacingAndPrefixes() {
    assertEquals("soctrang", NameKey.of("Tỉnh Sóc Trăng"));
    assertEquals("soctrang", NameKey.of("SÓC  TRĂNG"));
    assertEquals("soctrang", NameKey.of("Soc-Trang"));
    assertEquals("hochiminh", NameKey.of("Thành phố Hồ Chí Minh"));
    assertEquals("hochiminh", NameKey.of("Ho Chi Minh city"));
    assertEquals("hochiminh", NameKey.of("TP. Hồ Chí Minh"));
    assertEquals("kiengiang", NameKey.of("Kien  Giang"));
    assertEquals("thuathienhue", NameKey.of("Thua Thien-Hue"));
    assertEquals("danang", NameKey.of("Đà Nẵng"));
  }

  @Test
  void oldAndNewTonePlacementMeet() {
    assertEquals(NameKey.of("Hòa Bình"), NameKey.of("Hoà Bình"));
    assertEquals(NameKey.of("Thanh Hóa"), NameKey.of("Thanh Hoá"));
  }

  @Test
  void aPrefixAloneIsKeptAndInnerWordsAreNotPrefixes() {
    assertEquals("thaibinh", NameKey.of("Thái Bình"));
    assertEquals("thanhhoa", NameKey.of("Thanh Hóa"));
    assertEquals("tinh", NameKey.of("Tỉnh"));
    assertEquals("", NameKey.of(null));
  }
}
