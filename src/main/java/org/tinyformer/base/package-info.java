/**
 * Small shared pieces used everywhere: argument checks and the seeded random number generator.
 *
 * <p>Imports only {@code java.*}.
 */
package org.tinyformer.base;
