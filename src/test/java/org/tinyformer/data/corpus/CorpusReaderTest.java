package org.tinyformer.data.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
  @TempDir Path dir;

  private static List<CorpusPiece> pieces(List<Path> files, int size, CorpusPosition from)
      throws IOException {
    List<CorpusPiece> out = new ArrayList<>();
    try (CorpusReader r = new CorpusReader(files, size, from)) {
      for (CorpusPiece p = r.next(); p != null; p = r.next()) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> documents(List<CorpusPiece> pieces) {
    List<String> docs = new ArrayList<>();
    pieces.forEach(p -> docs.addAll(p.documents("text")));
    return docs;
  }

  @Test
  void textPiecesAreCutBeforeSpacesAndJoinToTheFile() throws IOException {
    String text = "The quick brown fox jumps over the lazy dog.\n".repeat(50);
    Path f = dir.resolve("a.txt");
    Files.writeString(f, text);
    List<CorpusPiece> ps = pieces(List.of(f), 64, CorpusPosition.START);
    assertThat(String.join("", documents(ps))).isEqualTo(text);
    assertThat(ps).hasSizeGreaterThan(30);
    for (CorpusPiece p : ps.subList(1, ps.size())) {
      assertThat((char) p.bytes()[0]).isEqualTo(' ');
    }
    assertThat(ps.get(ps.size() - 1).endsFile()).isTrue();
    assertThat(ps.subList(0, ps.size() - 1)).noneMatch(CorpusPiece::endsDocument);
  }

  @Test
  void aReaderOpenedAtAPiecePositionYieldsTheSamePiecesFromThere() throws IOException {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.jsonl.gz");
    Files.writeString(a, "word ".repeat(300));
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(b))) {
      for (int i = 0; i < 40; i++) {
        o.write(("{\"text\": \"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    List<CorpusPiece> all = pieces(List.of(a, b), 100, CorpusPosition.START);
    for (int k : new int[] {3, all.size() - 4}) {
      List<CorpusPiece> rest = pieces(List.of(a, b), 100, all.get(k).start());
      assertThat(documents(rest)).isEqualTo(documents(all.subList(k, all.size())));
      assertThat(rest.get(0).start()).isEqualTo(all.get(k).start());
    }
    assertThat(documents(all)).contains("line 0", "line 39");
    assertThat(all.get(all.size() - 4).start().line()).isGreaterThan(1);
  }

  @Test
  void aBadJsonLineIsNamedByItsNumber() throws IOException {
    Path f = dir.resolve("docs.jsonl");
    Files.writeString(f, "{\"text\": \"a\"}\n\n{\"text\": \"b\"\n{\"text\": \"c\"}\n");
    List<CorpusPiece> ps = pieces(List.of(f), 1 << 10, CorpusPosition.START);
    assertThatThrownBy(() -> documents(ps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "jsonl " + f + ": line 3 is not valid JSON: Unexpected end-of-input");
    Files.writeString(f, "{\"text\": \"a\"}\n[1, 2]\n");
    assertThatThrownBy(() -> documents(pieces(List.of(f), 1 << 10, CorpusPosition.START)))
        .hasMessage("jsonl " + f + ": line 2 is a array, expected a JSON object per line");
  }

  @Test
  void aMissingTextFieldIsNamedWithTheFieldsThatExist() throws IOException {
    Path f = dir.resolve("docs.jsonl");
    Files.writeString(f, "{\"id\": 1, \"content\": \"a\"}\n");
    List<CorpusPiece> ps = pieces(List.of(f), 1 << 10, CorpusPosition.START);
    assertThatThrownBy(() -> documents(ps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "jsonl "
                + f
                + ": line 1 has no field 'text' (its fields: id, content); name the text field"
                + " with --text-field");
    assertThat(ps.get(0).documents("content")).containsExactly("a");
    assertThatThrownBy(() -> ps.get(0).documents("id"))
        .hasMessage("jsonl " + f + ": line 1: field 'id' is a number, expected a string");
  }

  @Test
  void invalidUtf8InTextIsAnErrorNamingTheFile() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, new byte[] {'a', 'b', (byte) 0xE9, 'c'});
    List<CorpusPiece> ps = pieces(List.of(f), 1 << 10, CorpusPosition.START);
    assertThatThrownBy(() -> documents(ps))
        .hasMessageStartingWith("text corpus: " + f + " (piece at byte 0) is not valid UTF-8");
  }

  @Test
  void directoriesAndGlobsExpandToSortedCorpusFiles() throws IOException {
    Files.createDirectories(dir.resolve("c/sub"));
    for (String name :
        List.of("c/b.txt", "c/a.jsonl.gz", "c/sub/z.ndjson", "c/notes.md", "c/.hidden.txt")) {
      Files.writeString(dir.resolve(name), "x");
    }
    assertThat(CorpusFiles.expand(List.of(dir.resolve("c").toString())))
        .containsExactly(
            dir.resolve("c/a.jsonl.gz"), dir.resolve("c/b.txt"), dir.resolve("c/sub/z.ndjson"));
    assertThat(CorpusFiles.expand(List.of(dir + "/c/*.txt")))
        .containsExactly(dir.resolve("c/b.txt"));
    assertThat(CorpusFiles.expand(List.of(dir + "/c/**.ndjson")))
        .containsExactly(dir.resolve("c/sub/z.ndjson"));
    assertThatThrownBy(() -> CorpusFiles.expand(List.of(dir + "/c/*.parquet")))
        .hasMessage("corpus: no file matches '" + dir + "/c/*.parquet'");
    assertThatThrownBy(() -> CorpusFiles.expand(List.of(dir + "/missing.txt")))
        .hasMessage("corpus: file not found: " + dir + "/missing.txt");
    assertThat(CorpusFormat.of(dir.resolve("c/a.jsonl.gz"))).isEqualTo(CorpusFormat.JSONL);
  }
}
