import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { checkCommonChaosSpec, DefaultWriter, WEBHOOK } from './_common';

/** JVMChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const JVM_CHAOS_ACTIONS = ['latency', 'return', 'exception', 'stress', 'gc', 'ruleData', 'mysql'] as const;

/** Memory types of action `stress` (`memType`). */
export const JVM_MEMORY_TYPES = ['stack', 'heap'] as const;

/** MySQL connector versions of action `mysql` (5.X.X is "5", 8.X.X is "8"). */
export const JVM_MYSQL_CONNECTOR_VERSIONS = ['5', '8'] as const;

/** SQL types of action `mysql` (`sqlType`), as the CRD documents them. Open at admission (no webhook check). */
export const JVM_SQL_TYPES = ['select', 'insert', 'update', 'delete', 'replace'] as const;

/** The port the mutating webhook gives a JVMChaos without one (DefaultJVMAgentPort). */
export const JVM_DEFAULT_AGENT_PORT = 9277;

/**
 * (*JVMChaosSpec).Default: port 0 becomes the agent port 9277. (It also names an unnamed rule
 * after the class, method, action and the current time; nothing validates the name, so the
 * defaulted copy leaves it out rather than make the checks depend on the clock.)
 */
export function defaultJvmChaosSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  if (spec.port === 0) w.set(spec, 'port', JVM_DEFAULT_AGENT_PORT);
}

/**
 * What the 2.8.2 webhook refuses in a JVMChaos spec ((*JVMChaosSpec).Validate in
 * jvmchaos_webhook.go), action by action: stress needs exactly one of cpuCount and memType
 * (stack or heap); latency, return and exception need class and method, and their own latency,
 * returnValue or exception; ruleData needs ruleData; mysql needs mysqlConnectorVersion 5 or 8 and
 * an exception or a latency. Go reports them all at the spec; here each names its field.
 */
export function jvmChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const action = spec.action;
  const refuse = (field: string, reason: string, fix: string) => out.push({
    path: field === '' ? at : fieldPath(at, field),
    message: `${action === undefined || action === '' ? 'a JVMChaos' : `action ${quote(action)}`}: ${reason}; ${WEBHOOK} refuses it.`,
    fix,
  });
  const empty = (field: string) => spec[field] === undefined || spec[field] === null || spec[field] === '' || spec[field] === 0;
  switch (action) {
    case 'stress': {
      const memType = spec.memType;
      const cpu = typeof spec.cpuCount === 'number' ? spec.cpuCount : 0;
      if (cpu === 0 && empty('memType')) refuse('cpuCount', 'it needs one of cpuCount and memType ("must set one of cpu-count and mem-type when action is \'stress\'")', 'Set cpuCount (CPU cores to load) or memType (stack or heap).');
      if (cpu > 0 && !empty('memType')) refuse('memType', 'it cannot stress CPU and memory at once ("inject stress on both CPU and memory is not support now")', 'Keep either cpuCount or memType, and put the other in a second JVMChaos.');
      if (!empty('memType') && !(JVM_MEMORY_TYPES as readonly unknown[]).includes(memType)) refuse('memType', `memType ${quote(memType)} is neither "stack" nor "heap"`, 'Use memType: heap or memType: stack.');
      break;
    }
    case 'gc':
      break;
    case 'exception':
    case 'return':
    case 'latency':
      if (empty('class')) refuse('class', 'class is missing ("class not provided")', 'Set class to the fully qualified Java class, e.g. com.example.Service.');
      if (empty('method')) refuse('method', 'method is missing ("method not provided")', 'Set method to the Java method to inject into.');
      if (action === 'exception' && empty('exception')) refuse('exception', 'exception is missing ("exception not provided")', 'Set exception, e.g. java.io.IOException("chaos").');
      else if (action === 'return' && empty('returnValue')) refuse('returnValue', 'returnValue is missing ("value not provided")', 'Set returnValue to what the method returns, e.g. "0".');
      else if (action === 'latency' && empty('latency')) refuse('latency', 'latency is missing or 0 ("latency not provided")', 'Set latency in milliseconds, e.g. latency: 1000.');
      break;
    case 'ruleData':
      if (empty('ruleData')) refuse('ruleData', 'ruleData is missing ("rule data not provide")', 'Set ruleData to a Byteman rule.');
      break;
    case 'mysql':
      if (empty('mysqlConnectorVersion')) refuse('mysqlConnectorVersion', 'mysqlConnectorVersion is missing ("MySQL connector version not provided")', 'Set mysqlConnectorVersion: "8" (8.X.X) or "5" (5.X.X).');
      else if (!(JVM_MYSQL_CONNECTOR_VERSIONS as readonly unknown[]).includes(spec.mysqlConnectorVersion)) refuse('mysqlConnectorVersion', `mysqlConnectorVersion ${quote(spec.mysqlConnectorVersion)} is neither "5" nor "8"`, 'Set mysqlConnectorVersion: "8" (8.X.X) or "5" (5.X.X).');
      if (empty('exception') && empty('latency')) refuse('exception', 'it needs an exception or a latency ("must set one of exception or latency")', 'Set exception or latency (milliseconds).');
      break;
    case undefined:
    case '':
      refuse('action', 'the action is missing ("action not provided")', `Set action to one of ${JVM_CHAOS_ACTIONS.join(', ')}.`);
      break;
    default:
      refuse('action', `action ${quote(action)} is not supported`, `Use one of ${JVM_CHAOS_ACTIONS.join(', ')}.`);
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}
