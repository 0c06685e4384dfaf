/**
 * Shipshape security: least-privilege RBAC ({@code rbac}), offline RBAC analysis ({@code rbac.analysis}), Pod
 * Security admission and workload hardening ({@code pss}), a security audit of plans and clusters
 * ({@code audit}), the API server's audit policy ({@code auditlog}) and etcd protection ({@code etcd}).
 */
package dev.shipshape.security;
