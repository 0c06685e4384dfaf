// The N-tenant workload (6 cluster-wide objects and 17 per tenant) as one cdk8s chart of ApiObjects, synthesized to
// OUT_DIR/workload.k8s.yaml. Usage: node workload.js N OUT_DIR
const { App, Chart, ApiObject } = require('cdk8s');

const tenants = Number(process.argv[2] || 1000);
const app = new App({ outdir: process.argv[3] || 'dist' });
const chart = new Chart(app, 'workload', { disableResourceNameHashes: true });
let id = 0;
const add = (apiVersion, kind, metadata, body) =>
  new ApiObject(chart, `o${id++}`, { apiVersion, kind, metadata, ...body });

add('v1', 'Namespace', { name: 'velero' });
add('storage.k8s.io/v1', 'StorageClass', { name: 'fast-retain' }, {
  provisioner: 'csi.example.com', reclaimPolicy: 'Retain', allowVolumeExpansion: true,
  volumeBindingMode: 'WaitForFirstConsumer',
});
add('v1', 'ConfigMap', { name: 'kube-proxy', namespace: 'kube-system' }, {
  data: {
    'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n'
      + 'ipvs:\n  scheduler: rr\n  strictARP: true\n',
  },
});
add('velero.io/v1', 'BackupStorageLocation', { name: 'default', namespace: 'velero' }, {
  spec: {
    provider: 'aws', objectStorage: { bucket: 'backups' },
    config: { region: 'gra', s3ForcePathStyle: 'true', s3Url: 'https://s3.gra.example.com' },
  },
});
add('security.istio.io/v1', 'PeerAuthentication', { name: 'default', namespace: 'istio-system' }, {
  spec: { mtls: { mode: 'STRICT' } },
});
add('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'tenant-viewer' }, {
  rules: [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
});

const web = { app: 'web' };
const allPods = {};
for (let i = 0; i < tenants; i++) {
  const ns = `t${i}`;
  const meta = (name) => ({ name, namespace: ns });
  add('v1', 'Namespace', { name: ns, labels: { tenant: ns, 'pod-security.kubernetes.io/enforce': 'restricted' } });
  add('v1', 'ResourceQuota', meta('quota'), {
    spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' } },
  });
  add('v1', 'LimitRange', meta('limits'), {
    spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] },
  });
  const policy = (name, spec) => add('networking.k8s.io/v1', 'NetworkPolicy', meta(name), { spec });
  policy('default-deny', { podSelector: allPods, policyTypes: ['Ingress', 'Egress'] });
  policy('allow-dns', {
    podSelector: allPods, policyTypes: ['Egress'],
    egress: [{
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }],
  });
  policy('allow-same-namespace', {
    podSelector: allPods, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: allPods }] }],
  });
  policy('allow-ingress-controller', {
    podSelector: { matchLabels: web }, policyTypes: ['Ingress'],
    ingress: [{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }],
  });
  add('v1', 'ServiceAccount', meta('web'));
  add('rbac.authorization.k8s.io/v1', 'Role', meta('web-reader'), {
    rules: [{
      apiGroups: [''], resources: ['configmaps', 'secrets'], resourceNames: ['web-config'],
      verbs: ['get', 'list', 'watch'],
    }],
  });
  add('rbac.authorization.k8s.io/v1', 'RoleBinding', meta('web-reader'), {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web-reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: ns }],
  });
  add('rbac.authorization.k8s.io/v1', 'RoleBinding', meta('tenant-viewers'), {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tenant-viewer' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${ns}-devs` }],
  });
  const probe = { httpGet: { path: '/healthz', port: 8080 } };
  add('apps/v1', 'Deployment', meta('web'), {
    spec: {
      replicas: 2, selector: { matchLabels: web },
      template: {
        metadata: { labels: web },
        spec: {
          serviceAccountName: 'web',
          containers: [{
            name: 'web', image: 'registry.example.com/web:1.4.2',
            ports: [{ containerPort: 8080, name: 'http' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            readinessProbe: probe, livenessProbe: probe,
            securityContext: {
              runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
        },
      },
    },
  });
  add('v1', 'Service', meta('web'), {
    spec: { selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  add('policy/v1', 'PodDisruptionBudget', meta('web'), { spec: { minAvailable: 1, selector: { matchLabels: web } } });
  add('velero.io/v1', 'Schedule', { name: `${ns}-daily`, namespace: 'velero' }, {
    spec: {
      schedule: '0 3 * * *',
      template: {
        includedNamespaces: [ns], ttl: '720h0m0s', snapshotVolumes: true,
        hooks: {
          resources: [{
            name: 'freeze', includedNamespaces: [ns], labelSelector: { matchLabels: web },
            pre: [{ exec: { container: 'web', command: ['/bin/sh', '-c', 'sync'], onError: 'Fail', timeout: '30s' } }],
          }],
        },
      },
    },
  });
  add('networking.istio.io/v1', 'DestinationRule', meta('web'), {
    spec: {
      host: `web.${ns}.svc.cluster.local`,
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    },
  });
  add('networking.istio.io/v1', 'VirtualService', meta('web'), {
    spec: {
      hosts: ['web'],
      http: [
        { match: [{ headers: { 'x-canary': { exact: 'true' } } }], route: [{ destination: { host: 'web', subset: 'v2' } }] },
        {
          route: [
            { destination: { host: 'web', subset: 'v1' }, weight: 90 },
            { destination: { host: 'web', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  });
}
app.synth();
