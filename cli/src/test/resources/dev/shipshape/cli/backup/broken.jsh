// A schedule with an hour that does not exist, naming a storage location the spec does not have.
Namespace velero = new NamespaceBuilder().withNewMetadata().withName("velero").endMetadata().build();
Namespace t1 = new NamespaceBuilder().withNewMetadata().withName("t1").endMetadata().build();

ClusterSpec spec = ClusterSpec.builder()
    .name("backups")
    .resource(velero, t1)
    .component(VeleroSchedule.builder().name("t1-nightly").schedule("0 25 * * *").namespaces("t1")
        .storageLocation("primary").build())
    .build();
