package io.provstat.warehouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** Names of publications: the UTC start second and a random suffix, so that text order is time order. */
public final class RunIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private RunIds() {}

  public static String newRunId() {
    return STAMP.format(Instant.now().atZone(ZoneOffset.UTC)) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
