/**
 * CSI storage classes and volumes, and drift between Kubernetes and the storage backend. Nothing is here yet: the
 * module exists so that storage components have their place beside the other domains.
 */
package dev.shipshape.storage;
