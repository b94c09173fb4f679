package io.provstat.reference;

import java.util.Locale;
import java.util.Optional;

/**
 * How final a published number is. The precedence decides between two different values of one
 * figure from the same vintage: a final figure supersedes a preliminary one, which supersedes an
 * estimate ("ước").
 */
public enum Status {
  ESTIMATE(1),
  PRELIMINARY(2),
  FINAL(3);

  private final int precedence;

  Status(int precedence) {
    this.precedence = precedence;
  }

  public int precedence() {
    return precedence;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Status> fromCode(String code) {
    for (Status s : values()) {
      if (s.code().equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
