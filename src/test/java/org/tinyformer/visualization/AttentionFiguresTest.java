package org.tinyformer.visualization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.models.AttentionKind;

class AttentionFiguresTest {
  @TempDir Path dir;

  static AttentionMap map(String task, AttentionKind kind, int layer, int head, boolean anti) {
    List<String> in = List.of("5", "7", "9", "2");
    List<String> out = anti ? List.of("2", "9", "7", "5") : in;
    float[][] w = new float[4][4];
    for (int q = 0; q < 4; q++) {
      for (int k = 0; k < 4; k++) {
        w[q][k] = (anti ? k == 3 - q : k == q) ? 0.85f : 0.05f;
      }
    }
    return new AttentionMap(task, kind, layer, head, out, in, w);
  }

  private static BufferedImage written(BufferedImage image, Path path) throws IOException {
    Png.write(image, path);
    BufferedImage back = ImageIO.read(path.toFile());
    assertThat(back).as("decoded " + path).isNotNull();
    return back;
  }

  @Test
  void singleHeatmapIsWrittenAndDecodesAtItsSize() throws IOException {
    BufferedImage img =
        written(
            AttentionFigures.single(map("reverse", AttentionKind.CROSS, 1, 0, true)),
            dir.resolve("sub/single.png"));
    assertThat(img.getWidth()).isEqualTo(AttentionFigures.SINGLE_WIDTH);
    assertThat(img.getHeight()).isEqualTo(AttentionFigures.SINGLE_HEIGHT);
  }

  @Test
  void titleNamesTaskLayerHeadAndKind() {
    assertThat(map("reverse", AttentionKind.CROSS, 1, 0, true).title())
        .isEqualTo("reverse · layer 1 · head 0 · cross-attention");
    assertThat(map("copy", AttentionKind.ENCODER, 0, AttentionMap.MEAN_OF_HEADS, false).title())
        .isEqualTo("copy · layer 0 · mean of heads · encoder self-attention");
    assertThat(map("", AttentionKind.DECODER, 2, 3, false).title())
        .isEqualTo("layer 2 · head 3 · decoder self-attention");
  }

  @Test
  void headsOfLayerTileIntoAGridUnderAFigureTitle() throws IOException {
    List<AttentionMap> heads = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      heads.add(map("copy", AttentionKind.CROSS, 1, h, h % 2 == 1));
    }
    BufferedImage img = written(AttentionFigures.headsOfLayer(heads), dir.resolve("heads.png"));
    assertThat(img.getWidth()).isEqualTo(4 * AttentionFigures.PANEL_WIDTH);
    assertThat(img.getHeight())
        .isEqualTo(ImageGrid.TITLE_HEIGHT + 2 * AttentionFigures.PANEL_HEIGHT);
  }

  @Test
  void headAcrossLayersHasOnePanelPerLayer() throws IOException {
    List<AttentionMap> layers =
        List.of(
            map("sort", AttentionKind.ENCODER, 0, 1, false),
            map("sort", AttentionKind.ENCODER, 1, 1, false),
            map("sort", AttentionKind.ENCODER, 2, 1, true));
    BufferedImage img =
        written(AttentionFigures.headAcrossLayers(layers), dir.resolve("layers.png"));
    assertThat(img.getWidth()).isEqualTo(3 * AttentionFigures.PANEL_WIDTH);
  }

  @Test
  void comparisonPutsTwoTasksSideBySide() throws IOException {
    AttentionMap copy = map("copy", AttentionKind.CROSS, 1, AttentionMap.MEAN_OF_HEADS, false);
    AttentionMap reverse = map("reverse", AttentionKind.CROSS, 1, AttentionMap.MEAN_OF_HEADS, true);
    assertThat(AttentionFigures.comparisonTitle(copy, reverse))
        .isEqualTo("copy vs reverse · cross-attention");
    BufferedImage img =
        written(AttentionFigures.comparison(copy, reverse), dir.resolve("compare.png"));
    assertThat(img.getWidth()).isEqualTo(2 * AttentionFigures.SINGLE_WIDTH);
    assertThat(img.getHeight()).isEqualTo(ImageGrid.TITLE_HEIGHT + AttentionFigures.SINGLE_HEIGHT);
  }

  @Test
  void headsOfDifferentLayersAreRejected() {
    assertThatThrownBy(
            () ->
                AttentionFigures.headsOfLayer(
                    List.of(
                        map("copy", AttentionKind.CROSS, 0, 0, false),
                        map("copy", AttentionKind.CROSS, 1, 1, false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "attention figure: all heads must share layer and kind: expected layer 0 cross, got"
                + " layer 1 cross");
  }

  @Test
  void mapRejectsRowsThatDoNotMatchTheTokens() {
    assertThatThrownBy(
            () ->
                new AttentionMap(
                    "copy",
                    AttentionKind.CROSS,
                    0,
                    0,
                    List.of("a", "b"),
                    List.of("a"),
                    new float[][] {{1f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attention map: expected 2 rows (one per query token), got 1");
  }

  @Test
  void kindParsesCommandLineWords() {
    assertThat(AttentionKind.parse("Cross")).isEqualTo(AttentionKind.CROSS);
    assertThatThrownBy(() -> AttentionKind.parse("self"))
        .hasMessage("attention kind: expected one of encoder, decoder, cross, got 'self'");
  }

  @Test
  void gridColumnsKeepAtMostFourPerRow() {
    assertThat(ImageGrid.columnsFor(1)).isEqualTo(1);
    assertThat(ImageGrid.columnsFor(4)).isEqualTo(4);
    assertThat(ImageGrid.columnsFor(6)).isEqualTo(3);
    assertThat(ImageGrid.columnsFor(8)).isEqualTo(4);
    assertThat(ImageGrid.columnsFor(12)).isEqualTo(4);
  }
}
