/**
 * The little of `idb` that the phone's store uses (lib/local-store.ts), as promises over the
 * browser's IndexedDB: typed stores, one-call reads and writes, a transaction over several
 * stores. A third of `idb`'s size in the shopper's first download, same behaviour where it
 * matters: a one-call write settles only once its transaction has committed (the data is on
 * disk, as with `idb`), and any failure rejects.
 */

/** Every store's key, value and indexes (`idb`'s DBSchema shape). */
export interface DBSchema {
  [store: string]: { key: IDBValidKey; value: unknown; indexes?: Record<string, IDBValidKey> };
}

type StoreName<S extends DBSchema> = Extract<keyof S, string>;
type Value<S extends DBSchema, N extends StoreName<S>> = S[N]["value"];
type Key<S extends DBSchema, N extends StoreName<S>> = S[N]["key"];
type IndexName<S extends DBSchema, N extends StoreName<S>> = Extract<keyof NonNullable<S[N]["indexes"]>, string>;
type IndexKey<S extends DBSchema, N extends StoreName<S>, I extends IndexName<S, N>> = NonNullable<S[N]["indexes"]>[I];

/** One store inside a transaction. */
export interface Store<S extends DBSchema, N extends StoreName<S>> {
  get(key: Key<S, N>): Promise<Value<S, N> | undefined>;
  getAll(): Promise<Value<S, N>[]>;
  put(value: Value<S, N>): Promise<Key<S, N>>;
  delete(key: Key<S, N>): Promise<void>;
}

/** A transaction: its stores, and `done`, which settles when it commits (rejects if it aborts). */
export interface Transaction<S extends DBSchema, N extends StoreName<S>> {
  objectStore<M extends N>(name: M): Store<S, M>;
  done: Promise<void>;
}

export interface IDBPDatabase<S extends DBSchema> {
  get<N extends StoreName<S>>(store: N, key: Key<S, N>): Promise<Value<S, N> | undefined>;
  getAll<N extends StoreName<S>>(store: N): Promise<Value<S, N>[]>;
  getFromIndex<N extends StoreName<S>, I extends IndexName<S, N>>(
    store: N,
    index: I,
    key: IndexKey<S, N, I>,
  ): Promise<Value<S, N> | undefined>;
  /** Settles once the write has committed. */
  put<N extends StoreName<S>>(store: N, value: Value<S, N>): Promise<Key<S, N>>;
  /** Settles once the delete has committed. */
  delete<N extends StoreName<S>>(store: N, key: Key<S, N>): Promise<void>;
  transaction<N extends StoreName<S>>(stores: N | N[], mode?: IDBTransactionMode): Transaction<S, N>;
}

/** A request's result as a promise. */
const settle = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

function wrapTransaction<S extends DBSchema, N extends StoreName<S>>(tx: IDBTransaction): Transaction<S, N> {
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException("The transaction was aborted", "AbortError"));
  });
  // Settled here too, so an aborted transaction nobody awaits is no unhandled rejection.
  done.catch(() => undefined);
  return {
    objectStore: (name) => {
      const store = tx.objectStore(name);
      return {
        get: (key) => settle(store.get(key)),
        getAll: () => settle(store.getAll()),
        put: (value) => settle(store.put(value)) as Promise<never>,
        delete: (key) => settle(store.delete(key)),
      };
    },
    done,
  };
}

/**
 * Opens (and creates or upgrades) a database; `upgrade` gets the browser's own database and the
 * version it had (0 when new), as with `idb`.
 * @example const db = await openDB<MyDb>("courtesy", 2, { upgrade(db, from) { if (from < 1) db.createObjectStore("drafts"); } });
 */
export function openDB<S extends DBSchema>(
  name: string,
  version: number,
  options: { upgrade: (database: IDBDatabase, oldVersion: number) => void },
): Promise<IDBPDatabase<S>> {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = (event) => options.upgrade(request.result, event.oldVersion);
  return settle(request).then((database) => {
    const transaction = <N extends StoreName<S>>(stores: N | N[], mode: IDBTransactionMode = "readonly") =>
      wrapTransaction<S, N>(database.transaction(stores, mode));
    /** One request in a transaction of its own; a write settles once that transaction commits. */
    const one = async <N extends StoreName<S>, T>(
      store: N,
      write: boolean,
      run: (s: IDBObjectStore) => IDBRequest<T>,
    ) => {
      const tx = database.transaction(store, write ? "readwrite" : "readonly");
      const result = settle(run(tx.objectStore(store)));
      if (write) {
        const done = wrapTransaction(tx).done;
        await Promise.all([result, done]);
      }
      return result;
    };
    return {
      get: (store, key) => one(store, false, (s) => s.get(key)),
      getAll: (store) => one(store, false, (s) => s.getAll()),
      getFromIndex: (store, index, key) => one(store, false, (s) => s.index(index).get(key)),
      put: (store, value) => one(store, true, (s) => s.put(value)) as Promise<never>,
      delete: (store, key) => one(store, true, (s) => s.delete(key)),
      transaction,
    };
  });
}
