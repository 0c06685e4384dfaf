/** Keeping up to date: deprecated and removed Kubernetes API versions, and the supported version window. */
package dev.shipshape.core.versions;
