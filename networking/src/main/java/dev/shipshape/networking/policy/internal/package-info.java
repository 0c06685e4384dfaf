/**
 * CIDR parsing, shared by the NetworkPolicy, reachability and kube-proxy checks (port names follow core's
 * {@code Names.checkPortName}).
 *
 * <p><b>Not API.</b> Types here are public only so that other packages of this module can use them; they
 * may change or go in any release and are left out of the Javadoc. The module does not export this package, so
 * other modules cannot use them on the module path; on the class path, every module's {@code ApiBoundariesTest}
 * checks that no other module imports them.
 */
package dev.shipshape.networking.policy.internal;
