/**
 * Named public datasets, downloaded once into a user cache directory: HTTP with resumption of an
 * interrupted download (Range), a checksum verified before the file is renamed into place, and a
 * progress bar.
 *
 * <p>Independent of tensors. May import base.
 */
package org.tinyformer.data.download;
