package dev.shipshape.core.apply;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small tenant: Namespace, ServiceAccount, ConfigMap, Secret, Role and RoleBinding, Deployment, Service, and a
 * CRD with one custom resource. Tests change or drop single documents to make the next revision of the spec.
 */
final class ShopSpec {
  /** The Secret's value; it must never appear in a diff, report or message. */
  static final String TOKEN = "s3cr3t-t0ken-value";

  private final Map<String, String> documents = new LinkedHashMap<>();

  private ShopSpec() {}

  static ShopSpec full() {
    ShopSpec spec = new ShopSpec();
    spec.documents.put("namespace", """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        """);
    spec.documents.put("serviceaccount", """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
          namespace: shop
        """);
    spec.configMap("production");
    spec.secret(TOKEN);
    spec.documents.put("role", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: web
          namespace: shop
        rules:
        - apiGroups: [""]
          resources: ["configmaps"]
          verbs: ["get", "list"]
        """);
    spec.documents.put("rolebinding", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: web
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: web
        subjects:
        - kind: ServiceAccount
          name: web
          namespace: shop
        """);
    spec.deployment("nginx:1.27");
    spec.documents.put("service", """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 8080
        """);
    spec.documents.put("crd", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            kind: Widget
            plural: widgets
            singular: widget
            listKind: WidgetList
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """);
    spec.documents.put("widget", """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: blue
          namespace: shop
        spec:
          colour: blue
        """);
    return spec;
  }

  ShopSpec configMap(String mode) {
    documents.put("configmap", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
          namespace: shop
        data:
          mode: %s
        """.formatted(mode));
    return this;
  }

  ShopSpec secret(String token) {
    documents.put("secret", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-token
          namespace: shop
        type: Opaque
        stringData:
          token: %s
        """.formatted(token));
    return this;
  }

  ShopSpec deployment(String image) {
    documents.put("deployment", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              serviceAccountName: web
              containers:
              - name: web
                image: %s
                ports:
                - containerPort: 8080
        """.formatted(image));
    return this;
  }

  ShopSpec without(String... names) {
    for (String name : names) {
      if (documents.remove(name) == null) throw new IllegalArgumentException("no document " + name);
    }
    return this;
  }

  Plan plan() {
    return ClusterSpec.builder().name("shop").yaml(String.join("---\n", documents.values())).build().plan();
  }
}
