import { z } from 'zod';
import type { HttpClient } from '../../core/http/http-client';

const NamedPage = z.object({
  totalCount: z.number().int().min(0),
  results: z.array(z.object({ id: z.union([z.string(), z.number()]), name: z.string() })),
});

export type ReferenceKind = 'departments' | 'buildings';

/**
 * Department and building names by id (`/api/v1/departments`, `/api/v1/buildings`). Loaded on
 * first use and kept until `reset()`, which the reader calls at the start of every run.
 */
export class JamfReferenceNames {
  private readonly loaded = new Map<ReferenceKind, Promise<Map<string, string>>>();

  constructor(private readonly http: HttpClient) {}

  reset(): void {
    this.loaded.clear();
  }

  async nameOf(kind: ReferenceKind, id: unknown): Promise<string | null> {
    if (id === null || id === undefined || id === '' || id === '-1') return null;
    return (await this.table(kind)).get(String(id)) ?? null;
  }

  /** The id of a name (case-insensitive), for writes; null when Jamf has no such name. */
  async idOf(kind: ReferenceKind, name: string): Promise<string | null> {
    const wanted = name.trim().toLowerCase();
    for (const [id, n] of await this.table(kind)) if (n.trim().toLowerCase() === wanted) return id;
    return null;
  }

  private table(kind: ReferenceKind): Promise<Map<string, string>> {
    let table = this.loaded.get(kind);
    if (table === undefined) {
      table = this.load(kind);
      table.catch(() => this.loaded.delete(kind));
      this.loaded.set(kind, table);
    }
    return table;
  }

  private async load(kind: ReferenceKind): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let page = 0; ; page++) {
      const res = await this.http.request<unknown>({
        method: 'GET',
        path: `/api/v1/${kind}`,
        query: { page, 'page-size': 2000, sort: 'id:asc' },
      });
      const parsed = NamedPage.safeParse(res.data);
      if (!parsed.success) throw new Error(`Jamf /api/v1/${kind} answered an unexpected body`);
      for (const r of parsed.data.results) out.set(String(r.id), r.name);
      if (parsed.data.results.length === 0 || out.size >= parsed.data.totalCount) return out;
    }
  }
}
