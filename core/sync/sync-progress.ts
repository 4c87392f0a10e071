/** Where the engine reports progress: a bar on a terminal, log lines elsewhere. */
export interface SyncProgress {
  /** A phase starts: `read` or `write` of one connector; `total` when known. */
  start(phase: 'read' | 'write', connector: string, total?: number): void;
  /** `count` more records done in the current phase; `total` when it became known. */
  advance(count: number, total?: number): void;
  /** The current phase ended. */
  stop(): void;
}

export const NO_PROGRESS: SyncProgress = { start: () => {}, advance: () => {}, stop: () => {} };
