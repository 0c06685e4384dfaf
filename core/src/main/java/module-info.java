/**
 * Shipshape core: cluster specs, components, validated and ordered plans, executors, diff and findings.
 *
 * <p>Exports the API packages only; the engines in {@code dev.shipshape.core.internal.*} are not exported.
 * fabric8's model and client API and Jackson's tree model appear in the API, so users read them through this
 * module. The embedded API server ({@code dev.shipshape.core.embedded}) needs fabric8's
 * {@code kubernetes-server-mock} at run time, which users add themselves.
 */
module dev.shipshape.core {
  requires transitive kubernetes.client.api;
  requires transitive kubernetes.model.core;
  requires transitive com.fasterxml.jackson.databind;
  requires kubernetes.client;
  // HTTP/2 for the clients of KubernetesExecutor.clientFor (internal.client).
  requires kubernetes.httpclient.vertx;
  requires io.vertx.core;
  requires io.netty.handler;
  requires static io.vertx.codegen;
  // fabric8's serialization registers Jackson's java.time module; fabric8's jars are automatic modules, which
  // bring in the other automatic modules but not named ones such as this.
  requires com.fasterxml.jackson.datatype.jsr310;
  requires kubernetes.model.admissionregistration;
  requires kubernetes.model.apiextensions;
  requires kubernetes.model.apps;
  requires kubernetes.model.batch;
  requires kubernetes.model.networking;
  requires kubernetes.model.policy;
  requires kubernetes.model.rbac;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.snakeyaml.engine;
  // SnakeYAML's YAML 1.1 resolver decides which strings the YAML writer quotes (internal.yaml.QuotingChecker).
  requires org.yaml.snakeyaml;
  requires org.slf4j;
  requires java.logging;
  requires static kubernetes.server.mock;
  requires static mockwebserver;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.core;
  exports dev.shipshape.core.apply;
  exports dev.shipshape.core.applyset;
  exports dev.shipshape.core.cluster;
  exports dev.shipshape.core.diff;
  exports dev.shipshape.core.embedded;
  exports dev.shipshape.core.env;
  exports dev.shipshape.core.findings;
  exports dev.shipshape.core.plan;
  exports dev.shipshape.core.preflight;
  exports dev.shipshape.core.readiness;
  exports dev.shipshape.core.step;
  exports dev.shipshape.core.versions;

  uses dev.shipshape.core.SpecCheck;
}
