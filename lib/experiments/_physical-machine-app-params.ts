/**
 * Parameters of the PhysicalMachineChaos actions on applications running on the machine: JVM,
 * Redis and Kafka. Passwords of the CRD's Redis and Kafka fields are not offered: a password in
 * a manifest committed to Git is a leaked credential (point the fault at a test instance
 * without authentication).
 */
import { GoDuration } from '../units';
import type { JvmMemoryType, MysqlConnectorVersion, SqlType } from './jvm-chaos';

/** The Java process the agent attaches to. */
export interface MachineJvmProcess {
  readonly pid: number;
  /** Port of the agent. @default 9277 */
  readonly port?: number;
}

/** A Java method. */
export interface MachineJvmMethod extends MachineJvmProcess {
  readonly class: string;
  readonly method: string;
}

/** A Redis server. */
export interface MachineRedis {
  /** `host:port`. */
  readonly addr: string;
}

/** A Kafka topic on a broker. */
export interface MachineKafka {
  readonly host: string;
  readonly port: number;
  readonly topic: string;
  /** @default - no authentication */
  readonly username?: string;
}

export interface PhysicalMachineAppParams {
  /** JVM_EXCEPTION: the method throws. @default - none */
  readonly jvmException?: MachineJvmMethod & { readonly exception: string };
  /** JVM_GC: trigger garbage collection. @default - none */
  readonly jvmGc?: MachineJvmProcess;
  /** JVM_LATENCY: the method is delayed (whole milliseconds). @default - none */
  readonly jvmLatency?: MachineJvmMethod & { readonly latency: GoDuration };
  /** JVM_RETURN: the method returns a value (Java source). @default - none */
  readonly jvmReturn?: MachineJvmMethod & { readonly value: string };
  /** JVM_STRESS: CPU cores or memory inside the JVM. @default - none */
  readonly jvmStress?: MachineJvmProcess & { readonly cpuCount?: number; readonly memType?: JvmMemoryType };
  /** JVM_RULE_DATA: a Byteman rule. @default - none */
  readonly jvmRuleData?: MachineJvmProcess & { readonly ruleData: string };
  /** JVM_MYSQL: delay or fail MySQL calls. @default - none */
  readonly jvmMysql?: MachineJvmProcess & {
    readonly mysqlConnectorVersion: MysqlConnectorVersion;
    /** @default - every database */
    readonly database?: string;
    /** @default - every table */
    readonly table?: string;
    /** @default - every statement type */
    readonly sqlType?: SqlType;
    /** Give this or exception. @default - none */
    readonly latency?: GoDuration;
    /** @default - none */
    readonly exception?: string;
  };
  /** REDIS_EXPIRATION: expire keys. @default - none */
  readonly redisExpiration?: MachineRedis & {
    /** How long until they expire, as Redis reads it (`"1m"`). */
    readonly expiration: string;
    /** @default - every key */
    readonly key?: string;
    // No `option`: validateRedisExpirationAction in 2.8.2 refuses all four valid options (NX, XX, GT, LT).
  };
  /** REDIS_PENETRATION: send requests for keys that do not exist. @default - none */
  readonly redisPenetration?: MachineRedis & { readonly requestNum: number };
  /**
   * REDIS_CACHE_LIMIT: lower `maxmemory`, to a size or to a percentage of the current value (then
   * `cacheSize: "0"` is written, which the 2.8.2 webhook requires next to a percent).
   * @default - none
   */
  readonly redisCacheLimit?: MachineRedis & ({ readonly cacheSize: string } | { readonly percent: string });
  /** REDIS_RESTART (Sentinel). @default - none */
  readonly redisRestart?: MachineRedis & { readonly conf?: string; readonly flushConfig?: boolean; readonly redisPath?: boolean };
  /** REDIS_STOP (Sentinel). @default - none */
  readonly redisStop?: MachineRedis & { readonly conf?: string; readonly flushConfig?: boolean; readonly redisPath?: boolean };
  /** KAFKA_FILL: fill the topic. @default - none */
  readonly kafkaFill?: MachineKafka & { readonly messageSize: number; readonly maxBytes: number; readonly reloadCommand: string };
  /** KAFKA_FLOOD: flood the topic. @default - none */
  readonly kafkaFlood?: MachineKafka & { readonly messageSize: number; readonly threads: number };
  /** KAFKA_IO: make the topic unreadable or unwritable. @default - none */
  readonly kafkaIo?: {
    readonly topic: string;
    readonly configFile: string;
    /** @default false */
    readonly nonReadable?: boolean;
    /** @default false */
    readonly nonWritable?: boolean;
  };
}
