/**
 * Engines of the mesh analysis: the index of mesh objects, live inputs and the analyzers behind
 * {@link dev.shipshape.mesh.analysis.MeshAnalyzer}.
 *
 * <p><b>Not API.</b> Types here are public only so that other packages of this module can use them; they
 * may change or go in any release, are left out of the Javadoc, and other modules must not import them
 * (every module's {@code ApiBoundariesTest} checks that).
 */
package dev.shipshape.mesh.analysis.internal;
