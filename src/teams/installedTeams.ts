import type { Clock } from '../kernel/clock';
import type { DocumentStore } from '../kernel/documentStore';
import { documentIdFor } from '../kernel/hash';

/**
 * A team the bot is installed in: enough to read its roster and to open a personal chat with a
 * member from its context (Teams needs the team's service URL and the tenant for that).
 */
export interface InstalledTeam {
  readonly tenantId: string;
  readonly teamId: string;
  readonly serviceUrl: string;
  /** The team's name as Teams gave it on install (a team's name, not a person's). */
  readonly name?: string;
  /** The team's channel conversation, as stored conversation references are (no display names). */
  readonly reference: Readonly<Record<string, unknown>>;
  readonly installedAt: string;
}

/** Where the bot is installed, per council: written on install, removed on uninstall. */
export interface InstalledTeams {
  record(team: Omit<InstalledTeam, 'installedAt'>): Promise<void>;
  remove(tenantId: string, teamId: string): Promise<void>;
  find(tenantId: string, teamId: string): Promise<InstalledTeam | undefined>;
  listForTenant(tenantId: string): Promise<InstalledTeam[]>;
}

/** The partition of a council's installed teams (beside its nudges, in the nudges container). */
export const installedTeamsPartition = (tenantId: string): string => `teams:${tenantId}`;

/** Installed teams over the storage port: one document per team, a council per partition. */
export class StoredInstalledTeams implements InstalledTeams {
  constructor(
    private readonly store: DocumentStore<InstalledTeam>,
    private readonly clock: Clock,
  ) {}

  async record(team: Omit<InstalledTeam, 'installedAt'>): Promise<void> {
    // A blind upsert: Teams may send the install twice (installationUpdate and conversationUpdate),
    // and the newest service URL is the one to keep.
    await this.store.upsert(this.keyOf(team.tenantId, team.teamId), {
      ...team,
      installedAt: this.clock.now().toISOString(),
    });
  }

  async remove(tenantId: string, teamId: string): Promise<void> {
    await this.store.delete(this.keyOf(tenantId, teamId));
  }

  async find(tenantId: string, teamId: string): Promise<InstalledTeam | undefined> {
    return (await this.store.read(this.keyOf(tenantId, teamId)))?.value;
  }

  async listForTenant(tenantId: string): Promise<InstalledTeam[]> {
    const items = await this.store.listPartition(installedTeamsPartition(tenantId));
    return items.map((item) => item.value);
  }

  private keyOf(tenantId: string, teamId: string) {
    return { partitionKey: installedTeamsPartition(tenantId), id: documentIdFor(teamId) };
  }
}
