/**
 * Command-line interface: one picocli command class per {@code tinyformer <command>}.
 *
 * <p>The only package that prints usage text or exits the process. May import every other package.
 */
package org.tinyformer.cli;
