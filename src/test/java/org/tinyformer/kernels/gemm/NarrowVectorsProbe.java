package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * Runs the GEMM, panel-GEMV and decode GELU checks against their plain twins in a JVM started by
 * {@link NarrowVectorsTest} with 256-bit vectors and 16 vector registers (AVX2), so that the shapes
 * the kernels choose for that species at start-up are tested on an AVX-512 machine too. Prints the
 * float lanes, then {@code ok}; a mismatch ends it with the assertion's message.
 */
final class NarrowVectorsProbe {
  private NarrowVectorsProbe() {}

  public static void main(String[] args) {
    System.out.println("float lanes " + FloatVector.SPECIES_PREFERRED.length());
    new GemmKernelTest().matchesPlainOverShapeGrid();
    new GemmKernelTest().matchesPlainAcrossCacheBlockBoundaries();
    new GemvKernelTest().vectorPathMatchesThePlainTwinOverAShapeGrid();
    new PanelGemvKernelTest().vectorPathGivesTheSameBitsAsThePlainTwin();
    new PanelGemvKernelTest().anySplitIntoPanelRangesGivesTheBitsOfTheWholeProduct();
    new PanelGemvBf16KernelTest().vectorPathGivesTheSameBitsAsThePlainTwin();
    org.tinyformer.models.gpt.DecodeGeluTest.givesTheBitsOfGeluKernelForward();
    System.out.println("ok");
  }
}
