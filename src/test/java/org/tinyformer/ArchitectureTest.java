package org.tinyformer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Enforces the package layering of STYLE.md: dependencies point down only. */
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
        .layer("text")
        .definedBy("org.tinyformer.tokenizers..", "org.tinyformer.data..")
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
        .whereLayer("text")
        .mayOnlyBeAccessedByLayers("cli", "orchestration")
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
  void baseImportsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("org.tinyformer.base..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.tinyformer.base..")
        .check(CLASSES);
  }
}
