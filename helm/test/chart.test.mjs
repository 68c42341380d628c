// Tests over the chart's rendered manifests (`helm template`, parsed as Kubernetes does: YAML 1.1) and its values
// schema. helm/check runs them with Node's test runner; helm and the yaml parser come from npm into helm/.tools.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const helmDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const chart = path.join(helmDir, 'gavel');
const tools = path.join(helmDir, '.tools');
const YAML = createRequire(path.join(tools, 'node_modules', 'index.js'))('yaml');
const helm = process.env.HELM ?? path.join(tools, 'helm', 'helm');
const fullValues = path.join(helmDir, 'test', 'full-values.yaml');
const NAMESPACE = 'auctions';
const DATABASE = ['--set', 'database.url=jdbc:postgresql://postgres:5432/gavel'];

function helmRun(args) {
  return spawnSync(helm, args, { encoding: 'utf8' });
}

/** The objects `helm template` renders with the required value and `args`. */
function render(...args) {
  const out = execFileSync(helm, ['template', 'gavel', chart, '--namespace', NAMESPACE, ...DATABASE, ...args], {
    encoding: 'utf8',
  });
  return YAML.parseAllDocuments(out, { version: '1.1' })
    .map((doc) => doc.toJS())
    .filter(Boolean);
}

const full = () => render('--values', fullValues);
const only = (objects, kind) => objects.filter((o) => o.kind === kind);
const one = (objects, kind, name) => {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `one ${kind}${name ? ' ' + name : ''}, found ${found.length}`);
  return found[0];
};
const podSpec = (objects) => one(objects, 'Deployment').spec.template.spec;
const container = (objects) => podSpec(objects).containers[0];
const config = (objects) => JSON.parse(one(objects, 'ConfigMap', 'gavel').data['application.json']);
const env = (objects) => Object.fromEntries(container(objects).env.map((e) => [e.name, e.value ?? e.valueFrom]));

/** `helm template` fails, and says why through the values schema. */
function refused(args, ...expected) {
  const result = helmRun(['template', 'gavel', chart, ...args]);
  assert.notEqual(result.status, 0, `helm template ${args.join(' ')} rendered`);
  assert.match(result.stderr, /values don't meet the specifications of the schema/);
  for (const text of expected) {
    assert.ok(result.stderr.includes(text), `the refusal names ${text}:\n${result.stderr}`);
  }
}

test('the chart lints strictly, with the defaults and with every option on', () => {
  for (const args of [DATABASE, ['--values', fullValues]]) {
    const result = helmRun(['lint', '--strict', chart, ...args]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
  }
});

test('a bad address fails through the schema', () => {
  const chain = ['--set', 'chain.rpcUrl=http://l2:8545', '--set', 'chain.settlementAddress=0x' + '22'.repeat(20)];
  refused([...DATABASE, ...chain, '--set', 'chain.hubAddress=0x01'], '/chain/hubAddress', "'0x01'");
  refused([...DATABASE, '--set', 'auction.settlementContract=0x123'], '/auction/settlementContract');
  refused([...DATABASE, '--set', 'auction.policy.beneficiary=0x' + 'zz'.repeat(20)], '/auction/policy/beneficiary');
  refused([...DATABASE, '--set', 'auction.builders={0x01}'], '/auction/builders/0');
  refused([...DATABASE, '--set', 'chain.rpcUrl=http://l2:8545'], '/chain', 'hubAddress');
});

test('the schema refuses what cannot run: missing keys, bad durations, sizes and ports, more than a pair', () => {
  refused([], '/database/url');
  refused([...DATABASE, '--set', 'replicaCount=3'], '/replicaCount');
  refused([...DATABASE, '--set', 'ports.engine=70000'], '/ports/engine');
  refused([...DATABASE, '--set', 'chain.pollInterval=2 seconds'], '/chain/pollInterval');
  refused([...DATABASE, '--set', 'settlement.maxBatchAge=30'], '/settlement/maxBatchAge');
  refused([...DATABASE, '--set', 'bids.maxBodySize=8 megabytes'], '/bids/maxBodySize');
  refused([...DATABASE, '--set', 'secrets.jwt.existingSecret='], '/secrets/jwt/existingSecret');
  refused([...DATABASE, '--set', 'settlement.enabled=true'], '/chain');
  refused([...DATABASE, '--set', 'engine.service.type=LoadBalancer'], '/engine/service/type');
  refused([...DATABASE, '--set', 'networkPolicy.engineApi.from=null'], '/networkPolicy/engineApi');
  refused([...DATABASE, '--set', 'attestation.builders[0].name=b', '--set', 'attestation.builders[0].quoteFile=b.quote'],
    '/attestation');
  refused([...DATABASE, '--set', 'dataDir=/data'], '/dataDir');
  refused([...DATABASE, '--set', 'databse.url=jdbc:postgresql://typo/gavel'], 'databse');
});

test('one replica, replaced by Recreate: never two auctioneers for one sequencer', () => {
  const deployment = one(render(), 'Deployment');
  assert.equal(deployment.spec.replicas, 1);
  assert.equal(deployment.spec.strategy.type, 'Recreate');
  const image = container(render()).image;
  const chartYaml = YAML.parse(readFileSync(path.join(chart, 'Chart.yaml'), 'utf8'));
  assert.equal(image, `gavel:${chartYaml.appVersion}`);
});

test('a pair: each pod labels itself with its lease role, the Engine API selects the active one, updates roll', () => {
  const lone = render();
  assert.equal(config(lone).gavel.lease['label-pod'], false);
  assert.equal(podSpec(lone).automountServiceAccountToken, false);
  assert.equal(only(lone, 'Role').length, 0);
  assert.equal(one(lone, 'Service', 'gavel-engine').spec.selector['gavel.dev/role'], undefined);

  const pair = render('--set', 'replicaCount=2');
  const deployment = one(pair, 'Deployment');
  assert.equal(deployment.spec.replicas, 2);
  assert.deepEqual(deployment.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  assert.equal(config(pair).gavel.lease['label-pod'], true);
  assert.equal(podSpec(pair).automountServiceAccountToken, true);
  assert.deepEqual(env(pair).POD_NAME, { fieldRef: { fieldPath: 'metadata.name' } });
  assert.equal(env(pair).MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE, 'readinessState,auction');
  assert.equal(one(pair, 'Service', 'gavel-engine').spec.selector['gavel.dev/role'], 'active');
  assert.equal(one(pair, 'Service', 'gavel-builders').spec.selector['gavel.dev/role'], 'active', 'bids go where the rounds are');
  assert.equal(one(pair, 'Service', 'gavel-metrics').spec.selector['gavel.dev/role'], undefined, 'both are scraped');
  const role = one(pair, 'Role');
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'patch'] }]);
  const binding = one(pair, 'RoleBinding');
  assert.equal(binding.roleRef.name, role.metadata.name);
  assert.equal(binding.subjects[0].name, podSpec(pair).serviceAccountName);
});

test("the chart's appVersion is the Maven project version, the tag ./gavel image gives the image", () => {
  const pom = readFileSync(path.join(helmDir, '..', 'pom.xml'), 'utf8');
  const version = pom.match(/<artifactId>gavel<\/artifactId>\s*<version>([^<]+)<\/version>/)[1];
  const chartYaml = YAML.parse(readFileSync(path.join(chart, 'Chart.yaml'), 'utf8'));
  assert.equal(chartYaml.appVersion, version);
});

test('the pod runs as non-root on a read-only root with an emptyDir /tmp, no capabilities, seccomp, no token', () => {
  for (const objects of [render(), full()]) {
    const pod = podSpec(objects);
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.ok(pod.securityContext.runAsUser > 0);
    assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal(pod.enableServiceLinks, false, 'a Service named gavel-engine would set GAVEL_ENGINE_PORT');
    const security = container(objects).securityContext;
    assert.equal(security.runAsNonRoot, true);
    assert.equal(security.readOnlyRootFilesystem, true);
    assert.equal(security.allowPrivilegeEscalation, false);
    assert.equal(security.privileged, false);
    assert.deepEqual(security.capabilities, { drop: ['ALL'] });
    assert.equal(security.seccompProfile.type, 'RuntimeDefault');
    const tmp = container(objects).volumeMounts.find((m) => m.mountPath === '/tmp');
    assert.ok(pod.volumes.find((v) => v.name === tmp.name).emptyDir, '/tmp is an emptyDir');
    assert.ok(env(objects).GAVEL_DATA_DIR.startsWith('/tmp/'), 'the data directory is writable');
    const account = one(objects, 'ServiceAccount');
    assert.equal(pod.serviceAccountName, account.metadata.name);
    assert.equal(account.automountServiceAccountToken, false);
  }
});

test('startup, liveness and readiness probes ask the management port; resources are set', () => {
  const gavel = container(render());
  const management = gavel.ports.find((p) => p.name === 'management');
  assert.equal(management.containerPort, 9090);
  assert.equal(env(render()).GAVEL_MANAGEMENT_PORT, '9090');
  assert.equal(gavel.startupProbe.httpGet.path, '/actuator/health/liveness');
  assert.equal(gavel.livenessProbe.httpGet.path, '/actuator/health/liveness');
  assert.equal(gavel.readinessProbe.httpGet.path, '/actuator/health/readiness');
  for (const probe of [gavel.startupProbe, gavel.livenessProbe, gavel.readinessProbe]) {
    assert.equal(probe.httpGet.port, 'management');
  }
  assert.ok(gavel.resources.requests.cpu && gavel.resources.requests.memory && gavel.resources.limits.memory);
});

test('every key comes from an existing Secret, mounted read-only with mode 0400, and the configuration names it', () => {
  const objects = full();
  assert.equal(only(objects, 'Secret').length, 0, 'the chart creates no Secret');
  const pod = podSpec(objects);
  const mounts = container(objects).volumeMounts;
  const fileOf = (secretName) => {
    const volume = pod.volumes.find((v) => v.secret && v.secret.secretName === secretName);
    assert.ok(volume, `Secret ${secretName} is mounted`);
    assert.equal(volume.secret.defaultMode, 0o400, `${secretName} has mode 0400`);
    const mount = mounts.find((m) => m.name === volume.name);
    assert.equal(mount.readOnly, true);
    assert.equal(volume.secret.items.length, 1);
    return `${mount.mountPath}/${volume.secret.items[0].path}`;
  };
  const gavel = config(objects).gavel;
  assert.equal(env(objects).GAVEL_JWT_SECRET_FILE, fileOf('gavel-jwt'));
  assert.equal(gavel.auction['key-file'], fileOf('gavel-auction-key'));
  assert.equal(gavel.database['password-file'], fileOf('gavel-database'));
  assert.equal(gavel.settlement['settler-key-file'], fileOf('gavel-settler-key'));
  assert.equal(gavel.settlement['sequencer-key-file'], fileOf('gavel-sequencer-key'));
  const secretVolumes = pod.volumes.filter((v) => v.secret);
  assert.equal(secretVolumes.length, 5, 'no other Secret is mounted');
  const withoutSettlement = podSpec(render()).volumes.filter((v) => v.secret).map((v) => v.secret.secretName);
  assert.deepEqual(withoutSettlement.sort(), ['gavel-auction-key', 'gavel-database', 'gavel-jwt']);
});

test('three Services: the Engine API internal, the builders API (TCP passthrough optional), metrics on management', () => {
  const objects = render();
  const selector = one(objects, 'Deployment').spec.selector.matchLabels;
  const services = only(objects, 'Service');
  assert.deepEqual(services.map((s) => s.metadata.name).sort(), ['gavel-builders', 'gavel-engine', 'gavel-metrics']);
  const ports = (name) => one(objects, 'Service', name).spec.ports.map((p) => [p.targetPort, p.port]);
  assert.deepEqual(ports('gavel-engine'), [['engine', 8551]]);
  assert.deepEqual(ports('gavel-builders'), [['builders', 8080]]);
  assert.deepEqual(ports('gavel-metrics'), [['management', 9090]]);
  for (const service of services) {
    assert.deepEqual(service.spec.selector, selector);
  }
  assert.equal(one(objects, 'Service', 'gavel-engine').spec.type, 'ClusterIP');
  assert.equal(one(objects, 'Service', 'gavel-metrics').spec.type, 'ClusterIP');
  assert.equal(one(objects, 'Service', 'gavel-builders').spec.ports[0].appProtocol, 'http');
  const builders = one(full(), 'Service', 'gavel-builders').spec;
  assert.equal(builders.type, 'LoadBalancer');
  assert.equal(builders.ports[0].appProtocol, 'tcp');
  assert.equal(builders.externalTrafficPolicy, 'Local');
  assert.deepEqual(builders.loadBalancerSourceRanges, ['203.0.113.0/24']);
});

test('the NetworkPolicy admits only rollup-boost to the Engine API (configurable), anyone to the builders API', () => {
  const policyOf = (objects) => one(objects, 'NetworkPolicy');
  const rule = (policy, port) => policy.spec.ingress.find((r) => r.ports.some((p) => p.port === port));
  const policy = policyOf(render());
  assert.deepEqual(policy.spec.podSelector.matchLabels, one(render(), 'Deployment').spec.selector.matchLabels);
  assert.deepEqual(policy.spec.policyTypes, ['Ingress']);
  assert.deepEqual(rule(policy, 'engine').from, [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rollup-boost' } } }]);
  assert.equal(rule(policy, 'builders').from, undefined, 'the public API admits every source');
  const management = rule(policy, 'management').from;
  const testPod = one(render(), 'Pod').metadata.labels;
  assert.ok(
    management.some((peer) => peer.podSelector &&
      Object.entries(peer.podSelector.matchLabels).every(([k, v]) => testPod[k] === v)),
    'the helm test pod may ask for health',
  );
  assert.deepEqual(rule(policyOf(full()), 'engine').from, [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'sequencer' } },
      podSelector: { matchLabels: { app: 'my-rollup-boost' } },
    },
  ]);
  const ports = policy.spec.ingress.flatMap((r) => r.ports.map((p) => p.port)).sort();
  assert.deepEqual(ports, ['builders', 'engine', 'management'], 'every container port has its rule, no other');
  assert.equal(only(render('--set', 'networkPolicy.enabled=false'), 'NetworkPolicy').length, 0);
});

test('ServiceMonitor and PrometheusRule are optional; the monitor scrapes the metrics Service', () => {
  assert.equal(only(render(), 'ServiceMonitor').length, 0);
  assert.equal(only(render(), 'PrometheusRule').length, 0);
  const objects = full();
  const monitor = one(objects, 'ServiceMonitor');
  const metrics = one(objects, 'Service', 'gavel-metrics');
  for (const [key, value] of Object.entries(monitor.spec.selector.matchLabels)) {
    assert.equal(metrics.metadata.labels[key], value, `the monitor selects the metrics Service by ${key}`);
  }
  assert.notEqual(one(objects, 'Service', 'gavel-builders').metadata.labels['app.kubernetes.io/component'], 'metrics');
  assert.deepEqual(monitor.spec.endpoints.map((e) => [e.port, e.path]), [['management', '/actuator/prometheus']]);
  const rules = one(objects, 'PrometheusRule').spec.groups.flatMap((g) => g.rules);
  assert.ok(rules.length >= 5);
  for (const rule of rules.filter((r) => r.alert !== 'MyOwnRule')) {
    assert.match(rule.expr, /job="gavel-metrics", namespace="auctions"/, `${rule.alert} selects this release`);
    assert.ok(rule.labels.severity && rule.annotations.summary, `${rule.alert} has a severity and a summary`);
  }
  assert.ok(rules.some((r) => r.alert === 'MyOwnRule'), 'rules of ones own are added');
  const expr = (alert) => rules.find((r) => r.alert === alert).expr;
  assert.match(expr('GavelGetPayloadSlow'), /> 0\.4$/, 'the getPayload threshold is the value');
  assert.match(expr('GavelMirrorBehind'), /> 32$/);
  assert.match(expr('GavelSettlerBalanceLow'), /< 0\.5 \* 1e18$/);
  assert.match(expr('GavelJwtRejected'), /gavel_engine_jwt_rejected_total/);
  assert.match(expr('GavelBidsShed'), /status="503"/);
});

test('the Grafana dashboard is optional, labelled for the sidecar, and is the chart\'s dashboard file', () => {
  assert.equal(only(render(), 'ConfigMap').length, 1, 'no dashboard by default');
  const dashboard = one(full(), 'ConfigMap', 'gavel-dashboard');
  assert.equal(dashboard.metadata.labels.grafana_dashboard, '1');
  assert.equal(dashboard.metadata.annotations.grafana_folder, 'Auctions');
  const json = JSON.parse(dashboard.data['gavel.json']);
  assert.deepEqual(json, JSON.parse(readFileSync(path.join(chart, 'dashboards', 'gavel.json'), 'utf8')));
  assert.ok(json.panels.some((p) => p.targets.some((t) => t.expr.includes('engine_getPayload'))), 'getPayload p99 is on it');
  const labelled = one(render('--set', 'metrics.dashboard.enabled=true', '--set', 'metrics.dashboard.labels.team=ops'), 'ConfigMap', 'gavel-dashboard');
  assert.equal(labelled.metadata.labels.team, 'ops');
});

test('a PodDisruptionBudget selects the pod: maxUnavailable 1 by default, minAvailable when set', () => {
  const pdb = one(render(), 'PodDisruptionBudget');
  assert.deepEqual(pdb.spec.selector.matchLabels, one(render(), 'Deployment').spec.selector.matchLabels);
  assert.equal(pdb.spec.maxUnavailable, 1);
  const strict = one(full(), 'PodDisruptionBudget').spec;
  assert.equal(strict.minAvailable, 1);
  assert.equal(strict.maxUnavailable, undefined);
});

test("every setting of the README's Configuration table reaches the service", () => {
  const readme = readFileSync(path.join(helmDir, '..', 'README.md'), 'utf8');
  const table = readme.split('\n## Configuration\n')[1].split('\n## ')[0];
  const settings = [];
  for (const line of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const cell = line.split('|')[1];
    const names = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((n) => !/^[A-Z_]+$/.test(n));
    const variable = cell.match(/\(`([A-Z_]+)`\)/)?.[1];
    const parent = names[0].replace(/[^.]+$/, '');
    for (const name of names) {
      // `gavel.x.a`, `.b` and `gavel.x.a`, `b` both mean gavel.x.b
      const full = name.startsWith('gavel.') || name.startsWith('server.') || name.startsWith('management.')
        ? name
        : parent + name.replace(/^\./, '');
      settings.push({ name: full, variable });
    }
  }
  assert.ok(settings.length > 50, `the README's table was read (${settings.length} settings)`);
  const objects = full();
  const keys = new Set();
  const walk = (value, prefix) => {
    keys.add(prefix);
    if (Array.isArray(value)) value.forEach((v) => walk(v, `${prefix}[i]`));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, `${prefix}.${k}`));
  };
  Object.entries(config(objects)).forEach(([k, v]) => walk(v, k));
  const variables = env(objects);
  const missing = settings.filter((s) => !keys.has(s.name) && !(s.variable && variables[s.variable]));
  assert.deepEqual(missing, [], 'settings the chart does not set');
});

test('NOTES name the rollup-boost flags and every Secret to create', () => {
  const result = helmRun(['install', 'gavel', chart, '--namespace', NAMESPACE, '--dry-run=client', '--values', fullValues]);
  assert.equal(result.status, 0, result.stderr);
  const notes = result.stdout.split('\nNOTES:\n')[1];
  assert.ok(notes, 'helm prints NOTES');
  for (const expected of [
    '--builder-url http://gavel-engine.auctions.svc.cluster.local:8551',
    '--builder-jwt-path',
    'app.kubernetes.io/name=rollup-boost',
    'create secret generic gavel-jwt --from-file=jwt.hex=',
    'create secret generic gavel-auction-key --from-file=auction-key.hex=',
    'create secret generic gavel-database --from-literal=password=',
    'create secret generic gavel-settler-key --from-file=settler.key=',
    'create secret generic gavel-sequencer-key --from-file=sequencer.key=',
  ]) {
    assert.ok(notes.includes(expected), `NOTES say ${expected}:\n${notes}`);
  }
});

test('helm test asks for readiness on the management port, as a restricted pod', () => {
  const pod = one(render(), 'Pod');
  assert.equal(pod.metadata.annotations['helm.sh/hook'], 'test');
  assert.ok(pod.spec.containers[0].command.join(' ').includes('http://gavel-metrics:9090/actuator/health/readiness'));
  assert.equal(pod.spec.securityContext.runAsNonRoot, true);
  assert.equal(pod.spec.securityContext.seccompProfile.type, 'RuntimeDefault');
  assert.equal(pod.spec.containers[0].securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual(pod.spec.containers[0].securityContext.capabilities, { drop: ['ALL'] });
});

test("the configuration is JSON Spring reads, with the attestation ConfigMap's files", () => {
  const gavel = config(full()).gavel;
  assert.deepEqual(gavel.attestation.builders, [
    {
      name: 'builder-1',
      'quote-file': '/etc/gavel/attestation/builder-1.quote',
      'registration-data-file': '/etc/gavel/attestation/builder-1.regdata',
    },
  ]);
  assert.equal(gavel.attestation['collateral-dir'], '/etc/gavel/attestation/collateral.json');
  const fetched = config(render('--set', 'attestation.existingConfigMap=quotes')).gavel.attestation;
  assert.equal(fetched['collateral-dir'], undefined, 'by default collateral is fetched from the PCS');
  assert.equal(fetched.pcs.url, 'https://api.trustedservices.intel.com');
  const directory = config(render('--set', 'attestation.existingConfigMap=quotes', '--set', 'attestation.collateral=directory'));
  assert.equal(directory.gavel.attestation['collateral-dir'], '/etc/gavel/attestation');
  const mount = container(full()).volumeMounts.find((m) => m.mountPath === '/etc/gavel/attestation');
  assert.equal(podSpec(full()).volumes.find((v) => v.name === mount.name).configMap.name, 'gavel-attestation');
  assert.equal(gavel.chain['hub-address'], '0x5fbdb2315678afecb367f032d93f642f64180aa3');
  assert.equal(config(render()).gavel.chain, undefined, 'no chain without an RPC URL');
  assert.equal(env(full()).GAVEL_EXTRA, '1');
});
