package org.tinyformer.data.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands the inputs a user names into corpus files, in a fixed order: a file stays itself, a
 * directory gives every {@code .txt}, {@code .jsonl} and {@code .ndjson} file below it (also
 * gzipped), a glob such as {@code data/*.jsonl.gz} gives the files it matches; each directory's and
 * glob's files are sorted by path. Usage: {@code CorpusFiles.expand(List.of("corpus/"))}.
 */
public final class CorpusFiles {
  private static final List<String> CORPUS_SUFFIXES = List.of(".txt", ".jsonl", ".ndjson");

  private CorpusFiles() {}

  /** The files of {@code inputs}, in order; an input that yields no file is an error. */
  public static List<Path> expand(List<String> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String input : inputs) {
      List<Path> found = expandOne(input);
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            Files.isDirectory(Path.of(input))
                ? "corpus: directory "
                    + input
                    + " has no .txt, .jsonl or .ndjson files (gzipped or not)"
                : "corpus: no file matches '" + input + "'");
      }
      files.addAll(found);
    }
    return files;
  }

  private static List<Path> expandOne(String input) throws IOException {
    if (isGlob(input)) {
      return glob(input);
    }
    Path path = Path.of(input);
    if (Files.isDirectory(path)) {
      return walk(path, CorpusFiles::isCorpusFile);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("corpus: file not found: " + input);
    }
    return List.of(path);
  }

  private static boolean isGlob(String input) {
    return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<Path> glob(String pattern) throws IOException {
    Path pat = Path.of(pattern).normalize();
    Path fixed = pat.isAbsolute() ? pat.getRoot() : Path.of("");
    for (Path part : pat.isAbsolute() ? pat.getRoot().relativize(pat) : pat) {
      if (isGlob(part.toString())) {
        break;
      }
      fixed = fixed.resolve(part);
    }
    boolean relative = fixed.toString().isEmpty();
    Path root = relative ? Path.of(".") : fixed;
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pat);
    return walk(
        root,
        p ->
            !p.getFileName().toString().startsWith(".")
                && matcher.matches(relative ? root.relativize(p) : p));
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep)
      throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).filter(keep).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isCorpusFile(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.startsWith(".")) {
      return false;
    }
    String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    return CORPUS_SUFFIXES.stream().anyMatch(base::endsWith);
  }
}
