/** The storage module's engines: validation of the storage components. Users never need to import it. */
package dev.shipshape.storage.internal;
