package org.tinyformer.visualization;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.models.AttentionKind;

class ReadableValuesTest {
  private static final int YELLOW = AttentionHeatmap.PALETTE[4].getRGB();
  private static final int PURPLE = AttentionHeatmap.PALETTE[0].getRGB();

  @Test
  void valuesAreBlackOnYellowCellsAndWhiteOnPurpleOnes() {
    float[][] weights = {{1, 0, 0.5f}, {0.25f, 1, 0}, {0, 0.75f, 1}};
    List<String> tokens = List.of("a", "b", "c");
    var map = new AttentionMap("t", AttentionKind.ENCODER, 0, 0, tokens, tokens, weights);
    BufferedImage image = AttentionHeatmap.render(map, 640, 560);
    int[] yellowText = textInCells(image, YELLOW);
    int[] purpleText = textInCells(image, PURPLE);
    assertThat(yellowText[0]).as("black digits on yellow").isGreaterThan(10);
    assertThat(yellowText[1]).as("white digits on yellow").isZero();
    assertThat(purpleText[1]).as("white digits on purple").isGreaterThan(10);
    assertThat(purpleText[0]).as("black digits on purple").isZero();
  }

  @Test
  void luminanceSplitsThePaletteWhereContrastDoes() {
    assertThat(ReadableValues.luminance(Color.WHITE.getRGB())).isCloseTo(1.0, within());
    assertThat(ReadableValues.luminance(Color.BLACK.getRGB())).isCloseTo(0.0, within());
    assertThat(ReadableValues.luminance(YELLOW)).isGreaterThan(ReadableValues.BLACK_TEXT_ABOVE);
    assertThat(ReadableValues.luminance(PURPLE)).isLessThan(ReadableValues.BLACK_TEXT_ABOVE);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  /**
   * Counts the text pixels ({darker, lighter} than the cell) on cells of colour {@code cell}: a
   * pixel in the plot (left of the colour bar) belongs to the cell whose colour is the first exact
   * palette colour to its left; it is text when it is no palette colour.
   */
  private static int[] textInCells(BufferedImage image, int cell) {
    double cellLuminance = ReadableValues.luminance(cell);
    int darker = 0;
    int lighter = 0;
    int plotRight = image.getWidth() * 4 / 5;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < plotRight; x++) {
        int rgb = image.getRGB(x, y);
        if (isCellColour(rgb) || cellLeftOf(image, x, y) != cell) {
          continue;
        }
        double l = ReadableValues.luminance(rgb);
        darker += l < 0.6 * cellLuminance ? 1 : 0;
        lighter += l > cellLuminance + 0.3 * (1 - cellLuminance) ? 1 : 0;
      }
    }
    return new int[] {darker, lighter};
  }

  private static int cellLeftOf(BufferedImage image, int x, int y) {
    for (int i = x - 1; i >= 0; i--) {
      if (isCellColour(image.getRGB(i, y))) {
        return image.getRGB(i, y);
      }
    }
    return 0;
  }

  private static boolean isCellColour(int rgb) {
    for (Color c : AttentionHeatmap.PALETTE) {
      if (rgb == c.getRGB()) {
        return true;
      }
    }
    return false;
  }
}
