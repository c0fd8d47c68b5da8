/** Least-privilege assertions shared by the guard construct tests. */

export interface Rule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly verbs?: string[];
  readonly resourceNames?: string[];
  readonly nonResourceURLs?: string[];
}

/** Every rule: no wildcard anywhere, only read verbs from `allowedVerbs`, no non-resource URLs. */
export function expectReadOnly(rules: Rule[], allowedVerbs: string[] = ['get', 'list']): void {
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) {
    const all = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.verbs ?? []), ...(rule.resourceNames ?? [])];
    expect(all.filter((x) => x.includes('*'))).toEqual([]);
    expect(rule.nonResourceURLs).toBeUndefined();
    expect((rule.verbs ?? []).filter((v) => !allowedVerbs.includes(v))).toEqual([]);
    expect(rule.verbs?.length).toBeGreaterThan(0);
  }
}

/** `group/resource` for every resource the rules name, sorted. */
export function grantedResources(rules: Rule[]): string[] {
  return rules.flatMap((r) => (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).map((res) => `${g}/${res}`))).sort();
}

/** The restricted Pod Security checks on a container (and optional pod) security context. */
export function expectRestricted(container: any, pod?: any): void {
  const both = (key: string) => container.securityContext?.[key] ?? pod?.[key];
  expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
  expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  expect(container.securityContext.privileged).toBe(false);
  expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  expect(both('runAsNonRoot')).toBe(true);
  expect(both('runAsUser')).toBeGreaterThan(0);
  expect(both('runAsGroup')).toBeGreaterThan(0);
  expect(both('seccompProfile')).toEqual({ type: 'RuntimeDefault' });
  expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
  expect(container.resources.limits).toEqual(expect.objectContaining({ memory: expect.any(String) }));
}
