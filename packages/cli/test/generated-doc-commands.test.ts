/**
 * Every command a generated document shows is run (issue 20 §4): k8s/README.md and the Helm values
 * files that `export kubernetes` writes. iac-compare and npm commands run for real; a command for a
 * tool that needs a cluster (kubectl, helm, k3d, minikube) cannot run here, so the test checks what
 * it can without one — the tool is one we expect, every file it names exists, and a helm command
 * installs exactly the target's chart, version and namespace — and says it did not run it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const K8S = join(REPO, 'k8s');
const ROOT_SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);
const target = JSON.parse(readFileSync(join(REPO, 'packages', 'spec', 'target.json'), 'utf8'));
/** Tools whose commands cannot run here: a Kubernetes cluster (kubectl, helm, k3d, minikube) or a registry (docker). */
const NEEDS_A_CLUSTER = ['kubectl', 'helm', 'k3d', 'minikube', 'docker'];

/** Commands in ```sh blocks (continuation lines joined, comments cut) and in inline code spans. */
export function commandsIn(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/```(?:sh|bash|console)\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command) commands.push(command);
    }
  }
  for (const span of markdown.matchAll(/`([^`\n]+)`/g)) {
    const text = span[1]!.trim();
    if (/^(npx|npm|kubectl|helm|k3d|minikube|docker) /.test(text)) commands.push(text);
  }
  return [...new Set(commands)];
}

function documents(): { file: string; commands: string[] }[] {
  const helm = join(K8S, 'helm');
  return [
    { file: 'k8s/README.md', commands: commandsIn(readFileSync(join(K8S, 'README.md'), 'utf8')) },
    ...readdirSync(helm).map((name) => ({
      file: `k8s/helm/${name}`,
      commands: readFileSync(join(helm, name), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('# helm '))
        .map((line) => line.slice(2)),
    })),
  ];
}

function words(command: string): string[] {
  return command.split(/\s+/).filter(Boolean);
}

describe('commands in the documents export kubernetes writes', () => {
  const all = documents().flatMap(({ file, commands }) => commands.map((command) => ({ file, command })));

  it('finds the commands (so the checks below cannot pass on nothing)', () => {
    const shown = all.map(({ command }) => words(command)[0]);
    for (const tool of ['npx', 'kubectl', 'helm']) expect(shown, tool).toContain(tool);
  });

  it('runs every iac-compare command they show, from the repository root, and it succeeds', () => {
    const iacCompare = all.filter(({ command }) => command.startsWith('npx iac-compare '));
    expect(iacCompare.length).toBeGreaterThan(0);
    for (const { file, command } of iacCompare) {
      // Run it where it writes into a scratch folder, not into the repository's k8s/.
      const cwd = mkdtempSync(join(tmpdir(), 'doc-command-'));
      const result = runCli(words(command).slice(2), { cwd });
      expect(result.status, `${file}: ${command}\n${result.stderr}`).toBe(0);
      if (command.includes('--out k8s')) {
        // The same document, but for the target's path, which the header gives relative to cwd.
        const source = relative(cwd, join(REPO, 'packages', 'spec', 'target.json'));
        expect(
          readFileSync(join(cwd, 'k8s', 'README.md'), 'utf8').replaceAll(source, 'packages/spec/target.json'),
        ).toBe(readFileSync(join(K8S, 'README.md'), 'utf8'));
      }
    }
  });

  it('names only npm scripts that exist', () => {
    for (const { file, command } of all.filter(({ command }) => /^npm run /.test(command))) {
      const script = words(command).find(
        (_word, index, list) =>
          list[index - 1] === 'run' || (list[index - 2] === 'run' && list[index - 1] === '-s'),
      );
      expect(ROOT_SCRIPTS, `${file}: ${command}`).toContain(script);
    }
  });

  it('checks what it can of the commands that need a cluster (not run here: no cluster), and names no other tool', () => {
    const skipped: string[] = [];
    for (const { file, command } of all) {
      const [tool, ...rest] = words(command);
      if (tool === 'npx' || tool === 'npm') continue;
      expect(NEEDS_A_CLUSTER, `${file}: ${command}`).toContain(tool);
      skipped.push(command);
      rest.forEach((word, index) => {
        if (rest[index - 1] === '-f' || rest[index - 1] === '--values') {
          expect(existsSync(join(REPO, word)), `${file}: ${command}: ${word}`).toBe(true);
        }
      });
      if (tool === 'helm' && rest[0] === 'upgrade') {
        const name = rest[2];
        const release = target.workloads.helmReleases.find((r: { name: string }) => r.name === name);
        expect(release, `${file}: ${command}`).toBeDefined();
        const oci = release.repository.startsWith('oci://');
        expect(rest[3]).toBe(oci ? `${release.repository}/${release.chart}` : release.chart);
        if (!oci) expect(rest[rest.indexOf('--repo') + 1]).toBe(release.repository);
        expect(rest[rest.indexOf('--version') + 1]).toBe(release.version);
        expect(rest[rest.indexOf('--namespace') + 1]).toBe(release.namespace);
      }
    }
    expect(skipped.length).toBeGreaterThan(0);
    console.warn(
      `generated-doc commands not run (they need a Kubernetes cluster or a registry): ${[...new Set(skipped)].join(' | ')}`,
    );
  });
});
