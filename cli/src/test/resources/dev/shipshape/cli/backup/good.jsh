// A tenant namespace backed up daily to an S3 bucket.
Namespace velero = new NamespaceBuilder().withNewMetadata().withName("velero").endMetadata().build();
Namespace t1 = new NamespaceBuilder().withNewMetadata().withName("t1").endMetadata().build();

BackupStorageLocation primary = BackupStorageLocation.builder()
    .name("primary")
    .bucket("backups")
    .prefix("prod")
    .region("us-east-1")
    .defaultLocation(true)
    .build();

ClusterSpec spec = ClusterSpec.builder()
    .name("backups")
    .resource(velero, t1)
    .component(primary, VeleroSchedule.daily("t1-daily").namespaces("t1").storageLocation("primary").build())
    .preExistingCrd(Velero.CRDS)    // installed with Velero itself
    .build();
