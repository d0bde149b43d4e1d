/**
 * The run dashboard: a local HTTP server (Javalin) with a read-only JSON API over run directories
 * (runs, logs, configs, downsampled series, attention, sampling, per-token loss, live events) and
 * an HTML report export; the pages are resources under {@code /dashboard}. See {@code
 * docs/dashboard.md}.
 *
 * <p>May import the layers below it (io, training's formats, generation, models) and {@code
 * visualization}.
 */
package org.tinyformer.visualization.dashboard;
