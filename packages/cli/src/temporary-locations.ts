/**
 * `check --cdk-app` synthesizes the app into a temporary folder that is removed when check ends, so
 * a location in it would name a file the user cannot open. Such locations are replaced by the
 * resource's own: the line of the app where CDK recorded its creation, else its construct path.
 */
import type { Finding, Inventory, SourceLocation } from '@iac-compare/harness';

/**
 * Locations inside `work` (a temporary cloud assembly) replaced by the resource's own: the line of
 * the app where CDK recorded its creation, else its construct path (`Stack/Vpc/Resource`).
 */
export function withoutTemporaryLocations(
  read: { inventory: Inventory; findings: readonly Finding[] },
  work: string,
): { inventory: Inventory; findings: Finding[] } {
  const temporary = (location: SourceLocation | undefined) =>
    location !== undefined && (location.file === work || location.file.startsWith(`${work}/`));
  const resources = read.inventory.resources.map((resource) =>
    temporary(resource.location) ? { ...resource, location: { file: resource.displayName } } : resource,
  );
  const bySubject = new Map<string, SourceLocation | undefined>();
  for (const resource of resources) {
    bySubject.set(resource.address, resource.location);
    bySubject.set(resource.address.split('/').at(-1)!, resource.location);
  }
  const findings = read.findings.map((finding): Finding => {
    if (!temporary(finding.location)) return finding;
    const { location: _gone, ...rest } = finding;
    const own = finding.subject ? bySubject.get(finding.subject) : undefined;
    return own ? { ...rest, location: own } : rest;
  });
  return { inventory: { ...read.inventory, resources }, findings };
}
