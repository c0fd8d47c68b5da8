/** Where a probe finds the CA certificate(s) that signed the service's TLS certificate. */
export enum CaBundleSource {
  CONFIG_MAP = 'configMap',
  SECRET = 'secret',
  PEM = 'pem',
}

/**
 * A PEM CA bundle for probing an https URL whose certificate a private CA signed (the
 * reference probed with `--cacert ~/minicloud-ca.crt`). Without one, curl uses the image's
 * public trust store.
 */
export class CaBundle {
  /** A key of an existing ConfigMap in the probe's namespace (e.g. one that trust-manager fills). */
  public static fromConfigMap(name: string, key = 'ca.crt'): CaBundle {
    return new CaBundle(CaBundleSource.CONFIG_MAP, requireName(name, 'ConfigMap'), requireKey(key));
  }

  /** A key of an existing Secret in the probe's namespace (e.g. cert-manager's `ca.crt`). */
  public static fromSecret(name: string, key = 'ca.crt'): CaBundle {
    return new CaBundle(CaBundleSource.SECRET, requireName(name, 'Secret'), requireKey(key));
  }

  /** PEM text given inline; the ProbeJob emits it as a ConfigMap next to the Job. */
  public static fromPem(pem: string): CaBundle {
    if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
      throw new Error('CaBundle.fromPem: the text holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)');
    }
    return new CaBundle(CaBundleSource.PEM, undefined, 'ca.crt', pem.endsWith('\n') ? pem : `${pem}\n`);
  }

  private constructor(
    public readonly source: CaBundleSource,
    /** Name of the ConfigMap or Secret (undefined for inline PEM). */
    public readonly name: string | undefined,
    /** Key holding the PEM text. */
    public readonly key: string,
    /** The PEM text when given inline. */
    public readonly pem?: string,
  ) {}
}

function requireName(name: string, kind: string): string {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) {
    throw new Error(`CaBundle: "${name}" is not a valid ${kind} name (lowercase letters, digits, "-" and ".")`);
  }
  return name;
}

function requireKey(key: string): string {
  if (!/^[-._a-zA-Z0-9]+$/.test(key) || key.length > 253) {
    throw new Error(`CaBundle: "${key}" is not a valid key (letters, digits, "-", "_" and ".")`);
  }
  return key;
}
