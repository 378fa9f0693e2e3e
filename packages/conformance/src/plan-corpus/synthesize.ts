/**
 * Inventories of all six implementations for one target, for the plan corpus: the in-process
 * synths one after another while the Pulumi worker synthesizes alongside, each target once per run
 * (cached by its JSON). No validation: plans need inventories only.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Inventory, readPulumiRegistrations } from '@iac-compare/harness';
import { checkEnvelope, loadEnvelope, type TargetSpec } from '@iac-compare/spec';
import { DRIVERS } from '../drivers.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** Per implementation: its inventory, or why there is none (outside its envelope). */
export type Side = ReadonlyMap<string, { readonly inventory?: Inventory; readonly outside?: string }>;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

export class CorpusSynthesizer {
  private readonly cache = new Map<string, Promise<Side>>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'plan-corpus-'));
  private worker: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private count = 0;

  private startWorker(): Promise<void> {
    if (this.ready) return this.ready;
    const script = join(import.meta.dirname, '..', '..', 'dist', 'plan-corpus', 'pulumi-worker.js');
    const worker = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: { ready?: true; id?: number; error?: string }) => {
        if (message.ready) return resolve();
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(`pulumi synth: ${message.error}`));
        else waiting.resolve();
      });
      worker.on('exit', (code) => {
        const error = new Error(`the Pulumi worker exited (${code})`);
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      });
    });
    return this.ready;
  }

  private async synthesizePulumi(spec: TargetSpec, outDir: string): Promise<Inventory> {
    await this.startWorker();
    const id = this.next++;
    await new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.send({ id, spec, outDir });
    });
    return readPulumiRegistrations(outDir, 'pulumi');
  }

  private async synthesizeAll(spec: TargetSpec): Promise<Side> {
    const dir = join(this.dir, String(this.count++));
    const side = new Map<string, { inventory?: Inventory; outside?: string }>();
    const outsideOf = (packageDir: string) => {
      const violations = checkEnvelope(spec, loadEnvelope(join(REPO_ROOT, packageDir, 'envelope.json')));
      return violations.length > 0 ? violations.map((v) => `${v.path}: ${v.message}`).join('; ') : undefined;
    };
    const pulumiDriver = DRIVERS.find((driver) => driver.ids.includes('pulumi'))!;
    const pulumiOutside = outsideOf(pulumiDriver.packageDir);
    const pulumi = pulumiOutside ? undefined : this.synthesizePulumi(spec, join(dir, 'pulumi'));
    pulumi?.catch(() => undefined);
    for (const driver of DRIVERS) {
      if (driver === pulumiDriver) continue;
      const outside = outsideOf(driver.packageDir);
      if (outside) {
        for (const id of driver.ids) side.set(id, { outside });
        continue;
      }
      const read = await driver.synthesizeAndRead(spec, join(dir, driver.packageDir.replace(/\//g, '_')));
      for (const [id, synthesized] of read) side.set(id, { inventory: synthesized.inventory });
    }
    side.set('pulumi', pulumiOutside ? { outside: pulumiOutside } : { inventory: await pulumi! });
    return side;
  }

  /** The inventories for `spec`, synthesized once per run. */
  inventories(spec: TargetSpec): Promise<Side> {
    const key = JSON.stringify(spec);
    let side = this.cache.get(key);
    if (!side) {
      side = this.synthesizeAll(spec);
      this.cache.set(key, side);
    }
    return side;
  }

  close(): void {
    this.worker?.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
