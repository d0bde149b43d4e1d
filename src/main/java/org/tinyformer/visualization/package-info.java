/**
 * Visualization: PNG plots (loss curves, attention heat maps) and the local web dashboard.
 *
 * <p>May import the layers below it (models down to base) and the other orchestration packages.
 */
package org.tinyformer.visualization;
