package org.tinyformer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;

/** Enforces the package layering of STYLE.md: dependencies point down only, no package cycles. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tinyformer");

  @Test
  void layersDependDownwardOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("cli")
        .definedBy("org.tinyformer.cli..")
        .layer("orchestration")
        .definedBy(
            "org.tinyformer.training..",
            "org.tinyformer.generation..",
            "org.tinyformer.visualization..",
            "org.tinyformer.io..")
        .layer("models")
        .definedBy("org.tinyformer.models..")
        .layer("nn")
        .definedBy("org.tinyformer.nn..")
        .layer("optim")
        .definedBy("org.tinyformer.optim..")
        .layer("tensor")
        .definedBy("org.tinyformer.tensor..")
        .layer("autograd")
        .definedBy("org.tinyformer.autograd..")
        .layer("kernels")
        .definedBy("org.tinyformer.kernels..")
        .layer("tokenizers")
        .definedBy("org.tinyformer.tokenizers..")
        .layer("data")
        .definedBy("org.tinyformer.data..")
        .layer("base")
        .definedBy("org.tinyformer.base..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("orchestration")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("models")
        .mayOnlyBeAccessedByLayers("cli", "orchestration")
        .whereLayer("nn")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "models")
        .whereLayer("optim")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "models")
        .whereLayer("tensor")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "models", "nn", "optim")
        .whereLayer("autograd")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "models", "nn", "optim", "tensor")
        .whereLayer("kernels")
        .mayOnlyBeAccessedByLayers(
            "cli", "orchestration", "models", "nn", "optim", "tensor", "autograd")
        .whereLayer("data")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "models")
        .whereLayer("tokenizers")
        .mayOnlyBeAccessedByLayers("cli", "orchestration", "data")
        .check(CLASSES);
  }

  @Test
  void kernelsImportOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("org.tinyformer.kernels..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "jdk.incubator.vector..", "org.tinyformer.kernels..")
        .check(CLASSES);
  }

  @Test
  void kernelFamiliesDependAsTheirPackageDocsSay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("attention")
        .definedBy("org.tinyformer.kernels.attention..")
        .layer("gemm")
        .definedBy("org.tinyformer.kernels.gemm..")
        .layer("norms")
        .definedBy("org.tinyformer.kernels.norms..")
        .layer("elementwise")
        .definedBy("org.tinyformer.kernels.elementwise..")
        .layer("runtime")
        .definedBy("org.tinyformer.kernels.runtime..")
        .whereLayer("attention")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("gemm")
        .mayOnlyBeAccessedByLayers("attention")
        .whereLayer("norms")
        .mayOnlyBeAccessedByLayers("attention")
        .whereLayer("elementwise")
        .mayOnlyBeAccessedByLayers("gemm")
        .whereLayer("runtime")
        .mayOnlyBeAccessedByLayers("attention", "gemm", "norms", "elementwise")
        .check(CLASSES);
  }

  @Test
  void baseImportsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("org.tinyformer.base..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.tinyformer.base..")
        .check(CLASSES);
  }

  /** Every package is its own slice: no cycle between any two packages, at any depth. */
  private static final SliceRule PACKAGES_FREE_OF_CYCLES =
      slices().matching("org.tinyformer.(**)").should().beFreeOfCycles();

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("org.tinyformer.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void packagesAreFreeOfCyclesAtEveryLevel() {
    PACKAGES_FREE_OF_CYCLES.check(CLASSES);
  }

  @Test
  void cycleRuleFailsOnACycleBetweenTwoPackages() {
    JavaClasses cycle = new ClassFileImporter().importPackages("org.tinyformer.archfixture");
    assertThatThrownBy(() -> PACKAGES_FREE_OF_CYCLES.check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: Slice archfixture.first -> ");
  }
}
