// Where picture files live, addressed by the sha256 of their bytes. The data dir holds them
// today (file-blob-store.ts); several instances can share one store behind the same interface.

/** Content-addressed storage of immutable files. */
export interface BlobStore {
  /**
   * Stores `bytes` under their sha256 (lowercase hex) unless already there; never leaves a partial
   * file under a hash. `hash`: that sha256 when the caller computed it already (while the upload streamed in).
   */
  put(bytes: Uint8Array, hash?: string): Promise<{ hash: string; created: boolean }>;
  /** The bytes stored under `hash`, or null. */
  get(hash: string): Promise<Buffer | null>;
  /** Whether something is stored under `hash`. */
  has(hash: string): Promise<boolean>;
}
