/**
 * Multi-tenant platforms in a few lines: {@link dev.shipshape.tenancy.Tenant}, one namespace per tenant with its
 * labels, Pod Security level, quota, default limits, network isolation and RBAC personas.
 */
package dev.shipshape.tenancy;
