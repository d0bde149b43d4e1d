package org.tinyformer.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which attention a map shows: encoder self-attention, decoder (causal) self-attention, or the
 * decoder's cross-attention over the encoder output. A GPT's attention is {@link #DECODER}.
 */
public enum AttentionKind {
  ENCODER("encoder", "encoder self-attention"),
  DECODER("decoder", "decoder self-attention"),
  CROSS("cross", "cross-attention");

  private final String option;
  private final String label;

  AttentionKind(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /** The word used on the command line: {@code encoder}, {@code decoder} or {@code cross}. */
  public String option() {
    return option;
  }

  /** The human name used in titles, e.g. {@code cross-attention}. */
  public String label() {
    return label;
  }

  /** Parses the command-line word (case-insensitive). */
  public static AttentionKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (AttentionKind k : values()) {
      if (k.option.equals(t)) {
        return k;
      }
    }
    String allowed =
        Arrays.stream(values()).map(AttentionKind::option).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "attention kind: expected one of " + allowed + ", got '" + text + "'");
  }
}
