/**
 * A scratch copy of the repository for tests that edit sources, break packages or commit: the
 * root files, the spec package and the named packages (with their builds, so their stamps hold),
 * and node_modules linked so the copy's workspace packages are its own. The CLI runs on it with
 * IAC_COMPARE_REPO; the real checkout is never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkNodeModules } from '../src/worktree.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');
const SKIP = /(^|\/)(node_modules|out|\.turbo|cdk\.out|cdktf\.out)(\/|$)/;

export function scratchRepo(packages: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'iac-compare-scratch-'));
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  const copied = ['packages/spec', ...packages];
  writeFileSync(join(root, 'package.json'), JSON.stringify({ ...manifest, workspaces: copied }, null, 2));
  for (const file of ['package-lock.json', 'tsconfig.base.json', 'biome.json']) {
    cpSync(join(REPO, file), join(root, file));
  }
  cpSync(join(REPO, 'scripts'), join(root, 'scripts'), { recursive: true });
  for (const dir of copied) {
    cpSync(join(REPO, dir), join(root, dir), {
      recursive: true,
      filter: (source) => !SKIP.test(source.slice(REPO.length)),
    });
  }
  linkNodeModules(REPO, root);
  return root;
}

/** Makes the scratch copy a git repository with one commit. */
export function commitAll(root: string, message: string): void {
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  if (!spawnSync('git', ['-C', root, 'rev-parse', '--git-dir'], { encoding: 'utf8' }).stdout.trim())
    git('init', '-q');
  writeFileSync(join(root, '.gitignore'), 'node_modules\ndist\nout\n.iac-compare\n');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message);
}
