/**
 * Test fixture only: two packages that depend on each other, so that ArchitectureTest can show its
 * cycle rule fails on a cycle. Not imported by the rules over the real code (tests are excluded).
 */
package org.tinyformer.archfixture;
