package dev.shipshape.mesh.analysis.internal;

import java.util.Set;

/** One analysis, named as {@code istioctl analyze --list-analyzers} names Istio's equivalent. */
public interface Analyzer {
  /** The registered name, such as {@code virtualservice.GatewayAnalyzer}. */
  String name();

  /** The kinds it reads; it sees no others. */
  Set<String> kinds();

  void analyze(MeshIndex index, Reporter out);
}
