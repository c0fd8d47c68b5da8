import { checkDnsSubdomain } from './_validate';

/**
 * The Secret with the cloud credentials, by name only: a credential value never goes into a
 * manifest (everything here is committed to Git; rule CM015). Chaos Mesh reads it from the
 * chaos object's namespace.
 */
export function checkSecretName(owner: string, secretName: string): void {
  checkDnsSubdomain(owner, 'secretName', secretName);
}
