/** ArgoCD resource-hook annotations (https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/). */
export const ARGOCD_HOOK = 'argocd.argoproj.io/hook';
export const ARGOCD_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
export const ARGOCD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** PreSync hook, recreated on every sync (a failed Job stays around for its logs until then). */
export function preSyncHookAnnotations(wave: number): Record<string, string> {
  return {
    [ARGOCD_HOOK]: 'PreSync',
    [ARGOCD_HOOK_DELETE_POLICY]: 'BeforeHookCreation',
    [ARGOCD_SYNC_WAVE]: String(wave),
  };
}

/** Labels every guard object carries (who made it, for which experiment). */
export function guardLabels(component: string, experiment: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/instance': experiment,
    'app.kubernetes.io/part-of': 'cdk8s-chaos-mesh',
  };
}

/** Labels of an object every guard of a namespace shares (no experiment instance). */
export function sharedLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/part-of': 'cdk8s-chaos-mesh',
  };
}
