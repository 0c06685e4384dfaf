/**
 * The API server's audit policy ({@code audit.k8s.io/v1} {@code Policy}, the {@code --audit-policy-file}): which
 * requests are logged, at which level, and checks of what the server refuses and of what would put Secret data in
 * the log. See "Auditing" in the Kubernetes documentation.
 */
package dev.shipshape.security.auditlog;
