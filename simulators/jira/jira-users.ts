/**
 * The site's user directory: Atlassian accounts with opaque `accountId`s. Connectors map e-mail
 * addresses to account ids with `GET /rest/api/3/user/search?query=`.
 */
export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  active: boolean;
  accountType: 'atlassian' | 'app' | 'customer';
  timeZone: string;
}

export class JiraUsers {
  private readonly byId = new Map<string, JiraUser>();
  private readonly byEmail = new Map<string, JiraUser>();
  private counter = 0;

  constructor(private readonly prefix: string) {}

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
    this.byEmail.clear();
    this.counter = 0;
  }

  add(user: JiraUser): JiraUser {
    this.byId.set(user.accountId, user);
    if (user.emailAddress) this.byEmail.set(user.emailAddress.toLowerCase(), user);
    return user;
  }

  /** The user with this e-mail, created with a new account id when unknown. */
  ensure(email: string, displayName: string): JiraUser {
    const existing = this.byEmail.get(email.trim().toLowerCase());
    if (existing) return existing;
    this.counter += 1;
    const accountId = `${this.prefix}${this.counter.toString(16).padStart(12, '0')}`;
    return this.add({
      accountId,
      displayName: displayName || email,
      emailAddress: email.trim(),
      active: true,
      accountType: 'atlassian',
      timeZone: 'UTC',
    });
  }

  get(accountId: string): JiraUser | undefined {
    return this.byId.get(accountId);
  }

  /** Case-insensitive prefix match on e-mail, display name or its words, as Jira's search does. */
  search(query: string, limit: number): JiraUser[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const out: JiraUser[] = [];
    for (const user of this.byId.values()) {
      const words = user.displayName.toLowerCase().split(/\s+/);
      if (
        user.emailAddress.toLowerCase().startsWith(q) ||
        user.displayName.toLowerCase().startsWith(q) ||
        words.some((w) => w.startsWith(q))
      ) {
        out.push(user);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  all(): JiraUser[] {
    return [...this.byId.values()];
  }
}
