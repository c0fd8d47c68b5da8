import {
  AwsChaosAction, AzureChaosAction, BlockChaosAction, DnsChaosAction, GcpChaosAction, IoChaosAction, JvmChaosAction, PhysicalMachineChaosAction,
} from '../../lib/experiments';
import { AWS_CHAOS_ACTIONS } from '../../lib/lint/admission/aws-chaos';
import { AZURE_CHAOS_ACTIONS } from '../../lib/lint/admission/azure-chaos';
import { BLOCK_CHAOS_ACTIONS } from '../../lib/lint/admission/block-chaos';
import { DNS_CHAOS_ACTIONS } from '../../lib/lint/admission/dns-chaos';
import { GCP_CHAOS_ACTIONS } from '../../lib/lint/admission/gcp-chaos';
import { IO_CHAOS_ACTIONS } from '../../lib/lint/admission/io-chaos';
import { JVM_CHAOS_ACTIONS } from '../../lib/lint/admission/jvm-chaos';
import { PHYSICAL_MACHINE_CHAOS_ACTIONS } from '../../lib/lint/admission/physical-machine-chaos';

// The action enums users pick from and the closed sets the admission checks hold are the same sets:
// an enum member the webhook refuses, or an accepted value no enum offers, fails here. (Value sets
// such as HttpMethod or ClockId are literal types derived from the admission sets themselves.)
test.each<[string, object, readonly string[]]>([
  ['IoChaosAction', IoChaosAction, IO_CHAOS_ACTIONS],
  ['DnsChaosAction', DnsChaosAction, DNS_CHAOS_ACTIONS],
  ['JvmChaosAction', JvmChaosAction, JVM_CHAOS_ACTIONS],
  ['BlockChaosAction', BlockChaosAction, BLOCK_CHAOS_ACTIONS],
  ['PhysicalMachineChaosAction', PhysicalMachineChaosAction, PHYSICAL_MACHINE_CHAOS_ACTIONS],
  ['AwsChaosAction', AwsChaosAction, AWS_CHAOS_ACTIONS],
  ['GcpChaosAction', GcpChaosAction, GCP_CHAOS_ACTIONS],
  ['AzureChaosAction', AzureChaosAction, AZURE_CHAOS_ACTIONS],
])('%s is the admission check\'s closed set', (_name, enumeration, admitted) => {
  expect(Object.values(enumeration).sort()).toEqual([...admitted].sort());
});
