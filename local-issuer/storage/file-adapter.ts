import type { Adapter, AdapterPayload } from "oidc-provider";
import type { FileStore, StoredEntry } from "./file-store";

/** What {@link consumeOnce} found: no such token, a first use, or an earlier use (epoch s). */
export type Consumption = { state: "missing" } | { state: "fresh" } | { state: "used"; at: number };

/**
 * Marks a stored token as used and says whether it already was, in one synchronous step, so that
 * two concurrent requests with the same refresh token cannot both see it as unused.
 *
 * @example
 * const result = consumeOnce(store, "RefreshToken", jti);
 * if (result.state === "used") console.log(`reused ${Date.now() / 1000 - result.at}s later`);
 */
export function consumeOnce(store: FileStore, model: string, id: string): Consumption {
  const key = `${model}:${id}`;
  const entry = store.get(key);
  if (!entry) return { state: "missing" };
  const { consumed } = entry.payload;
  if (typeof consumed === "number") return { state: "used", at: consumed };
  // Fractional seconds (oidc-provider's own adapter stores whole seconds) so that the refresh
  // token reuse interval can be measured precisely.
  store.set(key, { ...entry, payload: { ...entry.payload, consumed: Date.now() / 1000 } });
  return { state: "fresh" };
}

/**
 * An oidc-provider adapter over one {@link FileStore}: one instance per model name (`Session`,
 * `Grant`, `RefreshToken`, ...), keys shaped `<model>:<id>`. Payloads are copied in and out so
 * that nothing changes state without going through the store (and the file).
 *
 * @example
 * const provider = new Provider(issuer, { adapter: fileAdapterFactory(store) });
 */
export function fileAdapterFactory(store: FileStore): (model: string) => Adapter {
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    const inModel = (entryKey: string) => entryKey.startsWith(`${model}:`);
    const copy = (entry: StoredEntry | undefined): AdapterPayload | undefined =>
      entry ? (structuredClone(entry.payload) as AdapterPayload) : undefined;
    const findBy = (field: "uid" | "userCode", value: string) =>
      copy(store.find((k, { payload }) => inModel(k) && payload[field] === value));

    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
        store.set(key(id), { payload: structuredClone({ ...payload }), expiresAt });
      },
      async find(id) {
        return copy(store.get(key(id)));
      },
      async findByUid(uid) {
        return findBy("uid", uid);
      },
      async findByUserCode(userCode) {
        return findBy("userCode", userCode);
      },
      async consume(id) {
        consumeOnce(store, model, id);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        store.deleteWhere((k, { payload }) => inModel(k) && payload.grantId === grantId);
      },
    };
  };
}
