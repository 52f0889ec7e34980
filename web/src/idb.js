// The app's saves in IndexedDB (browsers allow it far more room than localStorage's few MB): one object
// store of text values under fixed keys. Every function returns a promise; failures reject with the
// browser's error, which the Rust side turns into a message.
const DB = 'acg';
const STORE = 'saves';
let db = null;

function open() {
  db ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the saved plans are open in an older version of the planner in another tab'));
  }).catch((error) => {
    db = null;
    throw error;
  });
  return db;
}

/** The text saved under `key`, or null. */
export async function idbGet(key) {
  const d = await open();
  return new Promise((resolve, reject) => {
    const request = d.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    request.onsuccess = () => resolve(typeof request.result === 'string' ? request.result : null);
    request.onerror = () => reject(request.error);
  });
}

/** Saves `value` under `key`; resolves once the write is durable. */
export async function idbPut(key, value) {
  const d = await open();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the write was aborted'));
  });
}
