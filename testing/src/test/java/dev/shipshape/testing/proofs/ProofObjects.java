package dev.shipshape.testing.proofs;

/** The YAML documents the proofs build their specs from, each ending with a line break. */
final class ProofObjects {
  private ProofObjects() {}

  /** A Namespace. */
  static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s}
        """.formatted(name);
  }

  /**
   * The Deployment {@code web} (label {@code app: web}, one unprivileged nginx container), with {@code specFields}
   * (one or more lines, indented by two spaces after the first, such as {@code replicas: 2}) in its {@code spec}
   * and {@code containerFields} (empty, or starting with a comma) in its container.
   */
  static String webDeployment(String namespace, String specFields, String containerFields) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          %s
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginxinc/nginx-unprivileged:1.27"%s}]
        """.formatted(namespace, specFields, containerFields);
  }

  /**
   * A namespaced CustomResourceDefinition of version {@code v1} with a status subresource, whose schema declares
   * {@code specProperties} (an inline YAML map body, such as {@code size: {type: integer}}) under {@code spec} and
   * a string {@code phase} under {@code status}.
   */
  static String crd(String group, String plural, String singular, String kind, String specProperties) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: %2$s.%1$s}
        spec:
          group: %1$s
          scope: Namespaced
          names: {plural: %2$s, singular: %3$s, kind: %4$s}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {type: object, properties: {%5$s}}
                  status: {type: object, properties: {phase: {type: string}}}
        """.formatted(group, plural, singular, kind, specProperties);
  }
}
