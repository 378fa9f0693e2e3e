/**
 * A content-addressed memo: values kept under a key that is a digest of exactly what decides
 * them, in memory (bounded, least recently used out first) and, when given a folder, on disk as
 * one JSON file per key. A key never names a file path or a time, only content, so an entry is
 * either right for its key or absent: two processes writing the same key write the same value.
 *
 * Files are written atomically (a temporary sibling renamed over the name) and the folder is
 * pruned to its newest entries when it grows past its bound.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** sha256 of the JSON of `parts` (arrays keep order; objects are written in their own key order). */
export function digestOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface MemoStoreOptions {
  /** Entries kept in memory. */
  readonly memoryEntries: number;
  /** A folder for entries on disk (absent: memory only). */
  readonly dir?: string;
  /** Files kept in `dir` after pruning. */
  readonly diskEntries?: number;
}

export class MemoStore<T> {
  private readonly memory = new Map<string, T>();
  private written = 0;

  constructor(private readonly options: MemoStoreOptions) {}

  get dir(): string | undefined {
    return this.options.dir;
  }

  get(key: string): T | undefined {
    const held = this.memory.get(key);
    if (held !== undefined) {
      // Most recently used last.
      this.memory.delete(key);
      this.memory.set(key, held);
      return held;
    }
    if (!this.options.dir) return undefined;
    const file = join(this.options.dir, `${key}.json`);
    let value: T;
    try {
      value = JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      return undefined; // absent, or half-written by a process that died: recompute
    }
    try {
      // Used now: pruning keeps the entries in use.
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // pruned meanwhile by another process; the value read is still right for its key
    }
    this.remember(key, value);
    return value;
  }

  set(key: string, value: T): void {
    this.remember(key, value);
    const dir = this.options.dir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, file);
    } catch {
      // A memo that cannot be written is a memo that misses next time, never a wrong answer.
      rmSync(temporary, { force: true });
    }
    if (++this.written % 64 === 0) this.prune();
  }

  /** Keeps the newest `diskEntries` files of the folder (by last use). */
  prune(): void {
    const dir = this.options.dir;
    const keep = this.options.diskEntries ?? 4000;
    if (!dir) return;
    let files: string[];
    try {
      files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    } catch {
      return;
    }
    if (files.length <= keep) return;
    const aged = files
      .map((file) => {
        try {
          return { file, time: statSync(join(dir, file)).mtimeMs };
        } catch {
          return { file, time: 0 };
        }
      })
      .sort((a, b) => b.time - a.time);
    for (const { file } of aged.slice(keep)) rmSync(join(dir, file), { force: true });
  }

  private remember(key: string, value: T): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    while (this.memory.size > this.options.memoryEntries) {
      const oldest = this.memory.keys().next().value as string;
      this.memory.delete(oldest);
    }
  }
}
