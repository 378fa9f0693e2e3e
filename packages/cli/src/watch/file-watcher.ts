/**
 * The file watcher: chokidar (the ecosystem's watcher, as vite and vitest use) on the target and
 * every implementation's folder, feeding a debounced queue, as vitest and `tsc --watch` do.
 *
 * - Every event bumps `sequence` at once, before the debounce: an answer remembers the sequence
 *   it started at and is not printed if anything happened since (session.ts).
 * - Bursts are folded: the batch goes out after `debounceMs` without an event (an editor that
 *   saves several files, or writes one in several chunks, gives one answer).
 * - Editors that save by renaming (write a temporary file, rename it over the original; vim,
 *   JetBrains' "safe write") are followed: chokidar's `atomic` option reports the delete and
 *   re-create of the same path as one change, and because the folder is watched (not the file's
 *   inode) the renamed-in file is watched from then on.
 */
import { relative, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

export interface FileWatcherOptions {
  /** Absolute paths to watch: folders (recursively) and files. */
  readonly paths: readonly string[];
  /** Paths (absolute) not to watch: node_modules, outputs, builds. */
  readonly ignored: (path: string) => boolean;
  readonly debounceMs: number;
  /** The changed paths of one burst, absolute. */
  readonly onBatch: (paths: ReadonlySet<string>) => void;
  readonly onError?: (error: Error) => void;
}

export class FileWatcher {
  private readonly watcher: FSWatcher;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  private readonly ready: Promise<void>;

  constructor(private readonly options: FileWatcherOptions) {
    this.watcher = watch([...options.paths], {
      ignored: (path) => options.ignored(resolve(path)),
      ignoreInitial: true,
      atomic: true,
      persistent: true,
    });
    const changed = (path: string) => this.record(resolve(path));
    this.watcher.on('add', changed).on('change', changed).on('unlink', changed);
    this.watcher.on('addDir', changed).on('unlinkDir', changed);
    this.watcher.on('error', (error) => options.onError?.(error as Error));
    this.ready = new Promise((done) => this.watcher.once('ready', () => done()));
  }

  /** Resolves when the initial scan is done: edits from then on are seen. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** How many events so far: an answer computed since `sequence` is fresh only if it is unchanged. */
  get sequence(): number {
    return this.counter;
  }

  /** Paths changed but not yet handed out (an answer computed now would not reflect them). */
  get pendingPaths(): ReadonlySet<string> {
    return this.pending;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher.close();
  }

  private record(path: string): void {
    this.counter++;
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Set();
    if (batch.size > 0) this.options.onBatch(batch);
  }
}

/** A path relative to the repository when it is inside it. */
export function shown(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel;
}
