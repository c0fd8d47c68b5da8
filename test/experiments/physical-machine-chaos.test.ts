import { Testing } from 'cdk8s';
import {
  BandwidthRate, PhysicalMachineChaosAction as A, PhysicalMachineChaosExperiment,
  PhysicalMachineChaosExperimentProps, TimeOffset,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo } from '../fixtures/experiments/podinfo';
import { acknowledgeIfRuled, blockingFindings, roundTrip } from './_compliance';

type Params = Partial<PhysicalMachineChaosExperimentProps>;
const jvm = { pid: 1234 };
const method = { ...jvm, class: 'com.example.Api', method: 'handle' };
const redis = { addr: '10.0.0.5:6379' };
const kafka = { host: 'kafka.internal', port: 9092, topic: 'orders' };

/** Every action with its parameters, and one CRD field each must become (name and value as the CRD has them). */
const ACTIONS: Record<A, [Params, string, unknown]> = {
  [A.STRESS_CPU]: [{ stressCpu: { load: 50, workers: 1 } }, 'load', 50],
  [A.STRESS_MEM]: [{ stressMem: { size: '256MB' } }, 'size', '256MB'],
  [A.DISK_READ_PAYLOAD]: [{ diskReadPayload: { size: '1G', payloadProcessNum: 2 } }, 'payload-process-num', 2],
  [A.DISK_WRITE_PAYLOAD]: [{ diskWritePayload: { size: '1G', path: '/tmp/payload', payloadProcessNum: 1 } }, 'path', '/tmp/payload'],
  [A.DISK_FILL]: [{ diskFill: { size: '1G', fillByFallocate: true } }, 'fill-by-fallocate', true],
  [A.NETWORK_CORRUPT]: [{ networkCorrupt: { device: 'eth0', percent: 5, ipAddress: '10.0.0.0/24' } }, 'ip-address', '10.0.0.0/24'],
  [A.NETWORK_DUPLICATE]: [{ networkDuplicate: { device: 'eth0', percent: 5, correlation: 10 } }, 'correlation', '10'],
  [A.NETWORK_LOSS]: [{ networkLoss: { device: 'eth0', percent: 5, egressPort: '80,443' } }, 'egress-port', '80,443'],
  [A.NETWORK_DELAY]: [{ networkDelay: { device: 'eth0', latency: GoDuration.millis(100), jitter: GoDuration.millis(10), ipProtocol: 'tcp' } }, 'latency', '100ms'],
  [A.NETWORK_PARTITION]: [{ networkPartition: { device: 'eth0', direction: 'to', ipAddress: '10.0.0.7' } }, 'direction', 'to'],
  [A.NETWORK_DNS]: [{ networkDns: { dnsDomainName: 'api.example.com', dnsIp: '10.0.0.99' } }, 'dns-domain-name', 'api.example.com'],
  [A.NETWORK_BANDWIDTH]: [{ networkBandwidth: { device: 'eth0', rate: BandwidthRate.mbps(1), limit: 20971520, buffer: 10000 } }, 'rate', '1mbps'],
  [A.NETWORK_FLOOD]: [{ networkFlood: { rate: BandwidthRate.mbps(10), duration: '30', ipAddress: '10.0.0.8', port: '5201' } }, 'rate', '10mbps'],
  [A.NETWORK_DOWN]: [{ networkDown: { device: 'eth1', duration: GoDuration.seconds(30) } }, 'duration', '30s'],
  [A.PROCESS]: [{ process: { process: 'nginx', signal: 15 } }, 'signal', 15],
  [A.JVM_EXCEPTION]: [{ jvmException: { ...method, exception: 'java.io.IOException("x")' } }, 'class', 'com.example.Api'],
  [A.JVM_GC]: [{ jvmGc: { ...jvm, port: 9288 } }, 'port', 9288],
  [A.JVM_LATENCY]: [{ jvmLatency: { ...method, latency: GoDuration.millis(500) } }, 'latency', 500],
  [A.JVM_RETURN]: [{ jvmReturn: { ...method, value: '0' } }, 'value', '0'],
  [A.JVM_STRESS]: [{ jvmStress: { ...jvm, memType: 'heap' } }, 'mem-type', 'heap'],
  [A.JVM_RULE_DATA]: [{ jvmRuleData: { ...jvm, ruleData: 'RULE x\nENDRULE' } }, 'rule-data', 'RULE x\nENDRULE'],
  [A.JVM_MYSQL]: [{ jvmMysql: { ...jvm, mysqlConnectorVersion: '8', sqlType: 'select', latency: GoDuration.seconds(1) } }, 'mysqlConnectorVersion', '8'],
  [A.CLOCK]: [{ clock: { pid: 4321, timeOffset: TimeOffset.behind(GoDuration.minutes(5)), clockIdsSlice: 'CLOCK_REALTIME' } }, 'time-offset', '-5m'],
  [A.REDIS_EXPIRATION]: [{ redisExpiration: { ...redis, expiration: '1m', key: 'session:*' } }, 'expiration', '1m'],
  [A.REDIS_PENETRATION]: [{ redisPenetration: { ...redis, requestNum: 1000 } }, 'requestNum', 1000],
  [A.REDIS_CACHE_LIMIT]: [{ redisCacheLimit: { ...redis, percent: '50%' } }, 'cacheSize', '0'],
  [A.REDIS_RESTART]: [{ redisRestart: { ...redis, conf: '/etc/redis/sentinel.conf' } }, 'conf', '/etc/redis/sentinel.conf'],
  [A.REDIS_STOP]: [{ redisStop: { ...redis, flushConfig: true } }, 'flushConfig', true],
  [A.KAFKA_FILL]: [{ kafkaFill: { ...kafka, messageSize: 1024, maxBytes: 1 << 30, reloadCommand: 'systemctl reload kafka' } }, 'maxBytes', 1 << 30],
  [A.KAFKA_FLOOD]: [{ kafkaFlood: { ...kafka, messageSize: 1024, threads: 4 } }, 'threads', 4],
  [A.KAFKA_IO]: [{ kafkaIo: { topic: 'orders', configFile: '/etc/kafka/server.properties', nonWritable: true } }, 'nonWritable', true],
  [A.FILE_CREATE]: [{ fileCreate: { fileName: '/tmp/chaos' } }, 'file-name', '/tmp/chaos'],
  [A.FILE_MODIFY]: [{ fileModify: { fileName: '/tmp/chaos', privilege: 0o400 } }, 'privilege', 0o400],
  [A.FILE_DELETE]: [{ fileDelete: { dirName: '/tmp/chaos-dir' } }, 'dir-name', '/tmp/chaos-dir'],
  [A.FILE_RENAME]: [{ fileRename: { sourceFile: '/tmp/a', destFile: '/tmp/b' } }, 'dest-file', '/tmp/b'],
  [A.FILE_APPEND]: [{ fileAppend: { fileName: '/tmp/a', data: 'chaos', count: 3 } }, 'count', 3],
  [A.FILE_REPLACE]: [{ fileReplace: { fileName: '/tmp/a', originString: 'on', destString: 'off', line: 1 } }, 'origin-string', 'on'],
  [A.VM]: [{ vm: { vmName: 'worker-3' } }, 'vm-name', 'worker-3'],
  [A.USER_DEFINED]: [{ userDefined: { attackCmd: 'systemctl stop app', recoverCmd: 'systemctl start app' } }, 'attackCmd', 'systemctl stop app'],
};

function build(action: A, params: Params) {
  const chart = Testing.chart();
  const experiment = new PhysicalMachineChaosExperiment(chart, 'machine', {
    target: podinfo(), machines: { namespace: 'machines', labels: { role: 'db' } }, action, duration: GoDuration.minutes(2), ...params,
  });
  return { chart, experiment };
}

describe('PhysicalMachineChaosExperiment', () => {
  test('the table covers every action of the CRD', () => {
    expect(Object.keys(ACTIONS)).toHaveLength(39);
  });

  test.each(Object.values(A))('%s synthesizes a compliant PhysicalMachineChaos (the machine blast radius acknowledged)', (action) => {
    const [params, field, value] = ACTIONS[action];
    const { chart, experiment } = build(action, params);
    acknowledgeIfRuled(experiment, 'CM013', 'dedicated chaos test machines, no production traffic');
    const obj = only(chart);
    expect(obj.kind).toBe('PhysicalMachineChaos');
    expect(obj.spec).toMatchObject({ action, mode: 'one', selector: { namespaces: ['machines'], labelSelectors: { role: 'db' } }, duration: '2m' });
    expect(obj.spec[action][field]).toEqual(value);
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test('machines by name', () => {
    const chart = Testing.chart();
    new PhysicalMachineChaosExperiment(chart, 'm', {
      target: podinfo(), machines: { namespace: 'machines', names: ['db-1'] }, action: A.VM, vm: { vmName: 'x' }, duration: GoDuration.minutes(1),
    });
    expect(only(chart).spec.selector).toEqual({ physicalMachines: { machines: ['db-1'] } });
  });

  test.each<[string, A, Params, RegExp]>([
    ['the parameters of another action', A.STRESS_CPU, { stressCpu: { load: 1, workers: 1 }, vm: { vmName: 'x' } }, /vm does not apply to action "stress-cpu": leave it out \(it is read only with action "vm"\)/],
    ['missing parameters', A.NETWORK_DOWN, {}, /networkDown is refused \(spec\.network-down\): action "network-down" needs its network-down block/],
    ['a password (never offered)', A.REDIS_STOP, { redisStop: { ...redis, password: 'hunter2' } as never }, /redisStop\.password is not a parameter of action "redis-stop" \(allowed: .*passwords are never offered/],
    ['machines both by labels and names', A.VM, { vm: { vmName: 'x' }, machines: { namespace: 'm', labels: { a: 'b' }, names: ['x'] } }, /machines needs exactly one of labels or names/],
    // CRD bounds and admission refusals (lint/admission/physical-machine-chaos.ts) reached through the props.
    ['a partition without its device', A.NETWORK_PARTITION, { networkPartition: { direction: 'to', ipAddress: '10.0.0.7' } }, /networkPartition is refused \(spec\.network-partition\): network-partition: device is required/],
    ['a bandwidth limit of 0', A.NETWORK_BANDWIDTH, { networkBandwidth: { rate: BandwidthRate.mbps(1), limit: 0, buffer: 1 } }, /networkBandwidth is refused \(spec\.network-bandwidth\.limit\): 0 is too small/],
  ])('refuses %s', (_name, action, params, message) => {
    expect(() => build(action, params)).toThrow(message);
  });
});
