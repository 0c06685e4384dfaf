// The RBAC set of before.yaml, plus a Role in Java that lets alice create Deployments in shop.
Namespace shop = new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build();

Role deployer = new RoleBuilder()
    .withNewMetadata().withName("deployer").withNamespace("shop").endMetadata()
    .addNewRule().withApiGroups("apps").withResources("deployments").withVerbs("create", "update").endRule()
    .build();

RoleBinding aliceDeploys = new RoleBindingBuilder()
    .withNewMetadata().withName("alice-deploys").withNamespace("shop").endMetadata()
    .addNewSubject().withKind("User").withName("alice").withApiGroup("rbac.authorization.k8s.io").endSubject()
    .withNewRoleRef().withKind("Role").withName("deployer").withApiGroup("rbac.authorization.k8s.io").endRoleRef()
    .build();

ClusterSpec spec = ClusterSpec.builder()
    .name("team")
    .resource(shop, deployer, aliceDeploys)
    .yamlFile(scriptDir.resolve("before.yaml"))
    .build();
