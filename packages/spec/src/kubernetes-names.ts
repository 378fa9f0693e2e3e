/** Kubernetes and EKS naming rules used by validation (labels, taints, namespaces). */

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Label-key prefixes Kubernetes and EKS keep for themselves. */
const RESERVED_DOMAINS = ['kubernetes.io', 'k8s.io', 'eks.amazonaws.com'];

/** Returns why `key` is not a valid label or taint key, or undefined when it is. */
export function checkLabelKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `key prefix "${prefix}" must be a lowercase DNS subdomain of at most 253 characters`;
    }
    const reserved = RESERVED_DOMAINS.find((domain) => prefix === domain || prefix.endsWith(`.${domain}`));
    if (reserved) return `key prefix "${prefix}" is reserved for Kubernetes and EKS (${reserved})`;
  }
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) {
    return `key name "${name}" must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Returns why `value` is not a valid label or taint value, or undefined when it is. */
export function checkLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME_PART.test(value)) {
    return `value "${value}" must be at most 63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Namespaces in an access scope: DNS labels, optionally ending in `*` (EKS allows a trailing wildcard). */
export function checkNamespace(namespace: string): string | undefined {
  const body = namespace.endsWith('*') ? namespace.slice(0, -1) : namespace;
  if (namespace.length > 63 || (body.length > 0 && !DNS_LABEL.test(body)) || namespace === '') {
    return `"${namespace}" is not a Kubernetes namespace name (lowercase DNS label, optionally ending in *)`;
  }
  return undefined;
}
