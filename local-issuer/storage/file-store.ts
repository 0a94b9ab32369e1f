import { existsSync, readFileSync, renameSync } from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-write";

/** A stored record: the model's payload and when it stops being valid (epoch ms, or never). */
export type StoredEntry = {
  payload: Record<string, unknown>;
  expiresAt: number | null;
};

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(
    z.string(),
    z.object({ payload: z.record(z.string(), z.unknown()), expiresAt: z.number().nullable() }),
  ),
});

/**
 * All of oidc-provider's state (sessions, interactions, grants, codes, refresh tokens) in one JSON
 * file, kept in memory and written through on every change, so a restart of the local issuer
 * keeps users signed in and refresh tokens valid. Expired entries are dropped on load and write.
 *
 * @example
 * const store = new FileStore(".local-issuer/state.json", console.log);
 * store.set("Session:abc", { payload: { accountId: "auth0|1" }, expiresAt: null });
 */
export class FileStore {
  private readonly entries = new Map<string, StoredEntry>();

  constructor(
    private readonly path: string,
    log: (line: string) => void,
  ) {
    for (const [key, entry] of Object.entries(this.load(log))) this.entries.set(key, entry);
    this.prune();
  }

  get(key: string): StoredEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: StoredEntry): void {
    this.entries.set(key, entry);
    this.persist();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.persist();
  }

  /** Deletes every entry the predicate selects, with one write. */
  deleteWhere(select: (key: string, entry: StoredEntry) => boolean): void {
    const keys = [...this.entries].filter(([key, entry]) => select(key, entry)).map(([k]) => k);
    for (const key of keys) this.entries.delete(key);
    if (keys.length > 0) this.persist();
  }

  /** The first live entry the predicate selects. */
  find(select: (key: string, entry: StoredEntry) => boolean): StoredEntry | undefined {
    for (const [key] of this.entries) {
      const entry = this.get(key);
      if (entry && select(key, entry)) return entry;
    }
    return undefined;
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    }
  }

  private persist(): void {
    this.prune();
    const file = { version: 1, entries: Object.fromEntries(this.entries) };
    writeFileAtomic(this.path, JSON.stringify(file));
  }

  /** A missing file is a first start; an unreadable one is set aside, never a crash. */
  private load(log: (line: string) => void): Record<string, StoredEntry> {
    if (!existsSync(this.path)) {
      log(`state file ${this.path} not found: starting with no sessions or grants`);
      return {};
    }
    try {
      return fileSchema.parse(JSON.parse(readFileSync(this.path, "utf8"))).entries;
    } catch (error) {
      const aside = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, aside);
      const reason = error instanceof SyntaxError ? "is not valid JSON" : "has an unexpected shape";
      log(
        `state file ${this.path} ${reason}: moved it to ${aside} and started with empty state ` +
          "(users sign in again)",
      );
      return {};
    }
  }
}
