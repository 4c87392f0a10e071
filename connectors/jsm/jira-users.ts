import type { Version3Client } from 'jira.js';
import { z } from 'zod';
import { VendorHttpError } from '../../core/http/vendor-error';
import { jiraCall } from './jira-http-adapter';

const UserWire = z.looseObject({
  accountId: z.string().min(1),
  emailAddress: z.string().optional(),
  displayName: z.string().optional(),
});

/**
 * Atlassian accounts by id and by e-mail, cached for one run. Assets user attributes hold account
 * ids; the core holds e-mail addresses. An e-mail maps to an account only on an exact
 * (case-insensitive) match, never on the prefix match `user/search` does.
 */
export class JiraUsers {
  private readonly emailById = new Map<string, string | null>();
  private readonly idByEmail = new Map<string, string | null>();

  constructor(private readonly platform: Version3Client) {}

  reset(): void {
    this.emailById.clear();
    this.idByEmail.clear();
  }

  /** The e-mail of an account; null when the account is gone or hides its address. */
  async emailOf(accountId: string): Promise<string | null> {
    const cached = this.emailById.get(accountId);
    if (cached !== undefined) return cached;
    let email: string | null = null;
    try {
      const user = UserWire.parse(
        await jiraCall(() => this.platform.users.getUser<unknown>({ accountId })),
      );
      email = user.emailAddress?.trim() || null;
    } catch (err) {
      if (!(err instanceof VendorHttpError && err.status === 404)) throw err;
    }
    this.emailById.set(accountId, email);
    if (email !== null) this.idByEmail.set(email.toLowerCase(), accountId);
    return email;
  }

  /** The account id whose e-mail is exactly `email`; null when none is. */
  async accountIdOf(email: string): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const cached = this.idByEmail.get(key);
    if (cached !== undefined) return cached;
    const found = z
      .array(UserWire)
      .parse(
        await jiraCall(() =>
          this.platform.userSearch.findUsers<unknown>({ query: email.trim(), maxResults: 20 }),
        ),
      );
    const exact = found.find((u) => u.emailAddress?.toLowerCase() === key);
    const id = exact?.accountId ?? null;
    this.idByEmail.set(key, id);
    if (id !== null) this.emailById.set(id, email.trim());
    return id;
  }
}
