package org.tinyformer.tokenizers;

import java.util.Arrays;

/**
 * Training state per adjacent pair of ids: its weighted count over all words, and the words it
 * occurs in (a list that may keep words which lost the pair; readers re-check). An open-addressing
 * table keyed by the pair packed into a long; slots never move once made.
 */
final class BpePairStats {
  private long[] table; // pair key per hash bucket, -1 when empty
  private int[] tableSlot; // slot index per hash bucket
  private int[] left = new int[1024];
  private int[] right = new int[1024];
  private long[] count = new long[1024];
  private int[][] words = new int[1024][];
  private int[] wordCount = new int[1024];
  private int[] lastWord = new int[1024];
  private int slots;

  BpePairStats() {
    table = new long[1 << 12];
    tableSlot = new int[1 << 12];
    Arrays.fill(table, -1L);
  }

  int size() {
    return slots;
  }

  int left(int slot) {
    return left[slot];
  }

  int right(int slot) {
    return right[slot];
  }

  long count(int slot) {
    return count[slot];
  }

  /** The slot of pair {@code (a, b)}, made on first use. */
  int slot(int a, int b) {
    long key = ((long) a << 32) | (b & 0xFFFFFFFFL);
    int mask = table.length - 1;
    int h = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    while (table[h] != -1L) {
      if (table[h] == key) {
        return tableSlot[h];
      }
      h = (h + 1) & mask;
    }
    if (slots * 2 >= table.length) {
      grow();
      return slot(a, b);
    }
    table[h] = key;
    tableSlot[h] = slots;
    if (slots == left.length) {
      int n = slots * 2;
      left = Arrays.copyOf(left, n);
      right = Arrays.copyOf(right, n);
      count = Arrays.copyOf(count, n);
      words = Arrays.copyOf(words, n);
      wordCount = Arrays.copyOf(wordCount, n);
      lastWord = Arrays.copyOf(lastWord, n);
    }
    left[slots] = a;
    right[slots] = b;
    lastWord[slots] = -1;
    words[slots] = new int[2];
    return slots++;
  }

  private void grow() {
    long[] oldTable = table;
    int[] oldSlot = tableSlot;
    table = new long[oldTable.length * 2];
    tableSlot = new int[oldTable.length * 2];
    Arrays.fill(table, -1L);
    int mask = table.length - 1;
    for (int i = 0; i < oldTable.length; i++) {
      if (oldTable[i] != -1L) {
        int h = (int) ((oldTable[i] * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (table[h] != -1L) {
          h = (h + 1) & mask;
        }
        table[h] = oldTable[i];
        tableSlot[h] = oldSlot[i];
      }
    }
  }

  void add(int slot, long delta) {
    count[slot] += delta;
  }

  /** Records that word {@code w} has the pair (consecutive repeats are dropped). */
  void addWord(int slot, int w) {
    if (lastWord[slot] == w) {
      return;
    }
    lastWord[slot] = w;
    if (wordCount[slot] == words[slot].length) {
      words[slot] = Arrays.copyOf(words[slot], Math.max(2, wordCount[slot] * 2));
    }
    words[slot][wordCount[slot]++] = w;
  }

  /** The words recorded for {@code slot} (a copy; may include words that lost the pair). */
  int[] words(int slot) {
    return Arrays.copyOf(words[slot], wordCount[slot]);
  }

  /** Frees the word list of a pair that has been merged. */
  void clearWords(int slot) {
    words[slot] = new int[0];
    wordCount[slot] = 0;
  }
}
